import type { Provider } from '@nestjs/common';
import { PlanDraftRepository } from '../../../../../libs/persistence/src/repositories/plan-draft.repository';
import { repositoryProvider } from '../../../../../libs/persistence/src/repository.provider';
import { ApplyPlanDraftUseCase } from './apply-plan-draft.use-case';
import { CreatePlanDraftUseCase } from './create-plan-draft.use-case';
import { DeletePlanDraftUseCase } from './delete-plan-draft.use-case';
import { GetPlanDraftUseCase } from './get-plan-draft.use-case';
import { ListPlanDraftsUseCase } from './list-plan-drafts.use-case';
import { PatchPlanDraftUseCase } from './patch-plan-draft.use-case';
import { PlanDraftViews } from './plan-draft-views';

// Plan drafts live in the plans module: applying one is the plans' import.
export const PLAN_DRAFT_PROVIDERS: Provider[] = [
  CreatePlanDraftUseCase,
  ListPlanDraftsUseCase,
  GetPlanDraftUseCase,
  PatchPlanDraftUseCase,
  ApplyPlanDraftUseCase,
  DeletePlanDraftUseCase,
  PlanDraftViews,
  repositoryProvider(PlanDraftRepository),
];
