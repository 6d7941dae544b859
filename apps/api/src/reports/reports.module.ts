import { Module } from '@nestjs/common';
import { CarryOverRepository } from '../../../../libs/persistence/src/repositories/carry-over.repository';
import { SpotInspectionRepository } from '../../../../libs/persistence/src/repositories/spot-inspection.repository';
import { LeaderInstructionRepository } from '../../../../libs/persistence/src/repositories/leader-instruction.repository';
import { DisciplineFiguresRepository } from '../../../../libs/persistence/src/repositories/discipline-figures.repository';
import { repositoryProvider } from '../../../../libs/persistence/src/repository.provider';
import { AssessmentModule } from '../assessment/assessment.module';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { ExportLedgerUseCase } from './export-ledger.use-case';
import { ListPublishedPlansUseCase } from './list-published-plans.use-case';
import { PlanReportSource } from './plan-report.source';
import { RenderBulletinUseCase } from './render-bulletin.use-case';
import { PublicBulletinCache } from './public-bulletin.cache';
import { PublicationController } from './publication.controller';
import { PublicPlansController } from './public-plans.controller';
import { PublishPlanUseCase } from './publish-plan.use-case';
import { ReportsController } from './reports.controller';
import { WithdrawPublicationUseCase } from './withdraw-publication.use-case';

// Plans out: ledgers (台账) and bulletins (通报), computed from the read model as of a date.
@Module({
  imports: [RateLimitModule, AssessmentModule],
  controllers: [ReportsController, PublicationController, PublicPlansController],
  providers: [
    PlanReportSource,
    ExportLedgerUseCase,
    RenderBulletinUseCase,
    PublicBulletinCache,
    PublishPlanUseCase,
    ListPublishedPlansUseCase,
    WithdrawPublicationUseCase,
    repositoryProvider(SpotInspectionRepository),
    repositoryProvider(CarryOverRepository),
    repositoryProvider(DisciplineFiguresRepository),
    repositoryProvider(LeaderInstructionRepository),
  ],
})
export class ReportsModule {}
