import { Inject, Injectable } from '@nestjs/common';
import { PlanDraftRepository } from '../../../../../libs/persistence/src/repositories/plan-draft.repository';
import { PlanDraftViews, refuseApplied } from './plan-draft-views';

// 删除草稿: a draft not applied.
@Injectable()
export class DeletePlanDraftUseCase {
  constructor(
    @Inject(PlanDraftRepository) private readonly drafts: PlanDraftRepository,
    @Inject(PlanDraftViews) private readonly views: PlanDraftViews,
  ) {}

  async execute(id: string): Promise<void> {
    const row = await this.views.found(id);
    refuseApplied(row);
    // Applied (or deleted) meanwhile: say which.
    if (!(await this.drafts.deleteUnapplied(id))) refuseApplied(await this.views.found(id));
  }
}
