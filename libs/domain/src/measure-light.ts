// The traffic light (亮灯) of an open measure, computed from data by one pure rule, so the workflow,
// the read model and the docs agree. 三色督办: green on track, yellow when the deadline is near or
// progress is behind the time-proportional schedule (序时进度), red when overdue; 四色 adds a blue
// "due soon" notice before yellow.
import { addIsoDuration, parseIsoDuration } from './iso-duration';

export const MEASURE_LIGHTS = ['green', 'blue', 'yellow', 'red'] as const;
export type MeasureLight = (typeof MEASURE_LIGHTS)[number];

export interface LightRule {
  readonly version: string;
  // Yellow from this long before the deadline (ISO-8601 duration, e.g. P7D) ...
  readonly yellowWithin: string;
  // ... or from this share of the span (start to deadline) before it, whichever comes first.
  readonly yellowShareOfSpan: number;
  // Yellow when the share of time elapsed exceeds the share done by more than this (序时进度).
  readonly progressTolerance: number;
  // Four-colour rule only: blue "due soon" from this long before the deadline; null means no blue.
  readonly blueWithin: string | null;
}

export const DEFAULT_LIGHT_RULE: LightRule = {
  version: 'lights-default-1',
  yellowWithin: 'P7D',
  yellowShareOfSpan: 0.1,
  progressTolerance: 0.15,
  blueWithin: null,
};

export const FOUR_COLOUR_LIGHT_RULE: LightRule = {
  ...DEFAULT_LIGHT_RULE,
  version: 'lights-four-colour-1',
  blueWithin: 'P15D',
};

export interface LightRuleProblem {
  readonly field: keyof LightRule;
  readonly message: string;
}

// Every reason a rule cannot light measures, so an import or the policy API can name them at once.
export function checkLightRule(rule: LightRule): LightRuleProblem[] {
  const problems: LightRuleProblem[] = [];
  const duration = (field: 'yellowWithin' | 'blueWithin', text: string) => {
    try {
      if (parseIsoDuration(text).sign < 0 || addIsoDuration(0, text) <= 0)
        problems.push({
          field,
          message: `must be a positive duration before the deadline (e.g. P7D), got ${text}`,
        });
    } catch (e) {
      problems.push({ field, message: (e as Error).message });
    }
  };
  const share = (field: 'yellowShareOfSpan' | 'progressTolerance', value: number) => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1)
      problems.push({ field, message: `must be a share between 0 and 1, got ${String(value)}` });
  };
  if (typeof rule.version !== 'string' || rule.version.trim() === '')
    problems.push({ field: 'version', message: 'must not be empty' });
  duration('yellowWithin', rule.yellowWithin);
  share('yellowShareOfSpan', rule.yellowShareOfSpan);
  share('progressTolerance', rule.progressTolerance);
  if (rule.blueWithin !== null) {
    duration('blueWithin', rule.blueWithin);
    const before = problems.length === 0;
    if (before && addIsoDuration(0, rule.blueWithin) <= addIsoDuration(0, rule.yellowWithin))
      problems.push({
        field: 'blueWithin',
        message: `blue must come before yellow: ${rule.blueWithin} is not longer than ${rule.yellowWithin}`,
      });
  }
  return problems;
}

export interface MeasureLightFacts {
  // False once the measure is closed, verified or withdrawn: it then carries no light.
  readonly open: boolean;
  // From the assignment to the deadline: the span of 序时进度.
  readonly startMs: number;
  readonly deadlineMs: number;
  // Share done (0..1), or null when the measure has neither indicators nor milestones.
  readonly shareDone: number | null;
}

export interface LightReading {
  readonly light: MeasureLight | null;
  readonly reason: 'not_open' | 'overdue' | 'deadline_near' | 'behind_schedule' | 'due_soon' | 'on_track';
}

// 序时进度's share done: indicators by current/target (each capped at 1, averaged), else milestones
// reached over milestones; null when the measure has neither.
export function shareDone(
  indicators: readonly { readonly target: number; readonly current: number }[],
  milestones: { readonly reached: number; readonly total: number },
): number | null {
  if (indicators.length > 0) {
    const shares = indicators.map((i) =>
      i.target <= 0 ? 1 : Math.min(1, Math.max(0, i.current / i.target)),
    );
    return shares.reduce((a, b) => a + b, 0) / shares.length;
  }
  if (milestones.total > 0) return Math.min(1, milestones.reached / milestones.total);
  return null;
}

function beforeDeadline(deadlineMs: number, within: string): number {
  return deadlineMs - (addIsoDuration(deadlineMs, within) - deadlineMs);
}

function yellowFrom(rule: LightRule, facts: MeasureLightFacts): number {
  const span = Math.max(0, facts.deadlineMs - facts.startMs);
  return Math.min(
    beforeDeadline(facts.deadlineMs, rule.yellowWithin),
    facts.deadlineMs - span * rule.yellowShareOfSpan,
  );
}

// Past this instant the time elapsed exceeds the share done by more than the tolerance.
function behindAfter(rule: LightRule, facts: MeasureLightFacts): number | null {
  if (facts.shareDone === null) return null;
  const span = facts.deadlineMs - facts.startMs;
  if (span <= 0) return null;
  return facts.startMs + (facts.shareDone + rule.progressTolerance) * span;
}

export function lightAt(rule: LightRule, facts: MeasureLightFacts, nowMs: number): LightReading {
  if (!facts.open) return { light: null, reason: 'not_open' };
  if (nowMs >= facts.deadlineMs) return { light: 'red', reason: 'overdue' };
  if (nowMs >= yellowFrom(rule, facts)) return { light: 'yellow', reason: 'deadline_near' };
  const behind = behindAfter(rule, facts);
  if (behind !== null && nowMs > behind) return { light: 'yellow', reason: 'behind_schedule' };
  if (rule.blueWithin !== null && nowMs >= beforeDeadline(facts.deadlineMs, rule.blueWithin))
    return { light: 'blue', reason: 'due_soon' };
  return { light: 'green', reason: 'on_track' };
}

// The instant the light would next change by time alone (progress unchanged), or null when it never
// will: the workflow sets one timer for it.
export function nextLightChangeAt(rule: LightRule, facts: MeasureLightFacts, nowMs: number): number | null {
  if (!facts.open) return null;
  const current = lightAt(rule, facts, nowMs).light;
  const behind = behindAfter(rule, facts);
  const candidates = [
    facts.deadlineMs,
    yellowFrom(rule, facts),
    behind === null ? null : Math.floor(behind) + 1,
    rule.blueWithin === null ? null : beforeDeadline(facts.deadlineMs, rule.blueWithin),
  ]
    .filter((t): t is number => t !== null && t > nowMs)
    .sort((a, b) => a - b);
  return candidates.find((t) => lightAt(rule, facts, t).light !== current) ?? null;
}

// The light a measure shows at its assignment: its span starts then, so it cannot be behind
// schedule yet and only the deadline counts. Its read-model row is created with this light, and its
// workflow starts from the same light without recording a change.
export function lightOnAssignment(rule: LightRule, deadlineMs: number, nowMs: number): MeasureLight {
  const facts = { open: true, startMs: nowMs, deadlineMs, shareDone: null };
  return lightAt(rule, facts, nowMs).light ?? 'green';
}
