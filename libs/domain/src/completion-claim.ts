// 申请销号: the rules a completion claim must pass, and the warnings the verifier sees.
// Pure, so the measure workflow's validator and the table tests use this one implementation.
import type { EvidenceKind } from './evidence-kind';

export interface ClaimIndicator {
  readonly code: string;
  readonly target: number;
  readonly baseline?: number;
  readonly current?: number;
}

export interface ClaimEvidence {
  readonly kind: EvidenceKind;
  readonly description?: unknown;
}

export interface ClaimContext {
  // Evidence the plan requires: one item of each kind named.
  readonly evidenceRules: readonly { kind: EvidenceKind; description: string }[];
  // Indicators with the claim's values applied.
  readonly indicators: readonly ClaimIndicator[];
  readonly openSubMeasures: readonly string[];
  readonly openMilestones: readonly string[];
  readonly openReferralItems: readonly string[];
}

export interface ClaimInput {
  readonly evidence: readonly ClaimEvidence[];
  readonly explanation?: string;
}

// `invalid`: the claim itself is malformed (400, names the field); `refused`: the measure is not
// ready to be claimed (409).
export interface ClaimProblem {
  readonly kind: 'invalid' | 'refused';
  readonly field: string;
  readonly message: string;
}

export function indicatorShortfall(ind: ClaimIndicator): boolean {
  return (ind.current ?? ind.baseline ?? 0) < ind.target;
}

// The first problem of a claim, in the order a unit would fix them; null when it may be filed.
export function claimProblem(claim: ClaimInput, ctx: ClaimContext): ClaimProblem | null {
  if (!Array.isArray(claim.evidence) || claim.evidence.length === 0)
    return { kind: 'invalid', field: 'evidence', message: 'a completion claim must carry evidence' };
  for (const [i, e] of claim.evidence.entries()) {
    if (typeof e?.description !== 'string' || !e.description.trim())
      return { kind: 'invalid', field: `evidence[${i}].description`, message: 'must not be empty' };
  }
  const missing = ctx.evidenceRules.filter((rule) => !claim.evidence.some((e) => e.kind === rule.kind));
  if (missing.length) {
    const kinds = missing.map((r) => `${r.kind} (${r.description})`).join(', ');
    return { kind: 'invalid', field: 'evidence', message: `the plan requires evidence of kind ${kinds}` };
  }
  const below = ctx.indicators.filter(indicatorShortfall);
  if (below.length && !claim.explanation?.trim()) {
    const codes = below.map((b) => b.code).join(', ');
    return {
      kind: 'invalid',
      field: 'explanation',
      message: `indicators below target (${codes}) need an explanation`,
    };
  }
  const open: [string, readonly string[]][] = [
    ['sub-measures not yet verified', ctx.openSubMeasures],
    ['milestones not yet reached', ctx.openMilestones],
    ['referral items without an outcome', ctx.openReferralItems],
  ];
  for (const [what, codes] of open) {
    if (codes.length) return { kind: 'refused', field: 'status', message: `${what}: ${codes.join(', ')}` };
  }
  return null;
}

// What the verifier must see: a claim resting on documents alone (纸上整改) and every indicator
// short of its target.
export function claimFlags(
  evidence: readonly { kind: EvidenceKind }[],
  indicators: readonly ClaimIndicator[],
): string[] {
  const flags: string[] = [];
  if (evidence.every((e) => e.kind === 'document')) flags.push('paper_only');
  for (const ind of indicators) if (indicatorShortfall(ind)) flags.push(`below_target:${ind.code}`);
  return flags;
}
