import { Module } from '@nestjs/common';
import { RECTIFY_CONFIG } from '../../../../libs/config/src/config.module';
import type { RectifyConfig } from '../../../../libs/config/src/rectify-config';
import { IsolatedPlanFileReader } from '../../../../libs/plan-io/src/isolated-plan-file.reader';
import { CalendarRepository } from '../../../../libs/persistence/src/repositories/calendar.repository';
import { CarryOverRepository } from '../../../../libs/persistence/src/repositories/carry-over.repository';
import { repositoryProvider } from '../../../../libs/persistence/src/repository.provider';
import { ClosePlanUseCase } from './close-plan.use-case';
import { GetPlanUseCase } from './get-plan.use-case';
import { ImportPlanUseCase } from './import-plan.use-case';
import { ListPlansUseCase } from './list-plans.use-case';
import { PlanLinks } from './plan-links';
import { ListPlanVersionsUseCase } from './list-plan-versions.use-case';
import { PlanTemplateUseCase } from './plan-template.use-case';
import { PlansController } from './plans.controller';
import { PlanDraftsController } from './drafts/plan-drafts.controller';
import { PLAN_DRAFT_PROVIDERS } from './drafts/plan-drafts.providers';

@Module({
  // Drafts first: GET /plans/drafts is theirs, not a plan of code `drafts`.
  controllers: [PlanDraftsController, PlansController],
  providers: [
    ImportPlanUseCase,
    GetPlanUseCase,
    ClosePlanUseCase,
    ListPlansUseCase,
    ListPlanVersionsUseCase,
    PlanTemplateUseCase,
    ...PLAN_DRAFT_PROVIDERS,
    repositoryProvider(CalendarRepository),
    repositoryProvider(CarryOverRepository),
    PlanLinks,
    {
      provide: IsolatedPlanFileReader,
      inject: [RECTIFY_CONFIG],
      useFactory: (config: RectifyConfig) =>
        new IsolatedPlanFileReader({
          memoryMb: config.planFiles.parseMemoryMb,
          timeoutMs: config.planFiles.parseTimeoutMs,
        }),
    },
  ],
  // Spot inspections import their rounds' plans through it.
  exports: [ImportPlanUseCase],
})
export class PlansModule {}
