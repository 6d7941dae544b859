// The plan format (整改方案) as an office submits it. Validation collects every problem at once,
// each with its location, so an office can fix a whole file in one pass.
import { z } from 'zod';
import { ACKNOWLEDGEMENT_STEP_KINDS, checkAcknowledgementPolicy } from './acknowledgement-policy';
import { CALENDAR_CODE, CALENDAR_CODE_RULE } from './calendars/calendar-catalogue';
import { checkEscalationPolicy, ESCALATION_STEP_KINDS, EscalationPolicy } from './escalation-ladder';
import { DEFAULT_TIME_ZONE, isValidTimeZone, readDeadline } from './deadline';
import { declaredFiguresSchema } from './declared-figures';
import { EVIDENCE_KINDS } from './evidence-kind';
import { longTermMeasuresSchema } from './long-term-measures';
import { checkLightRule } from './measure-light';
import { formatPath, nestingDepthOver, nulCharacterPaths } from './nul-characters';
import { checkProgressMembers } from './plan-progress-checks';
import { problemProgressRuleSchema } from './problem-progress';
import {
  checkSubMeasures,
  checkUnitGroups,
  planUnitGroups,
  subMeasureEntrySchema,
  unitGroupSchema,
} from './plan-sub-measures';
import { planDeadlineContext, readPlanDeadline } from './plan-deadline';
import { calendarDate, code, text } from './plan-primitives';
import { REPORTING_CADENCES } from './reporting-period';
import { carriesOverSchema, checkSources, planSourcesSchema, reopensSchema } from './plan-sources';
import { categorySchema, checkLevelLeadUnits, levelLabelsSchema, officePath } from './plan-tree-shape';
import {
  checkReportingRules,
  DEFAULT_REPORTING_RULES,
  MAX_MISSED_REPORT_RUNGS,
  MISSED_REPORT_ADDRESSEES,
  type ReportingRules,
} from './reporting-rules';
import { TRACKS } from './track';

export const UNIT_LEVELS = ['central', 'province', 'city', 'county', 'township', 'village', 'other'] as const;

// How often responsible units report progress: 日调度, 周调度, 旬报告, 月通报.
export { REPORTING_CADENCES, type ReportingCadence } from './reporting-period';

// How the cadence is enforced; every field has a default (DEFAULT_REPORTING_RULES).
const reportingRulesSchema = z.strictObject({
  reminderLead: z.string().optional(),
  missedReportLadder: z
    .array(
      z.strictObject({ misses: z.number().int().min(1).max(100), notify: z.enum(MISSED_REPORT_ADDRESSEES) }),
    )
    .max(MAX_MISSED_REPORT_RUNGS, `has at most ${MAX_MISSED_REPORT_RUNGS} rungs`)
    .optional(),
});

// 亮灯 (measure-light.ts): the shape here, the ranges and durations in checkLightRule.
export const lightRuleSchema = z.strictObject({
  version: text(64),
  yellowWithin: z.string(),
  yellowShareOfSpan: z.number(),
  progressTolerance: z.number(),
  blueWithin: z.string().nullable(),
});

const escalationPolicySchema = z.strictObject({
  version: text(64),
  steps: z
    .array(z.strictObject({ kind: z.enum(ESCALATION_STEP_KINDS), offset: z.string() }))
    .min(1, 'needs at least one step'),
  // 签收: absent, no acknowledgement is required (checkAcknowledgementPolicy checks the rest).
  acknowledgement: z
    .strictObject({
      within: z.string(),
      steps: z
        .array(z.strictObject({ kind: z.enum(ACKNOWLEDGEMENT_STEP_KINDS), offset: z.string() }))
        .optional(),
    })
    .optional(),
  lights: lightRuleSchema.optional(),
});

const indicatorSchema = z.strictObject({
  code,
  name: text(200),
  unit: text(32),
  target: z.number().finite(),
  baseline: z.number().finite().optional(),
  current: z.number().finite().optional(),
});

const milestoneSchema = z.strictObject({ code, title: text(500), due: z.string() });

// 佐证材料: which kind of evidence a completion claim must carry, and what it shows.
const evidenceRuleSchema = z.strictObject({ kind: z.enum(EVIDENCE_KINDS), description: text(500) });

const measureSchema = z.strictObject({
  code,
  title: text(2000),
  leadLeader: text(100),
  leadUnit: code,
  coUnits: z.array(code).default([]),
  due: z.string(),
  method: z.string().max(10_000).optional(),
  requirements: z.string().max(10_000).optional(),
  evidenceRules: z.array(evidenceRuleSchema).optional(),
  indicators: z.array(indicatorSchema).default([]),
  milestones: z.array(milestoneSchema).default([]),
  // Referral track (问题线索移交): the items handed to the discipline body, each followed to an outcome.
  referralItems: z.array(z.strictObject({ code, summary: text(2000) })).default([]),
  escalationPolicy: escalationPolicySchema.optional(),
  reopens: reopensSchema.optional(),
  // 分解落实: sub-measures for named units (plan-sub-measures.ts).
  subMeasures: z.array(subMeasureEntrySchema(code, text)).optional(),
});

const problemSchema = z.strictObject({
  code,
  title: text(2000),
  track: z.enum(TRACKS),
  rootCause: z.string().max(20_000).optional(),
  // 问题来源: codes of the plan's sources; 承接: a problem of an earlier plan.
  sources: z.array(code).min(1).optional(),
  carriesOver: carriesOverSchema.optional(),
  measures: z.array(measureSchema).min(1, 'a problem needs at least one measure'),
});

const aspectSchema = z.strictObject({
  code,
  title: text(500),
  leadUnit: code.optional(),
  problems: z.array(problemSchema).min(1),
});

export const planDefinitionSchema = z.strictObject({
  formatVersion: z.literal(1),
  inspection: z.strictObject({
    code,
    name: text(500),
    inspectingBody: text(200),
    inspectedOrganisation: text(200),
    onSiteFrom: calendarDate,
    onSiteTo: calendarDate,
    feedbackDate: calendarDate,
  }),
  sources: planSourcesSchema.optional(),
  plan: z.strictObject({
    code,
    title: text(500),
    timeZone: z.string().default(DEFAULT_TIME_ZONE),
    // Deadlines written without a year ("9月底前") fall in this year; default: the feedback's year.
    baseYear: z.number().int().min(1990).max(2100).optional(),
    // "立即"/"立行立改" is due this many days after the feedback date (default 15, then marked assumed).
    // 长期坚持 measures: a deadline with the full ladder (default) or periodic reviews only.
    longTermMeasures: longTermMeasuresSchema,
    immediateWithinDays: z
      .number()
      .int()
      .min(0, 'must be 0 or more')
      .max(365, 'must be at most 365')
      .optional(),
    reportingCadence: z.enum(REPORTING_CADENCES).optional(),
    // Reminder lead and missed-report (漏报) ladder; only with a reportingCadence.
    reportingRules: reportingRulesSchema.optional(),
    escalationPolicy: escalationPolicySchema.optional(),
    // The working calendar (工作日历) the ladder runs on, by code: `CN` or one the office keeps.
    // Without it, offsets count calendar time only and reminders may fall on days off.
    calendar: z.string().regex(CALENDAR_CODE, CALENDAR_CODE_RULE).optional(),
    // Thresholds of the problem-level status (problem-progress.ts); default: DEFAULT_PROBLEM_PROGRESS_RULE.
    problemProgressRule: problemProgressRuleSchema.optional(),
    // Official totals the plan states but does not itemise (declared-figures.ts).
    declared: declaredFiguresSchema.optional(),
    levelLabels: levelLabelsSchema.optional(),
  }),
  units: z
    .array(
      z.strictObject({
        code,
        name: text(200),
        level: z.enum(UNIT_LEVELS).default('other'),
        parent: code.optional(),
      }),
    )
    .min(1, 'a plan needs at least one responsible unit'),
  // Groups of units (各市州 …) a measure may be given to (unit-groups.ts).
  groups: z.array(unitGroupSchema(code, text, UNIT_LEVELS)).optional(),
  categories: z
    .array(categorySchema(code, aspectSchema, problemSchema))
    .min(1, 'a plan needs at least one category'),
});

export type PlanDefinition = z.output<typeof planDefinitionSchema>;
export type MeasureDefinition =
  PlanDefinition['categories'][number]['aspects'][number]['problems'][number]['measures'][number];

// The year that deadlines without a year fall in.
export function planBaseYear(plan: Pick<PlanDefinition, 'plan' | 'inspection'>): number {
  return planDeadlineContext(plan).baseYear;
}

export interface ValidationProblem {
  // Where in the document, e.g. `categories[0].aspects[1].problems[0].measures[2].due`.
  readonly path: string;
  readonly message: string;
}

export type PlanValidation =
  | { ok: true; plan: PlanDefinition }
  | { ok: false; problems: ValidationProblem[] };

export { formatPath };

// A plan is about ten levels deep (category, aspect, problem, measure, milestone, …).
const MAX_PLAN_DEPTH = 64;

// Shape first; cross-references and dates only make sense on a well-shaped document.
export function validatePlanDefinition(input: unknown): PlanValidation {
  // Checked without recursion first: every walk after this one recurses.
  if (nestingDepthOver(input, MAX_PLAN_DEPTH)) {
    return {
      ok: false,
      problems: [{ path: '(document)', message: `nests lists and objects more than ${MAX_PLAN_DEPTH} deep` }],
    };
  }
  const nul = nulCharacterPaths(input);
  if (nul.length) {
    return {
      ok: false,
      problems: nul.map((path) => ({ path, message: 'holds the NUL character (U+0000)' })),
    };
  }
  const parsed = planDefinitionSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => ({
        path: formatPath(i.path) || '(document)',
        message: i.message,
      })),
    };
  }
  const problems = crossCheck(parsed.data).map((p) => ({
    ...p,
    path: officePath(parsed.data.categories, p.path),
  }));
  return problems.length ? { ok: false, problems } : { ok: true, plan: parsed.data };
}

function crossCheck(plan: PlanDefinition): ValidationProblem[] {
  const out: ValidationProblem[] = [];
  const add = (path: PropertyKey[], message: string) => out.push({ path: formatPath(path), message });
  const zoneOk = isValidTimeZone(plan.plan.timeZone);
  if (!zoneOk)
    add(['plan', 'timeZone'], `"${plan.plan.timeZone}" is not an IANA time zone such as Asia/Shanghai`);
  // Calendar deadlines are still checked as dates when the zone is unknown.
  const zone = zoneOk ? plan.plan.timeZone : 'UTC';

  const ins = plan.inspection;
  for (const field of ['onSiteFrom', 'onSiteTo', 'feedbackDate'] as const) {
    const r = readDeadline(ins[field], 'UTC');
    if (!r.ok) add(['inspection', field], r.message);
  }
  if (ins.onSiteFrom > ins.onSiteTo)
    add(['inspection', 'onSiteTo'], 'the on-site period ends before it starts');
  if (ins.feedbackDate < ins.onSiteFrom)
    add(['inspection', 'feedbackDate'], 'feedback comes before the on-site period');

  // Whether the calendar exists is the importer's question (it can read the office's calendars).
  const calendar = plan.plan.calendar !== undefined;
  checkPolicy(plan.plan.escalationPolicy, ['plan', 'escalationPolicy'], calendar, add);
  checkRules(plan.plan, add);
  checkProgressMembers(plan, add);

  const units = new Map<string, number>();
  plan.units.forEach((u, i) => {
    if (units.has(u.code))
      add(['units', i, 'code'], `duplicate unit code ${u.code} (also units[${units.get(u.code)}])`);
    else units.set(u.code, i);
  });
  plan.units.forEach((u, i) => {
    if (u.parent !== undefined && !units.has(u.parent))
      add(['units', i, 'parent'], `unknown unit ${u.parent}`);
    if (u.parent === u.code) add(['units', i, 'parent'], 'a unit cannot be its own parent');
  });
  checkUnitGroups(plan, add);
  const groups = planUnitGroups(plan);
  const known = (u: string) => units.has(u) || groups.group(u) !== null;

  checkLevelLeadUnits(plan.categories, new Set(units.keys()), add);
  checkSources(plan, problemsWithPaths(plan), add);

  const seen = new Map<string, string>();
  const unique = (kind: string, value: string, path: PropertyKey[]) => {
    const key = `${kind}:${value}`;
    const where = formatPath(path);
    if (seen.has(key)) add(path, `duplicate ${kind} code ${value} (also ${seen.get(key)})`);
    else seen.set(key, where);
  };
  plan.categories.forEach((c, ci) => {
    unique('category', c.code, ['categories', ci, 'code']);
    c.aspects.forEach((a, ai) => {
      unique('aspect', a.code, ['categories', ci, 'aspects', ai, 'code']);
      a.problems.forEach((p, pi) => {
        const pPath = ['categories', ci, 'aspects', ai, 'problems', pi];
        unique('problem', p.code, [...pPath, 'code']);
        p.measures.forEach((m, mi) => {
          const mPath = [...pPath, 'measures', mi];
          unique('measure', m.code, [...mPath, 'code']);
          if (!known(m.leadUnit))
            add([...mPath, 'leadUnit'], `unknown unit ${m.leadUnit}: declare it under units`);
          m.coUnits.forEach((u, ui) => {
            if (!known(u)) add([...mPath, 'coUnits', ui], `unknown unit ${u}: declare it under units`);
            if (u === m.leadUnit) add([...mPath, 'coUnits', ui], `${u} is already the lead unit`);
          });
          // Dates that read but look wrong are warnings (plan-deadline-warnings.ts).
          const due = readPlanDeadline(m.due, zone, planDeadlineContext(plan, p.track));
          if (!due.ok) add([...mPath, 'due'], due.message);
          m.milestones.forEach((ms, msi) => {
            const r = readPlanDeadline(ms.due, zone, planDeadlineContext(plan));
            if (!r.ok) add([...mPath, 'milestones', msi, 'due'], r.message);
          });
          const indicatorCodes = new Set<string>();
          m.indicators.forEach((ind, ii) => {
            if (indicatorCodes.has(ind.code))
              add([...mPath, 'indicators', ii, 'code'], `duplicate indicator code ${ind.code}`);
            indicatorCodes.add(ind.code);
          });
          checkPolicy(m.escalationPolicy, [...mPath, 'escalationPolicy'], calendar, add);
          const sub = {
            zone,
            deadlines: planDeadlineContext(plan, p.track),
            track: p.track,
            dueAt: due.ok ? due.dueAt : null,
          };
          checkSubMeasures(
            plan,
            groups,
            m,
            mPath,
            { ...sub, unique: (s, at) => unique('measure', s, at) },
            add,
          );
        });
      });
    });
  });
  return out;
}

function checkPolicy(
  policy: EscalationPolicy | undefined,
  path: PropertyKey[],
  calendar: boolean,
  add: (path: PropertyKey[], message: string) => void,
): void {
  if (!policy) return;
  for (const p of checkEscalationPolicy(policy, { calendar }))
    add([...path, 'steps', p.index, p.field], p.message);
  if (policy.acknowledgement)
    for (const p of checkAcknowledgementPolicy(policy.acknowledgement, { calendar }))
      add(
        [...path, ...(p.path.match(/[^.[\]]+/g) ?? []).map((k) => (/^\d+$/.test(k) ? Number(k) : k))],
        p.message,
      );
  for (const p of policy.lights ? checkLightRule(policy.lights) : [])
    add([...path, 'lights', p.field], p.message);
}

function checkRules(plan: PlanDefinition['plan'], add: (path: PropertyKey[], message: string) => void): void {
  if (!plan.reportingRules) return;
  if (!plan.reportingCadence)
    add(['plan', 'reportingRules'], 'reporting rules need a reportingCadence to apply to');
  for (const p of checkReportingRules(reportingRulesOf(plan)))
    add(['plan', 'reportingRules', ...p.path], p.message);
}

// The plan's reporting rules with the defaults filled in.
export function reportingRulesOf(plan: Pick<PlanDefinition['plan'], 'reportingRules'>): ReportingRules {
  return {
    reminderLead: plan.reportingRules?.reminderLead ?? DEFAULT_REPORTING_RULES.reminderLead,
    missedReportLadder: plan.reportingRules?.missedReportLadder ?? DEFAULT_REPORTING_RULES.missedReportLadder,
  };
}

function problemsWithPaths(plan: PlanDefinition) {
  return plan.categories.flatMap((c, ci) =>
    c.aspects.flatMap((a, ai) =>
      a.problems.map((problem, pi) => ({ problem, path: ['categories', ci, 'aspects', ai, 'problems', pi] })),
    ),
  );
}

// A copy of the plan with every measure replaced by `f(measure, path)`, the tree otherwise kept.
export function mapMeasures<T extends PlanDefinition>(
  plan: T,
  f: (m: MeasureDefinition, path: (string | number)[]) => MeasureDefinition,
): T {
  return {
    ...plan,
    categories: plan.categories.map((c, ci) => ({
      ...c,
      aspects: c.aspects.map((a, ai) => ({
        ...a,
        problems: a.problems.map((p, pi) => ({
          ...p,
          measures: p.measures.map((m, mi) =>
            f(m, ['categories', ci, 'aspects', ai, 'problems', pi, 'measures', mi]),
          ),
        })),
      })),
    })),
  };
}
