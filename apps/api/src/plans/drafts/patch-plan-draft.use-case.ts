import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../../../../../libs/domain/src/domain-error';
import { PlanDraftRepository } from '../../../../../libs/persistence/src/repositories/plan-draft.repository';
import { patchPlan, touchedFields } from './draft-review';
import { PlanDraftViews, refuseApplied, type PlanDraftView } from './plan-draft-views';

// 修改草稿: a JSON Patch (RFC 6902) on the draft's plan, applied whole or not at all. The fields it
// touches count as edited: no longer doubtful, no longer missing.
@Injectable()
export class PatchPlanDraftUseCase {
  constructor(
    @Inject(PlanDraftRepository) private readonly drafts: PlanDraftRepository,
    @Inject(PlanDraftViews) private readonly views: PlanDraftViews,
  ) {}

  async execute(id: string, ops: unknown): Promise<PlanDraftView> {
    const row = await this.views.found(id);
    refuseApplied(row);
    const patched = patchPlan(row.plan, ops);
    if (!patched.ok) throw new DomainError('VALIDATION_FAILED', patched.message, patched.details);
    const touched = touchedFields(row.draft.fields, ops as never);
    const edited = [...new Set([...row.edited, ...touched])];
    const targetPlanCode = await this.views.targetOf(patched.plan);
    const change = { plan: patched.plan, edited, targetPlanCode };
    if (!(await this.drafts.update(row.id, row.revision, change)))
      throw new DomainError(
        'PLAN_CONFLICT',
        `plan draft ${id} was changed (or applied) while this edit was made; read it again and repeat the edit`,
      );
    return this.views.view({ ...row, ...change, revision: row.revision + 1 });
  }
}
