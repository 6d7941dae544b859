import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../../../../../libs/domain/src/domain-error';
import { PlanDraftRepository } from '../../../../../libs/persistence/src/repositories/plan-draft.repository';
import { canonicalJson, sha256 } from '../../../../../libs/persistence/src/stable-id';
import { noteAudit } from '../../audit/audit-context';
import { ImportPlanUseCase, type ImportPlanResult } from '../import-plan.use-case';
import { missingFields } from './draft-review';
import { PlanDraftViews, refuseApplied, type PlanDraftView } from './plan-draft-views';

export interface ApplyPlanDraftCommand {
  readonly id: string;
  readonly dryRun: boolean;
  readonly strict: boolean;
  readonly withdrawRemoved: boolean;
  readonly actor: string;
}

export interface ApplyPlanDraftResult {
  // What the import answered: the same as POST /plans with the draft's plan as the file.
  readonly import: ImportPlanResult;
  readonly draft: PlanDraftView;
}

// 导入草稿: the draft's plan goes through the normal import (validation, the re-import's diff,
// workflows, audit), once every placeholder the document left has been replaced.
@Injectable()
export class ApplyPlanDraftUseCase {
  constructor(
    @Inject(PlanDraftRepository) private readonly drafts: PlanDraftRepository,
    @Inject(PlanDraftViews) private readonly views: PlanDraftViews,
    @Inject(ImportPlanUseCase) private readonly importPlan: ImportPlanUseCase,
  ) {}

  async execute(c: ApplyPlanDraftCommand): Promise<ApplyPlanDraftResult> {
    const row = await this.views.found(c.id);
    refuseApplied(row);
    const missing = missingFields(row.draft.fields, row.edited);
    if (missing.length)
      throw new DomainError(
        'PLAN_DRAFT_INCOMPLETE',
        `the document did not give ${missing.length} field(s) and they are still placeholders: ` +
          `${missing.map((f) => f.path).join(', ')}; edit them (PATCH /plans/drafts/${c.id}) before applying`,
        missing.map((f) => ({ path: f.path, message: f.note ?? 'missing: the document does not say' })),
      );
    const json = canonicalJson(row.plan);
    // The request has no body: the audit row records what was imported by its digest.
    noteAudit({ after: { plan: { sha256: sha256(json), chars: json.length } } });
    const result = await this.importPlan.execute({
      source: { format: 'json', bytes: Buffer.from(JSON.stringify(row.plan)) },
      dryRun: c.dryRun,
      strict: c.strict,
      withdrawRemoved: c.withdrawRemoved,
      actor: c.actor,
    });
    noteAudit({ targets: { planId: result.planId } });
    if (result.outcome === 'dry_run') return { import: result, draft: await this.views.view(row) };
    if (!(await this.drafts.markApplied(row.id, result.planId)))
      refuseApplied(await this.views.found(row.id));
    return { import: result, draft: await this.views.view(await this.views.found(row.id)) };
  }
}
