import { Module } from '@nestjs/common';
import { PlanOverviewRepository } from '../../../../libs/persistence/src/repositories/plan-overview.repository';
import { repositoryProvider } from '../../../../libs/persistence/src/repository.provider';
import { GetPlanOverviewUseCase } from './get-plan-overview.use-case';
import { OverviewController } from './overview.controller';

// The plan overview and unit scorecard the web app draws: aggregates of the read model.
@Module({
  controllers: [OverviewController],
  providers: [repositoryProvider(PlanOverviewRepository), GetPlanOverviewUseCase],
})
export class OverviewModule {}
