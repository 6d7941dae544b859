// The escalation ladder (督办升级): time-driven steps relative to a measure's deadline.
// Pure and deterministic: the measure workflow and any preview use this one implementation.
import type { AcknowledgementPolicy } from './acknowledgement-policy';
import type { LightRule } from './measure-light';
import { addIsoDuration, parseIsoDuration } from './iso-duration';
import {
  offsetFrom,
  parseWorkingDayOffset,
  previousWorkingMoment,
  WorkingCalendar,
} from './working-calendar';

export const ESCALATION_STEP_KINDS = [
  'reminder', // 提醒: before the deadline
  'overdue_notice', // 催办: the deadline has passed
  'supervision_notice', // 督办: addressed to the lead leader
  'formal_talk', // 约谈
  'accountability_referral', // 问责移送: handed to the discipline body
] as const;
export type EscalationStepKind = (typeof ESCALATION_STEP_KINDS)[number];

// 0 for reminders; overdue steps climb from 1. Recorded on each step and used for "overdue level".
export const ESCALATION_LEVEL: Record<EscalationStepKind, number> = {
  reminder: 0,
  overdue_notice: 1,
  supervision_notice: 2,
  formal_talk: 3,
  accountability_referral: 4,
};

// The steps past the deadline (催办, 督办, 约谈, 问责移送): a reminder, before it, is no escalation.
export const ESCALATION_KINDS: readonly EscalationStepKind[] = ESCALATION_STEP_KINDS.filter(
  (k) => ESCALATION_LEVEL[k] > 0,
);

export interface EscalationStepPolicy {
  readonly kind: EscalationStepKind;
  // Relative to the deadline: `-P7D` is seven days before, `P3D` three days after; with a working
  // calendar, `-P2WD` is two working days before, `P3WD` three working days after.
  readonly offset: string;
}

export interface EscalationPolicy {
  readonly version: string;
  readonly steps: readonly EscalationStepPolicy[];
  // 签收 (acknowledgement-policy.ts): absent, no acknowledgement is required.
  readonly acknowledgement?: AcknowledgementPolicy;
  // The traffic-light rule (亮灯) of the plan's measures; absent means DEFAULT_LIGHT_RULE.
  readonly lights?: LightRule;
}

export interface LadderStep {
  // Stable name of the step within one deadline; part of every idempotency key.
  readonly key: string;
  readonly kind: EscalationStepKind;
  readonly offset: string;
  readonly level: number;
  readonly fireAtMs: number;
}

export const DEFAULT_ESCALATION_POLICY: EscalationPolicy = {
  version: 'default-1',
  steps: [
    { kind: 'reminder', offset: '-P7D' },
    { kind: 'reminder', offset: '-P1D' },
    { kind: 'overdue_notice', offset: 'PT0S' },
    { kind: 'supervision_notice', offset: 'P3D' },
    { kind: 'formal_talk', offset: 'P7D' },
    { kind: 'accountability_referral', offset: 'P15D' },
  ],
};

export interface PolicyProblem {
  readonly index: number;
  readonly field: 'kind' | 'offset';
  readonly message: string;
}

// Every reason a policy cannot drive a ladder, so an import can name them all at once. Working-day
// offsets (`P3WD`) count on a calendar, so they are refused where none applies.
export function checkEscalationPolicy(
  policy: EscalationPolicy,
  opts: { readonly calendar: boolean },
): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const seen = new Set<string>();
  policy.steps.forEach((step, index) => {
    const refuse = (message: string) => problems.push({ index, field: 'offset', message });
    const workingDays = parseWorkingDayOffset(step.offset);
    let isBefore = false;
    if (workingDays !== null) {
      if (!opts.calendar) {
        refuse(
          `step ${index + 1} (${step.kind} at ${step.offset}) counts working days, but no working ` +
            'calendar applies: name one in plan.calendar, or write the offset as an ISO-8601 duration (e.g. -P2D)',
        );
        return;
      }
      isBefore = workingDays < 0;
    } else {
      try {
        isBefore = parseIsoDuration(step.offset).sign < 0 && addIsoDuration(0, step.offset) < 0;
      } catch (e) {
        refuse((e as Error).message);
        return;
      }
    }
    if (step.kind === 'reminder' && !isBefore)
      refuse(`a reminder must come before the deadline (e.g. -P1D), got ${step.offset}`);
    if (step.kind !== 'reminder' && isBefore)
      refuse(`a ${step.kind} cannot come before the deadline, got ${step.offset}`);
    const key = stepKey(step);
    if (seen.has(key)) refuse(`step ${key} is listed twice`);
    seen.add(key);
  });
  return problems;
}

export function stepKey(step: EscalationStepPolicy): string {
  return `${step.kind}@${step.offset}`;
}

// The steps of one deadline in firing order; equal times keep the ladder's order of severity.
// With a working calendar, offsets may count working days, and a reminder that would fall outside
// working time comes at the previous working moment instead: a reminder nobody reads is late. An
// escalation is never pulled earlier, since it must not come before the time the policy gives.
export function planLadder(
  dueAtMs: number,
  policy: EscalationPolicy,
  calendar: WorkingCalendar | null = null,
): LadderStep[] {
  return policy.steps
    .map((s) => {
      const at = offsetFrom(dueAtMs, s.offset, calendar);
      return {
        key: stepKey(s),
        kind: s.kind,
        offset: s.offset,
        level: ESCALATION_LEVEL[s.kind],
        fireAtMs: calendar && s.kind === 'reminder' ? previousWorkingMoment(calendar, at) : at,
      };
    })
    .sort((a, b) => a.fireAtMs - b.fireAtMs || a.level - b.level);
}

export interface LadderPosition {
  // Steps whose time had passed before the measure was followed: never announced late.
  readonly skipped: readonly LadderStep[];
  // The most severe overdue step already due, fired at once so the measure starts at its true level.
  readonly catchUp: LadderStep | null;
  readonly pending: readonly LadderStep[];
}

// Where a ladder stands when a measure starts being followed at `startMs` (e.g. a plan imported
// after some deadlines passed): reminders for the past are pointless, and six notices at once would
// be noise, so only the highest escalation already reached is fired.
export function ladderPositionAt(ladder: readonly LadderStep[], startMs: number): LadderPosition {
  const past = ladder.filter((s) => s.fireAtMs <= startMs);
  const pending = ladder.filter((s) => s.fireAtMs > startMs);
  const overduePast = past.filter((s) => s.kind !== 'reminder');
  const catchUp = overduePast.length > 0 ? overduePast[overduePast.length - 1] : null;
  return { skipped: past.filter((s) => s !== catchUp), catchUp, pending };
}

export interface StepMove {
  readonly kind: EscalationStepKind;
  // 1 for the first step of this kind on the ladder, 2 for the second…
  readonly ordinal: number;
  // null `fromMs`: the new policy adds the step; null `toMs`: it removes it.
  readonly fromMs: number | null;
  readonly toMs: number | null;
}

// What applying `to` instead of `from` would change for a deadline: the steps not yet fired or
// skipped, paired by kind and order. The workflow recomputes its ladder with `planLadder` from the
// same policy and its calendar, so this preview and the running measure cannot disagree.
export function previewPolicyChange(
  dueAtMs: number,
  from: EscalationPolicy,
  to: EscalationPolicy,
  handledKeys: ReadonlySet<string>,
  calendar: WorkingCalendar | null = null,
): StepMove[] {
  const pendingByKind = (policy: EscalationPolicy) => {
    const byKind = new Map<EscalationStepKind, LadderStep[]>();
    for (const step of planLadder(dueAtMs, policy, calendar)) {
      if (handledKeys.has(step.key)) continue;
      byKind.set(step.kind, [...(byKind.get(step.kind) ?? []), step]);
    }
    return byKind;
  };
  const before = pendingByKind(from);
  const after = pendingByKind(to);
  const moves: StepMove[] = [];
  for (const kind of ESCALATION_STEP_KINDS) {
    const a = before.get(kind) ?? [];
    const b = after.get(kind) ?? [];
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const fromMs = a[i]?.fireAtMs ?? null;
      const toMs = b[i]?.fireAtMs ?? null;
      if (fromMs !== toMs) moves.push({ kind, ordinal: i + 1, fromMs, toMs });
    }
  }
  return moves;
}
