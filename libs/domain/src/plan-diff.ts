// Re-importing a plan under a code that exists is a change to that plan, not a second plan: the
// difference between the plan as last applied and the new document, entity by entity, by code.
import { DEFAULT_ESCALATION_POLICY } from './escalation-ladder';
import { planDeadlineContext, readPlanDeadline } from './plan-deadline';
import { type MeasureDefinition, type PlanDefinition } from './plan-definition';
import { diffSubMeasures } from './sub-measure-diff';

export interface FieldChange {
  readonly field: string;
  readonly before: unknown;
  readonly after: unknown;
}

export interface EntityChanges {
  readonly code: string;
  readonly changes: readonly FieldChange[];
}

export interface CodeSetDiff {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly EntityChanges[];
}

export interface DeadlineChange {
  readonly measureCode: string;
  readonly before: { readonly written: string; readonly dueAt: string };
  readonly after: { readonly written: string; readonly dueAt: string };
}

export interface PlanDiff {
  readonly planCode: string;
  // Plan-level and inspection fields (`plan.title`, `inspection.feedbackDate`, …).
  readonly plan: readonly FieldChange[];
  readonly units: CodeSetDiff;
  readonly categories: CodeSetDiff;
  readonly aspects: CodeSetDiff;
  readonly problems: CodeSetDiff;
  readonly measures: CodeSetDiff;
  // Measures present in both whose deadline instant moved (a rewording such as 9月底前 →
  // 2019-09-30 is a field change in `measures`, not a deadline change).
  readonly deadlines: readonly DeadlineChange[];
  // Sub-measures the plan writes down (groups expanded), by full code (sub-measure-diff.ts).
  readonly subMeasures: CodeSetDiff;
}

export function isEmptyDiff(d: PlanDiff): boolean {
  const sets = [d.units, d.categories, d.aspects, d.problems, d.measures, d.subMeasures];
  return d.plan.length === 0 && sets.every((s) => !s.added.length && !s.removed.length && !s.changed.length);
}

type Flat<T> = Map<string, T>;

interface MeasureAt {
  readonly measure: MeasureDefinition;
  readonly problemCode: string;
  readonly dueAt: string;
}

export function diffPlans(before: PlanDefinition, after: PlanDefinition): PlanDiff {
  const b = flatten(before);
  const a = flatten(after);
  const plan: FieldChange[] = [];
  const planFields = [
    'title',
    'timeZone',
    'baseYear',
    'immediateWithinDays',
    'longTermMeasures',
    'reportingCadence',
    'reportingRules',
    'calendar',
    'levelLabels',
  ] as const;
  for (const f of planFields) compare(plan, `plan.${f}`, before.plan[f], after.plan[f]);
  compare(
    plan,
    'plan.escalationPolicy',
    before.plan.escalationPolicy ?? DEFAULT_ESCALATION_POLICY,
    after.plan.escalationPolicy ?? DEFAULT_ESCALATION_POLICY,
  );
  compare(plan, 'groups', before.groups, after.groups);
  for (const f of Object.keys(after.inspection) as (keyof PlanDefinition['inspection'])[])
    compare(plan, `inspection.${f}`, before.inspection[f], after.inspection[f]);
  compare(plan, 'sources', before.sources, after.sources);

  const measures = codeSetDiff(b.measures, a.measures, (x, y) => {
    const out: FieldChange[] = [];
    compare(out, 'problem', x.problemCode, y.problemCode);
    const fields: (keyof MeasureDefinition)[] = [
      'title',
      'leadLeader',
      'leadUnit',
      'coUnits',
      'due',
      'method',
      'requirements',
      'evidenceRules',
      'indicators',
      'milestones',
      'referralItems',
      'escalationPolicy',
      'reopens',
      'subMeasures',
    ];
    for (const f of fields) compare(out, f, x.measure[f], y.measure[f]);
    return out;
  });
  const deadlines: DeadlineChange[] = [];
  for (const [code, y] of a.measures) {
    const x = b.measures.get(code);
    if (x && x.dueAt !== y.dueAt)
      deadlines.push({
        measureCode: code,
        before: { written: x.measure.due, dueAt: x.dueAt },
        after: { written: y.measure.due, dueAt: y.dueAt },
      });
  }
  return {
    planCode: after.plan.code,
    plan,
    units: codeSetDiff(b.units, a.units, (x, y) => fieldsOf(x, y, ['name', 'level', 'parent'])),
    categories: codeSetDiff(b.categories, a.categories, (x, y) => fieldsOf(x, y, ['title', 'leadUnit'])),
    aspects: codeSetDiff(b.aspects, a.aspects, (x, y) =>
      fieldsOf(x, y, ['title', 'category', 'leadUnit', 'implicit']),
    ),
    problems: codeSetDiff(b.problems, a.problems, (x, y) =>
      fieldsOf(x, y, ['title', 'track', 'rootCause', 'aspect', 'sources', 'carriesOver']),
    ),
    measures,
    deadlines,
    subMeasures: diffSubMeasures(before, after),
  };
}

function flatten(plan: PlanDefinition) {
  const zone = plan.plan.timeZone;
  const units: Flat<Record<string, unknown>> = new Map(plan.units.map((u) => [u.code, { ...u }]));
  const categories: Flat<Record<string, unknown>> = new Map();
  const aspects: Flat<Record<string, unknown>> = new Map();
  const problems: Flat<Record<string, unknown>> = new Map();
  const measures: Flat<MeasureAt> = new Map();
  for (const c of plan.categories) {
    categories.set(c.code, { title: c.title, leadUnit: c.leadUnit });
    for (const a of c.aspects) {
      aspects.set(a.code, { title: a.title, category: c.code, leadUnit: a.leadUnit, implicit: a.implicit });
      for (const p of a.problems) {
        problems.set(p.code, {
          title: p.title,
          track: p.track,
          rootCause: p.rootCause,
          aspect: a.code,
          sources: p.sources,
          carriesOver: p.carriesOver,
        });
        for (const m of p.measures) {
          const due = readPlanDeadline(m.due, zone, planDeadlineContext(plan, p.track));
          // Both documents passed validation, so every deadline reads.
          const dueAt = due.ok ? due.dueAt.toISOString() : m.due;
          measures.set(m.code, { measure: m, problemCode: p.code, dueAt });
        }
      }
    }
  }
  return { units, categories, aspects, problems, measures };
}

function codeSetDiff<T>(
  before: Flat<T>,
  after: Flat<T>,
  changesOf: (x: T, y: T) => FieldChange[],
): CodeSetDiff {
  const added = [...after.keys()].filter((k) => !before.has(k));
  const removed = [...before.keys()].filter((k) => !after.has(k));
  const changed: EntityChanges[] = [];
  for (const [code, y] of after) {
    const x = before.get(code);
    if (x === undefined) continue;
    const changes = changesOf(x, y);
    if (changes.length) changed.push({ code, changes });
  }
  return { added, removed, changed };
}

function fieldsOf(x: Record<string, unknown>, y: Record<string, unknown>, fields: string[]): FieldChange[] {
  const out: FieldChange[] = [];
  for (const f of fields) compare(out, f, x[f], y[f]);
  return out;
}

function compare(out: FieldChange[], field: string, before: unknown, after: unknown): void {
  const x = absentAsUndefined(before);
  const y = absentAsUndefined(after);
  if (canonical(x) !== canonical(y)) out.push({ field, before: x, after: y });
}

// An empty list, an empty text and a missing field say the same thing in a plan.
function absentAsUndefined(v: unknown): unknown {
  if (v === null || v === '' || (Array.isArray(v) && v.length === 0)) return undefined;
  return v;
}

function canonical(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .sort(([p], [q]) => (p < q ? -1 : p > q ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}
