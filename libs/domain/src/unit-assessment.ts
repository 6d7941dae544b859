// Unit assessment and ranking (考评): per responsible unit and period, seven components each scored
// 0–1, combined by weights the office may edit (they add up to 100) into a score of 0–100, and a
// ranking in which equal scores share a rank (units with equal scores listed by code point of their
// name, so the order never depends on the locale). Pure data and rules; docs/assessment.md has the formula.

export const ASSESSMENT_COMPONENTS = [
  'onTime', // measures due in the period completed (claimed or verified) by their deadline (按期完成率)
  'acknowledgementsOnTime', // assignments acknowledged (签收) within their limit
  'reportsOnTime', // cadence reports filed before their period closed (按时报送)
  'overdue', // overdue measures, weighted by days overdue and escalation level (逾期)
  'escalations', // ladder steps of level ≥ 2 in the period (督办及以上)
  'rejections', // completion claims the verifier rejected (验收退回)
  'lookBacksFailed', // look-backs (回头看) that found the problem again
] as const;
export type AssessmentComponent = (typeof ASSESSMENT_COMPONENTS)[number];

export interface AssessmentRule {
  // Points per component; non-negative, adding up to 100.
  readonly weights: Readonly<Record<AssessmentComponent, number>>;
  // Days overdue at which an overdue measure counts in full for its days.
  readonly overdueDaysCap: number;
  // Escalation level at which an overdue measure counts in full for its level.
  readonly overdueLevelCap: number;
  // How many escalations, rejections or failed look-backs bring their component to 0.
  readonly countCap: number;
}

export const DEFAULT_ASSESSMENT_RULE: AssessmentRule = {
  weights: {
    onTime: 30,
    acknowledgementsOnTime: 10,
    reportsOnTime: 15,
    overdue: 20,
    escalations: 10,
    rejections: 10,
    lookBacksFailed: 5,
  },
  overdueDaysCap: 30,
  overdueLevelCap: 4,
  countCap: 5,
};

export interface AssessmentRuleProblem {
  readonly path: string; // `weights.onTime`, `weights`, `countCap`…
  readonly message: string;
}

export function checkAssessmentRule(rule: AssessmentRule): AssessmentRuleProblem[] {
  const out: AssessmentRuleProblem[] = [];
  let sum = 0;
  for (const c of ASSESSMENT_COMPONENTS) {
    const w = rule.weights?.[c];
    if (typeof w !== 'number' || !Number.isFinite(w))
      out.push({ path: `weights.${c}`, message: 'must be a number' });
    else if (w < 0) out.push({ path: `weights.${c}`, message: 'must not be negative' });
    else sum += w;
  }
  if (!out.length && Math.abs(sum - 100) > 1e-9)
    out.push({ path: 'weights', message: `must add up to 100 (they add up to ${sum})` });
  const ranged: [keyof AssessmentRule, number, number][] = [
    ['overdueDaysCap', 1, 3650],
    ['overdueLevelCap', 1, 10],
    ['countCap', 1, 1000],
  ];
  for (const [field, min, max] of ranged) {
    const v = rule[field];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
      out.push({ path: field, message: `must be a whole number from ${min} to ${max}` });
  }
  return out;
}

// A rule as an office sends it (PUT /plans/:id/assessment/rule): an object with exactly the rule's
// fields, checked by checkAssessmentRule. Every problem is named, so nothing half-valid is stored.
export type AssessmentRuleReading =
  | { readonly ok: true; readonly rule: AssessmentRule }
  | { readonly ok: false; readonly problems: AssessmentRuleProblem[] };

const RULE_FIELDS = ['weights', 'overdueDaysCap', 'overdueLevelCap', 'countCap'];
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function readAssessmentRule(input: unknown): AssessmentRuleReading {
  if (!isRecord(input)) return { ok: false, problems: [{ path: '', message: 'must be an object' }] };
  const unknown: AssessmentRuleProblem[] = Object.keys(input)
    .filter((k) => !RULE_FIELDS.includes(k))
    .map((k) => ({ path: k, message: 'is not a field of the rule' }));
  const weights = input.weights;
  if (weights !== undefined && !isRecord(weights))
    return { ok: false, problems: [...unknown, { path: 'weights', message: 'must be an object' }] };
  for (const k of Object.keys(weights ?? {}))
    if (!(ASSESSMENT_COMPONENTS as readonly string[]).includes(k))
      unknown.push({ path: `weights.${k}`, message: 'is not a component of the assessment' });
  const rule = {
    weights: Object.fromEntries(ASSESSMENT_COMPONENTS.map((c) => [c, weights?.[c]])),
    overdueDaysCap: input.overdueDaysCap,
    overdueLevelCap: input.overdueLevelCap,
    countCap: input.countCap,
  } as unknown as AssessmentRule;
  const problems = [...unknown, ...checkAssessmentRule(rule)];
  return problems.length ? { ok: false, problems } : { ok: true, rule };
}

// What the read model says about one unit in one period.
export interface UnitPeriodFacts {
  readonly unit: string;
  readonly measuresDue: number; // deadlines falling in the period
  readonly completedOnTime: number; // of those, claimed or verified by the deadline
  readonly acknowledgementsDue: number;
  readonly acknowledgedOnTime: number;
  readonly reportsDue: number;
  readonly reportsOnTime: number;
  readonly measures: number; // the unit's measures followed in the period (the overdue denominator)
  readonly overdue: readonly { readonly days: number; readonly level: number }[];
  readonly escalations: number;
  readonly rejections: number;
  readonly lookBacksFailed: number;
}

export interface UnitAssessment {
  readonly unit: string;
  readonly components: Readonly<Record<AssessmentComponent, number>>; // each 0–1, 4 decimals
  readonly score: number; // 0–100, 1 decimal
  readonly rank: number; // 1 is best; equal scores share a rank (1, 1, 3)
  readonly change: number | null; // previous rank − rank: positive moved up; null when not ranked before
}

// A share where nothing due counts as full: a unit is not marked down for what it was not asked.
const share = (done: number, due: number): number => (due > 0 ? Math.min(1, done / due) : 1);
const round = (x: number, places: number): number => Math.round(x * 10 ** places) / 10 ** places;

export function assessmentComponents(
  facts: UnitPeriodFacts,
  rule: AssessmentRule,
): Record<AssessmentComponent, number> {
  // Each overdue measure weighs half by its days and half by its level, both capped at 1.
  const overdueWeight = facts.overdue.reduce(
    (sum, o) =>
      sum +
      0.5 * Math.min(1, o.days / rule.overdueDaysCap) +
      0.5 * Math.min(1, o.level / rule.overdueLevelCap),
    0,
  );
  const byCount = (n: number): number => Math.max(0, 1 - n / rule.countCap);
  const raw: Record<AssessmentComponent, number> = {
    onTime: share(facts.completedOnTime, facts.measuresDue),
    acknowledgementsOnTime: share(facts.acknowledgedOnTime, facts.acknowledgementsDue),
    reportsOnTime: share(facts.reportsOnTime, facts.reportsDue),
    overdue: Math.max(0, 1 - overdueWeight / Math.max(1, facts.measures)),
    escalations: byCount(facts.escalations),
    rejections: byCount(facts.rejections),
    lookBacksFailed: byCount(facts.lookBacksFailed),
  };
  for (const c of ASSESSMENT_COMPONENTS) raw[c] = round(raw[c], 4);
  return raw;
}

// Scores and ranks every unit; `previousRanks` (unit → rank of the previous period) gives the change.
export function rankUnits(
  facts: readonly UnitPeriodFacts[],
  rule: AssessmentRule,
  previousRanks: ReadonlyMap<string, number> = new Map(),
): UnitAssessment[] {
  const scored = facts.map((f) => {
    const components = assessmentComponents(f, rule);
    const score = round(
      ASSESSMENT_COMPONENTS.reduce((sum, c) => sum + rule.weights[c] * components[c], 0),
      1,
    );
    return { unit: f.unit, components, score };
  });
  scored.sort((a, b) => b.score - a.score || (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0));
  return scored.map((s) => {
    const rank = scored.findIndex((t) => t.score === s.score) + 1;
    const before = previousRanks.get(s.unit);
    return { ...s, rank, change: before === undefined ? null : before - rank };
  });
}
