// 签收: a measure is first delivered to its responsible unit, which must acknowledge it within a
// limit the plan's policy sets. While it is unacknowledged, a short ladder of its own runs relative
// to the acknowledge-by time: a reminder to the unit (催签), then an escalation to the lead leader
// and the office. Pure and deterministic, like the main ladder, so the measure workflow and any
// preview share one implementation. Absent from a policy, no 签收 is required.
import { addIsoDuration, parseIsoDuration } from './iso-duration';
import {
  offsetFrom,
  parseWorkingDayOffset,
  previousWorkingMoment,
  WorkingCalendar,
} from './working-calendar';

// Where a measure's latest delivery stands (the read model's `acknowledgement`; null: no 签收 required).
export const ACKNOWLEDGEMENT_STATUSES = [
  'pending', // 待签收: delivered, not yet acknowledged
  'acknowledged', // 已签收
  'returned', // 已退回: the unit sent it back with a reason; the office reassigns or confirms it
] as const;
export type AcknowledgementStatus = (typeof ACKNOWLEDGEMENT_STATUSES)[number];

export const ACKNOWLEDGEMENT_STEP_KINDS = [
  'acknowledgement_reminder', // 催签: to the unit, at or before the acknowledge-by time
  'acknowledgement_overdue', // 逾期未签收: to the lead leader and the office, at or after it
] as const;
export type AcknowledgementStepKind = (typeof ACKNOWLEDGEMENT_STEP_KINDS)[number];

export interface AcknowledgementStepPolicy {
  readonly kind: AcknowledgementStepKind;
  // Relative to the acknowledge-by time: `PT0S` at it, `-PT4H` four hours before, `P1WD` one
  // working day after (working days need the measure's calendar, as on the main ladder).
  readonly offset: string;
}

export interface AcknowledgementPolicy {
  // How long the unit has from delivery: `P1WD` (one working day), `P1D`, `PT30S`.
  readonly within: string;
  // Absent: DEFAULT_ACKNOWLEDGEMENT_STEPS.
  readonly steps?: readonly AcknowledgementStepPolicy[];
}

// The ladder when a policy gives only `within`: the unit is reminded the moment the limit passes,
// and the lead leader and the office are told a day later if it still has not signed.
export const DEFAULT_ACKNOWLEDGEMENT_STEPS: readonly AcknowledgementStepPolicy[] = [
  { kind: 'acknowledgement_reminder', offset: 'PT0S' },
  { kind: 'acknowledgement_overdue', offset: 'P1D' },
];

export interface AcknowledgementLadderStep {
  // Stable name of the step within one delivery; part of every idempotency key.
  readonly key: string;
  readonly kind: AcknowledgementStepKind;
  readonly offset: string;
  readonly fireAtMs: number;
}

export interface AcknowledgementPolicyProblem {
  // Where in the policy, e.g. `acknowledgement.within`, `acknowledgement.steps[1].offset`.
  readonly path: string;
  readonly message: string;
}

// Every reason an acknowledgement policy cannot be followed, each located, so an import can name
// them all at once. Working-day offsets are refused where no calendar applies.
export function checkAcknowledgementPolicy(
  policy: AcknowledgementPolicy,
  opts: { readonly calendar: boolean },
): AcknowledgementPolicyProblem[] {
  const problems: AcknowledgementPolicyProblem[] = [];
  const at = 'acknowledgement';
  // -1 before, 0 at, 1 after the reference instant; null when the offset cannot be read.
  const direction = (path: string, offset: unknown): number | null => {
    if (typeof offset !== 'string') {
      problems.push({
        path,
        message: `must be a duration such as P1D or P1WD, got ${JSON.stringify(offset)}`,
      });
      return null;
    }
    const workingDays = parseWorkingDayOffset(offset);
    if (workingDays !== null) {
      if (!opts.calendar) {
        problems.push({
          path,
          message:
            `${offset} counts working days, but no working calendar applies: name one in ` +
            'plan.calendar, or write it as an ISO-8601 duration (e.g. P1D)',
        });
        return null;
      }
      return Math.sign(workingDays);
    }
    try {
      parseIsoDuration(offset);
      return Math.sign(addIsoDuration(0, offset));
    } catch (e) {
      problems.push({ path, message: (e as Error).message });
      return null;
    }
  };
  const within = direction(`${at}.within`, policy.within);
  if (within !== null && within <= 0)
    problems.push({
      path: `${at}.within`,
      message: `must be a positive time limit (e.g. P1WD), got ${policy.within}`,
    });
  if (policy.steps !== undefined) {
    if (!Array.isArray(policy.steps) || policy.steps.length === 0) {
      problems.push({
        path: `${at}.steps`,
        message: 'must list at least one step, or be left out for the default',
      });
      return problems;
    }
    const seen = new Set<string>();
    policy.steps.forEach((step, i) => {
      const path = `${at}.steps[${i}]`;
      if (!(ACKNOWLEDGEMENT_STEP_KINDS as readonly string[]).includes(step.kind)) {
        problems.push({
          path: `${path}.kind`,
          message: `must be one of ${ACKNOWLEDGEMENT_STEP_KINDS.join(', ')}, got ${JSON.stringify(step.kind)}`,
        });
        return;
      }
      const sign = direction(`${path}.offset`, step.offset);
      if (sign === null) return;
      if (step.kind === 'acknowledgement_reminder' && sign > 0)
        problems.push({
          path: `${path}.offset`,
          message: `a reminder comes at or before the acknowledge-by time (e.g. PT0S), got ${step.offset}`,
        });
      if (step.kind === 'acknowledgement_overdue' && sign < 0)
        problems.push({
          path: `${path}.offset`,
          message: `an overdue escalation cannot come before the acknowledge-by time, got ${step.offset}`,
        });
      const key = acknowledgementStepKey(step);
      if (seen.has(key)) problems.push({ path, message: `step ${key} is listed twice` });
      seen.add(key);
    });
  }
  return problems;
}

export function acknowledgementStepKey(step: AcknowledgementStepPolicy): string {
  return `${step.kind}@${step.offset}`;
}

// When the unit must have signed by, for a delivery at `deliveredAtMs`.
export function acknowledgeByFrom(
  deliveredAtMs: number,
  policy: AcknowledgementPolicy,
  calendar: WorkingCalendar | null = null,
): number {
  return offsetFrom(deliveredAtMs, policy.within, calendar);
}

// The short ladder of one delivery in firing order. As on the main ladder, a reminder falling
// outside working time comes at the previous working moment (a reminder nobody reads is late),
// and an escalation is never pulled earlier than the policy gives.
export function planAcknowledgementLadder(
  acknowledgeByMs: number,
  policy: AcknowledgementPolicy,
  calendar: WorkingCalendar | null = null,
): AcknowledgementLadderStep[] {
  return (policy.steps ?? DEFAULT_ACKNOWLEDGEMENT_STEPS)
    .map((s) => {
      const at = offsetFrom(acknowledgeByMs, s.offset, calendar);
      return {
        key: acknowledgementStepKey(s),
        kind: s.kind,
        offset: s.offset,
        fireAtMs:
          calendar && s.kind === 'acknowledgement_reminder' ? previousWorkingMoment(calendar, at) : at,
      };
    })
    .sort(
      (a, b) =>
        a.fireAtMs - b.fireAtMs ||
        ACKNOWLEDGEMENT_STEP_KINDS.indexOf(a.kind) - ACKNOWLEDGEMENT_STEP_KINDS.indexOf(b.kind),
    );
}
