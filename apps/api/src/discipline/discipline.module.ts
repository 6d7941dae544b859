import { Module } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { RECTIFY_CONFIG } from '../../../../libs/config/src/config.module';
import type { RectifyConfig } from '../../../../libs/config/src/rectify-config';
import { AccountabilityRepository } from '../../../../libs/persistence/src/repositories/accountability.repository';
import { DisciplineFiguresRepository } from '../../../../libs/persistence/src/repositories/discipline-figures.repository';
import { ApiTokenRepository } from '../../../../libs/persistence/src/repositories/api-token.repository';
import { UnitRepository } from '../../../../libs/persistence/src/repositories/unit.repository';
import { UserRepository } from '../../../../libs/persistence/src/repositories/user.repository';
import { repositoryProvider } from '../../../../libs/persistence/src/repository.provider';
import { AccountabilityCaseGateway } from '../../../../libs/temporal/src/accountability-case.gateway';
import { DeliveryWorkflowGateway } from '../../../../libs/temporal/src/delivery-workflow.gateway';
import { AddCasePersonUseCase } from './add-case-person.use-case';
import { AssignCaseBodyUseCase } from './assign-case-body.use-case';
import { CaseChanges } from './case-changes';
import { CasesController, MeasureAccountabilityController } from './cases.controller';
import { ConcludeCaseUseCase } from './conclude-case.use-case';
import { CorrectDecisionUseCase } from './correct-decision.use-case';
import { DisciplineAccess } from './discipline-access';
import { DisciplineBodiesController } from './discipline-bodies.controller';
import { DisciplineFiguresScope } from './discipline-figures-scope';
import { DisciplineFiguresController } from './discipline-figures.controller';
import { EnterDisciplineFiguresUseCase } from './discipline-figures-enter.use-case';
import { GetDisciplineFiguresUseCase } from './discipline-figures.use-case';
import { OverBroadReportUseCase } from './over-broad.use-case';
import { GetCaseUseCase } from './get-case.use-case';
import { ListCasesUseCase } from './list-cases.use-case';
import { ListDisciplineBodiesUseCase } from './list-discipline-bodies.use-case';
import { MeasureAccountabilityUseCase } from './measure-accountability.use-case';
import { PutDisciplineBodyUseCase } from './put-discipline-body.use-case';
import { RecordDecisionUseCase } from './record-decision.use-case';
import { ReferMeasureUseCase } from './refer-measure.use-case';
import { ReviewDecisionUseCase } from './review-decision.use-case';
import { SetBodyMembersUseCase } from './set-body-members.use-case';
import { ProblemLeadRepository } from '../../../../libs/persistence/src/repositories/problem-lead.repository';
import { ProblemLeadGateway } from '../../../../libs/temporal/src/problem-lead.gateway';
import { GetProblemLeadUseCase } from './get-problem-lead.use-case';
import { LeadsController } from './leads.controller';
import { ListProblemLeadsUseCase } from './list-problem-leads.use-case';
import { ProblemLeadAccess } from './problem-lead-access';
import { ProblemLeadFiguresUseCase } from './problem-lead-figures.use-case';
import { RegisterProblemLeadsUseCase } from './register-problem-leads.use-case';
import { VerifyProblemLeadUseCase } from './verify-problem-lead.use-case';

// Escalation to discipline bodies (纪委监委): bodies and their jurisdiction, accountability cases
// with their decisions, reviews and corrections.
@Module({
  controllers: [
    DisciplineBodiesController,
    CasesController,
    MeasureAccountabilityController,
    DisciplineFiguresController,
    LeadsController,
  ],
  providers: [
    repositoryProvider(AccountabilityRepository),
    repositoryProvider(UnitRepository),
    repositoryProvider(UserRepository),
    repositoryProvider(ApiTokenRepository),
    {
      provide: AccountabilityCaseGateway,
      inject: [Client, RECTIFY_CONFIG, AccountabilityRepository, UnitRepository, DeliveryWorkflowGateway],
      useFactory: (
        client: Client,
        config: RectifyConfig,
        cases: AccountabilityRepository,
        units: UnitRepository,
        deliveries: DeliveryWorkflowGateway,
      ) => new AccountabilityCaseGateway(client, config.temporal.taskQueue, cases, units, deliveries),
    },
    DisciplineAccess,
    CaseChanges,
    ListDisciplineBodiesUseCase,
    PutDisciplineBodyUseCase,
    SetBodyMembersUseCase,
    ListCasesUseCase,
    GetCaseUseCase,
    ReferMeasureUseCase,
    AssignCaseBodyUseCase,
    AddCasePersonUseCase,
    RecordDecisionUseCase,
    ReviewDecisionUseCase,
    CorrectDecisionUseCase,
    ConcludeCaseUseCase,
    MeasureAccountabilityUseCase,
    repositoryProvider(DisciplineFiguresRepository),
    DisciplineFiguresScope,
    GetDisciplineFiguresUseCase,
    EnterDisciplineFiguresUseCase,
    OverBroadReportUseCase,
    // The problem-lead ledger (问题线索台账).
    repositoryProvider(ProblemLeadRepository),
    {
      provide: ProblemLeadGateway,
      inject: [Client, RECTIFY_CONFIG],
      useFactory: (client: Client, config: RectifyConfig) =>
        new ProblemLeadGateway(client, config.temporal.taskQueue),
    },
    ProblemLeadAccess,
    RegisterProblemLeadsUseCase,
    ListProblemLeadsUseCase,
    GetProblemLeadUseCase,
    VerifyProblemLeadUseCase,
    ProblemLeadFiguresUseCase,
  ],
  exports: [AccountabilityRepository, AccountabilityCaseGateway, DisciplineAccess, CaseChanges],
})
export class DisciplineModule {}
