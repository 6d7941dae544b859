import { Inject, Injectable } from '@nestjs/common';
import { DomainError, type ErrorDetail } from '../../../../../libs/domain/src/domain-error';
import { diffPlans, type PlanDiff } from '../../../../../libs/domain/src/plan-diff';
import { validatePlanDefinition, type PlanDefinition } from '../../../../../libs/domain/src/plan-definition';
import type { PlanDraftEntity } from '../../../../../libs/persistence/src/entities/plan-draft.entity';
import { PlanDraftRepository } from '../../../../../libs/persistence/src/repositories/plan-draft.repository';
import { PlanRepository } from '../../../../../libs/persistence/src/repositories/plan.repository';
import type {
  DocumentParagraph,
  DraftFieldSource,
  PlanDraft,
} from '../../../../../libs/plan-io/src/draft/plan-draft';
import { doubtfulFields } from './draft-review';

// A draft as the office reviews it: the plan as edited, where each field came from, what is still
// doubtful, what validation says, and what applying it would change.
export interface PlanDraftView {
  readonly id: string;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly fileName: string | null;
  readonly format: string;
  readonly status: PlanDraftEntity['status'];
  readonly appliedPlanId: string | null;
  // The imported plan of the same code, which applying the draft would change; null when new.
  readonly targetPlanCode: string | null;
  readonly revision: number;
  readonly plan: Record<string, unknown>;
  readonly fields: PlanDraft['fields'];
  readonly edited: readonly string[];
  readonly warnings: PlanDraft['warnings'];
  readonly declared: PlanDraft['declared'];
  readonly proposedUnits: PlanDraft['proposedUnits'];
  // Fields read with low confidence or not at all (placeholders), not edited since.
  readonly doubtful: readonly DraftFieldSource[];
  // Validation problems of the plan as it stands; empty when it would import.
  readonly problems: readonly ErrorDetail[];
  // The re-import's diff against the imported plan of that code, or against an empty plan (all
  // added) when the plan is new; null while the plan is not valid.
  readonly review: PlanDiff | null;
  // GET /plans/drafts/:id only: the document, to show beside the draft.
  readonly paragraphs?: readonly DocumentParagraph[];
}

export interface PlanDraftSummary {
  readonly id: string;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly fileName: string | null;
  readonly format: string;
  readonly status: PlanDraftEntity['status'];
  readonly planCode: string | null;
  readonly planTitle: string | null;
  readonly targetPlanCode: string | null;
  readonly appliedPlanId: string | null;
}

@Injectable()
export class PlanDraftViews {
  constructor(
    @Inject(PlanDraftRepository) private readonly drafts: PlanDraftRepository,
    @Inject(PlanRepository) private readonly plans: PlanRepository,
  ) {}

  async found(id: string): Promise<PlanDraftEntity> {
    const row = await this.drafts.find(id);
    if (!row) throw new DomainError('NOT_FOUND', `no plan draft ${id}`);
    return row;
  }

  // The imported plan a draft of this code would change, if any.
  async targetOf(plan: Record<string, unknown>): Promise<string | null> {
    const code = planCodeOf(plan);
    return code ? ((await this.plans.findByCode(code))?.code ?? null) : null;
  }

  async view(row: PlanDraftEntity, o: { readonly paragraphs?: boolean } = {}): Promise<PlanDraftView> {
    const validation = validatePlanDefinition(row.plan);
    return {
      id: row.id,
      createdAt: row.createdAt.toISOString(),
      createdBy: row.createdBy,
      fileName: row.fileName,
      format: row.format,
      status: row.status,
      appliedPlanId: row.appliedPlanId,
      targetPlanCode: row.targetPlanCode,
      revision: row.revision,
      plan: row.plan,
      fields: row.draft.fields,
      edited: row.edited,
      warnings: row.draft.warnings,
      declared: row.draft.declared,
      proposedUnits: row.draft.proposedUnits,
      doubtful: doubtfulFields(row.draft.fields, row.edited),
      problems: validation.ok ? [] : validation.problems,
      review: validation.ok ? await this.review(validation.plan) : null,
      ...(o.paragraphs ? { paragraphs: row.documentText.paragraphs } : {}),
    };
  }

  summary(row: PlanDraftEntity): PlanDraftSummary {
    const plan = row.plan.plan as Record<string, unknown> | undefined;
    return {
      id: row.id,
      createdAt: row.createdAt.toISOString(),
      createdBy: row.createdBy,
      fileName: row.fileName,
      format: row.format,
      status: row.status,
      planCode: planCodeOf(row.plan),
      planTitle: typeof plan?.title === 'string' ? plan.title : null,
      targetPlanCode: row.targetPlanCode,
      appliedPlanId: row.appliedPlanId,
    };
  }

  // The same diff a re-import shows (import-plan.use-case.ts): against the plan as last applied,
  // or, for a new plan, against the same plan with nothing in it.
  private async review(plan: PlanDefinition): Promise<PlanDiff> {
    const existing = await this.plans.findByCode(plan.plan.code);
    const before = existing
      ? await this.plans.definitionOf(existing)
      : { ...plan, units: [], groups: undefined, categories: [] };
    return diffPlans(before, plan);
  }
}

// An applied draft is the record of where its plan came from: it is neither edited nor deleted.
export function refuseApplied(row: PlanDraftEntity): void {
  if (row.status === 'applied')
    throw new DomainError(
      'PLAN_DRAFT_APPLIED',
      `plan draft ${row.id} was applied (plan ${row.appliedPlanId ?? '?'}); change the plan by re-importing it`,
    );
}

function planCodeOf(plan: Record<string, unknown>): string | null {
  const code = (plan.plan as Record<string, unknown> | undefined)?.code;
  return typeof code === 'string' && code ? code : null;
}
