import { Inject, Injectable } from '@nestjs/common';
import { PlanDraftViews, type PlanDraftView } from './plan-draft-views';

// One draft with the document's paragraphs, to show the document and the draft side by side.
@Injectable()
export class GetPlanDraftUseCase {
  constructor(@Inject(PlanDraftViews) private readonly views: PlanDraftViews) {}

  async execute(id: string): Promise<PlanDraftView> {
    return this.views.view(await this.views.found(id), { paragraphs: true });
  }
}
