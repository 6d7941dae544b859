import type { Provider } from '@nestjs/common';
import { RECTIFY_CONFIG } from '../../../../../libs/config/src/config.module';
import type { RectifyConfig } from '../../../../../libs/config/src/rectify-config';
import { IsolatedDocumentTextReader } from '../../../../../libs/plan-io/src/draft/isolated-document-text.reader';
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
  // Documents are read in threads of their own, with the limits plan files are read with.
  {
    provide: IsolatedDocumentTextReader,
    inject: [RECTIFY_CONFIG],
    useFactory: (config: RectifyConfig) =>
      new IsolatedDocumentTextReader({
        memoryMb: config.planFiles.parseMemoryMb,
        timeoutMs: config.planFiles.parseTimeoutMs,
      }),
  },
];
