import { Module } from '@nestjs/common';
import { CadenceRepository } from '../../../../libs/persistence/src/repositories/cadence.repository';
import { repositoryProvider } from '../../../../libs/persistence/src/repository.provider';
import { CadenceController } from './cadence.controller';
import { ListReportingPeriodsUseCase } from './list-reporting-periods.use-case';
import { RenderRollUpUseCase } from './render-roll-up.use-case';
import { ReportingPlan } from './reporting-plan';

// The plan's reporting cadence read back: periods with who reported and who missed, and each
// closed period's roll-up. The cadence itself runs in the plan-cadence workflow.
@Module({
  controllers: [CadenceController],
  providers: [
    repositoryProvider(CadenceRepository),
    ReportingPlan,
    ListReportingPeriodsUseCase,
    RenderRollUpUseCase,
  ],
})
export class CadenceModule {}
