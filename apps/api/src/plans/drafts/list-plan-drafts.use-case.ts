import { Inject, Injectable } from '@nestjs/common';
import { PlanDraftRepository } from '../../../../../libs/persistence/src/repositories/plan-draft.repository';
import { PlanDraftViews, type PlanDraftSummary } from './plan-draft-views';

// The drafts kept, newest first.
@Injectable()
export class ListPlanDraftsUseCase {
  constructor(
    @Inject(PlanDraftRepository) private readonly drafts: PlanDraftRepository,
    @Inject(PlanDraftViews) private readonly views: PlanDraftViews,
  ) {}

  async execute(): Promise<PlanDraftSummary[]> {
    return (await this.drafts.list()).map((row) => this.views.summary(row));
  }
}
