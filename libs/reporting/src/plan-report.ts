// Where a plan stands as of a date (截至某日): the figures a bulletin (通报) and a ledger (台账)
// show, computed from plain data so that rendering needs no database.
import { readDeadline } from '../../domain/src/deadline';
import type { TargetAdjustment } from '../../domain/src/indicator-target-adjustment';
import { followedByReviewsOnly } from '../../domain/src/long-term-measures';
import { MEASURE_LIGHTS, type MeasureLight } from '../../domain/src/measure-light';
import { MEASURE_STATUSES, type MeasureStatus } from '../../domain/src/measure-status';
import {
  planDeadlineContext,
  type PlanDeadlineReading,
  readPlanDeadline,
} from '../../domain/src/plan-deadline';
import { type PlanDefinition } from '../../domain/src/plan-definition';
import { TRACKS, type Track } from '../../domain/src/track';
import { indicatorAsOf } from './indicator-as-of';
import type { SpotBulletinFigures } from '../../domain/src/spot-inspection';
import {
  declaredBeside,
  type DeclaredBeside,
  problemProgressFigures,
  type ProblemProgressFigures,
} from './progress-figures';
import { countedAspects } from '../../domain/src/plan-tree-shape';
import { sourceFigures, type SourceFigures } from './plan-source-figures';
import { subMeasureFigures, type SubMeasureFacts, type SubMeasureFigures } from './sub-measure-report';

const DAY_MS = 86_400_000;

export interface MeasureFacts {
  readonly code: string;
  readonly status: MeasureStatus;
  readonly overdueLevel: number;
  readonly dueAt: Date;
  readonly signedOffAt: Date | null;
  // The target in force and its adjustment (目标调整), when there was one.
  readonly indicators: readonly {
    code: string;
    current?: number;
    target?: number;
    adjustment?: TargetAdjustment;
  }[];
  // 亮灯 now (null: not open, or a run from before lights that has recorded none).
  readonly light?: MeasureLight | null;
}

export interface MeasureEventFacts {
  readonly measureCode: string;
  readonly kind: string;
  readonly level: number;
  readonly occurredAt: Date;
  // light_changed: the light it moved from and to.
  readonly light?: { readonly from: MeasureLight | null; readonly to: MeasureLight | null };
  // Progress reports and claims: the indicator values they carried.
  readonly indicators?: readonly { readonly code: string; readonly current?: number }[];
}

// Discipline figures (执纪问责): cases, people, and how they were dealt with (see
// plan-discipline-figures.ts); a bulletin shows the section only when they are given.
export interface DisciplineFigures {
  readonly cases: number;
  readonly people: number;
  readonly byForm: readonly { readonly form: string; readonly people: number }[];
  // Of the cases, how many a body entered as aggregates (填报数) rather than Rectify recorded.
  readonly enteredCases?: number;
}

export interface PlanReportInput {
  // The plan as currently applied, deadlines as written.
  readonly definition: PlanDefinition;
  // YYYY-MM-DD, read in the plan's time zone: figures stand as at the end of that day.
  readonly asOf: string;
  readonly measures: readonly MeasureFacts[];
  readonly events: readonly MeasureEventFacts[];
  // Measures that left the plan on a re-import (withdrawn, no longer in the definition).
  readonly removedMeasures: number;
  readonly discipline?: DisciplineFigures;
  // Sub-measures of the plan's measures (sub-measure-report.ts); their events are among `events`.
  readonly subMeasures?: readonly SubMeasureFacts[];
  // 方案版本: the definition is an earlier version, whose deadlines count as it wrote them.
  readonly deadlinesAsWritten?: boolean;
}

// 完成/销号, 推进中, 调出: how a bulletin groups the lifecycle statuses.
export type StatusGroup = 'done' | 'open' | 'withdrawn';
export function statusGroup(s: MeasureStatus): StatusGroup {
  if (s === 'verified' || s === 'closed') return 'done';
  return s === 'withdrawn' ? 'withdrawn' : 'open';
}

export const AGEING_BUCKETS = ['1-7', '8-30', '31-90', '>90'] as const;
export type AgeingBucket = (typeof AGEING_BUCKETS)[number];
export function ageingBucket(daysOverdue: number): AgeingBucket {
  if (daysOverdue <= 7) return '1-7';
  if (daysOverdue <= 30) return '8-30';
  if (daysOverdue <= 90) return '31-90';
  return '>90';
}

export interface MeasureAsOf {
  readonly code: string;
  readonly title: string;
  readonly problemCode: string;
  readonly categoryCode: string;
  readonly track: Track;
  readonly leadUnit: string;
  readonly leadUnitName: string;
  readonly coUnitNames: readonly string[];
  readonly leadLeader: string;
  readonly dueWritten: string;
  readonly dueDate: string;
  // The time of day when the deadline names one ("9月26日18:00前" → 18:00).
  readonly dueTime?: string;
  // The deadline was assumed, not written ("长期坚持", "立即" with the default days).
  readonly dueAssumed: boolean;
  // 长期坚持 followed by periodic reviews only (plan.longTermMeasures: reviews): never overdue.
  readonly reviewsOnly: boolean;
  readonly status: MeasureStatus;
  readonly overdueLevel: number;
  // Whole days past the deadline at the end of the as-of day; 0 when not overdue.
  readonly daysOverdue: number;
  readonly signedOffOn: string | null;
  // 亮灯 at the end of the as-of day; null when not open.
  readonly light: MeasureLight | null;
}

export interface CountsByStatus {
  readonly total: number;
  readonly byStatus: Readonly<Record<MeasureStatus, number>>;
  readonly done: number;
  readonly open: number;
  readonly withdrawn: number;
  readonly overdue: number;
}

export interface PlanReport {
  readonly planCode: string;
  readonly planTitle: string;
  readonly inspection: PlanDefinition['inspection'];
  readonly asOf: string;
  readonly totals: { readonly categories: number; readonly aspects: number; readonly problems: number };
  readonly measures: CountsByStatus;
  readonly tracks: readonly {
    readonly track: Track;
    readonly problems: number;
    readonly problemTitles: readonly string[];
    readonly measures: CountsByStatus;
  }[];
  readonly categories: readonly {
    readonly code: string;
    readonly title: string;
    readonly problems: number;
    readonly measures: CountsByStatus;
  }[];
  readonly overdue: readonly (MeasureAsOf & { readonly bucket: AgeingBucket })[];
  readonly ageing: Readonly<Record<AgeingBucket, number>>;
  // Overdue measures by escalation level reached (1 催办 … 4 问责移送; 0: none fired yet).
  readonly levels: Readonly<Record<number, number>>;
  // 亮灯: open measures by light, in all and by lead unit (units with a lit measure, by code).
  readonly lights: {
    readonly total: Readonly<Record<MeasureLight, number>>;
    readonly byUnit: readonly {
      readonly unit: string;
      readonly name: string;
      readonly counts: Readonly<Record<MeasureLight, number>>;
    }[];
  };
  readonly indicators: readonly {
    readonly measureCode: string;
    readonly code: string;
    readonly name: string;
    readonly unit: string;
    // The target in force at the end of the as-of day; an adjustment made by then is given.
    readonly target: number;
    readonly adjustment: TargetAdjustment | null;
    readonly baseline: number | null;
    readonly current: number | null;
  }[];
  // Each problem's status rolled up from its measures (问题整改进度).
  readonly problemProgress: ProblemProgressFigures;
  // The plan's declared totals beside the modelled counts.
  readonly declared: DeclaredBeside;
  readonly measureRows: readonly MeasureAsOf[];
  readonly removedMeasures: number;
  readonly discipline: DisciplineFigures | null;
  // 分解落实: sub-measures, counted apart from the measures and listed under their parents.
  readonly subMeasures: SubMeasureFigures;
  // Spot inspections (暗访督查) of the installation as of the same day; set by the bulletin's caller.
  readonly spotInspections?: SpotBulletinFigures;
  // The unit ranking (考评排名) of the bulletin's month; set by the bulletin's caller.
  readonly unitRanking?: BulletinUnitRanking;
  // 问题来源, level labels and carry-over (plan-source-figures.ts).
  readonly sources?: SourceFigures;
}

export interface BulletinUnitRanking {
  readonly periodKey: string; // YYYY-MM
  // When the ranking was published (公开), as YYYY-MM-DD in the plan's zone; null: not published.
  readonly publishedOn: string | null;
  readonly rows: readonly {
    readonly unitName: string;
    readonly score: number;
    readonly rank: number;
    readonly change: number | null;
  }[];
}

// The status an event leaves a measure in, as the lifecycle records it.
const STATUS_AFTER: Readonly<Record<string, MeasureStatus>> = {
  progress_reported: 'in_progress',
  completion_claimed: 'completion_claimed',
  verified: 'verified',
  rejected: 'in_progress',
  withdrawn: 'withdrawn',
  look_back_passed: 'closed',
  look_back_failed: 'in_progress',
  material_change: 'completion_claimed',
  review_recorded: 'in_progress',
  closed: 'closed',
};
// Events after which the escalation level starts again from 0 (a new or met deadline).
const LEVEL_RESETS = new Set([
  'verified',
  'withdrawn',
  'look_back_failed',
  'review_recorded',
  'deadline_changed',
  'extension_approved',
]);

export function buildPlanReport(input: PlanReportInput): PlanReport {
  const steps = planReportSteps(input);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

// The report built a measure at a step: the API runs the steps in slices of its event loop
// (libs/runtime/src/event-loop-slices.ts), a 50,000-measure plan's taking about 0.5 s in all.
export function* planReportSteps(input: PlanReportInput): Generator<void, PlanReport> {
  const def = input.definition;
  const zone = def.plan.timeZone;
  const end = readDeadline(input.asOf, zone);
  if (!end.ok) throw new Error(`as-of date ${input.asOf}: ${end.message}`);
  const asOfEnd = end.dueAt.getTime();
  const facts = new Map(input.measures.map((m) => [m.code, m]));
  const eventsOf = groupBy(input.events, (e) => e.measureCode);
  const unitName = new Map(def.units.map((u) => [u.code, u.name]));
  // A plan's measures share few deadlines (one 6月底前 for hundreds of them): each written
  // deadline is read, and each instant dated, once a report. Read and dated for every measure, the
  // two were 0.2 s of a 50,000-measure report (BENCHMARKS.md, "The ledger's own writer").
  const readings = new Map<string, PlanDeadlineReading>();
  const dueOf = (written: string, track: Track): PlanDeadlineReading => {
    const key = `${track} ${written}`;
    let reading = readings.get(key);
    if (!reading) {
      reading = readPlanDeadline(written, zone, planDeadlineContext(def, track));
      readings.set(key, reading);
    }
    return reading;
  };
  const days = new Map<number, string>();
  const dayOf = (ms: number): string => {
    let day = days.get(ms);
    if (day === undefined) {
      day = localDate(ms, zone);
      days.set(ms, day);
    }
    return day;
  };

  const rows: MeasureAsOf[] = [];
  const indicators: PlanReport['indicators'][number][] = [];
  for (const c of def.categories)
    for (const a of c.aspects)
      for (const p of a.problems)
        for (const m of p.measures) {
          const f = facts.get(m.code);
          const due = dueOf(m.due, p.track);
          const dueAt =
            (input.deadlinesAsWritten ? undefined : f?.dueAt.getTime()) ??
            (due.ok ? due.dueAt.getTime() : asOfEnd);
          const state = f
            ? stateAsOf(f, eventsOf.get(m.code) ?? [], asOfEnd)
            : { status: 'assigned' as const, level: 0, light: null };
          const reviewsOnly = followedByReviewsOnly(def.plan, m.due);
          const overdue = statusGroup(state.status) === 'open' && dueAt < asOfEnd && !reviewsOnly;
          rows.push({
            code: m.code,
            title: m.title,
            problemCode: p.code,
            categoryCode: c.code,
            track: p.track,
            leadUnit: m.leadUnit,
            leadUnitName: unitName.get(m.leadUnit) ?? m.leadUnit,
            coUnitNames: m.coUnits.map((u) => unitName.get(u) ?? u),
            leadLeader: m.leadLeader,
            dueWritten: m.due,
            dueDate: dayOf(dueAt - 1),
            ...(due.ok && due.time ? { dueTime: due.time } : {}),
            dueAssumed: due.ok && due.assumed === true,
            reviewsOnly,
            status: state.status,
            overdueLevel: state.level,
            daysOverdue: overdue ? Math.ceil((asOfEnd - dueAt) / DAY_MS) : 0,
            signedOffOn:
              f?.signedOffAt && f.signedOffAt.getTime() < asOfEnd && statusGroup(state.status) === 'done'
                ? localDate(f.signedOffAt.getTime(), zone)
                : null,
            light: statusGroup(state.status) === 'open' ? state.light : null,
          });
          for (const ind of m.indicators) {
            const live = f?.indicators.find((i) => i.code === ind.code);
            const adjusted =
              live?.adjustment &&
              live.target !== undefined &&
              Date.parse(live.adjustment.adjustedAt) < asOfEnd
                ? { target: live.target, adjustment: live.adjustment }
                : null;
            indicators.push({
              measureCode: m.code,
              code: ind.code,
              name: ind.name,
              unit: ind.unit,
              target: adjusted?.target ?? ind.target,
              adjustment: adjusted?.adjustment ?? null,
              baseline: ind.baseline ?? null,
              current: indicatorAsOf(
                ind.code,
                { live: live?.current, written: ind.current },
                eventsOf.get(m.code) ?? [],
                asOfEnd,
              ),
            });
          }
          yield;
        }

  // What follows passes over every measure again, several times: a step between the passes.
  yield;
  const problemsOf = (
    pred: (p: PlanDefinition['categories'][number]['aspects'][number]['problems'][number]) => boolean,
  ) => def.categories.flatMap((c) => c.aspects.flatMap((a) => a.problems.filter(pred)));
  const overdue = rows
    .filter((r) => r.daysOverdue > 0)
    .map((r) => ({ ...r, bucket: ageingBucket(r.daysOverdue) }))
    .sort((x, y) => y.daysOverdue - x.daysOverdue || x.code.localeCompare(y.code));
  const ageing = Object.fromEntries(
    AGEING_BUCKETS.map((b) => [b, overdue.filter((o) => o.bucket === b).length]),
  ) as Record<AgeingBucket, number>;
  const levels: Record<number, number> = {};
  for (const o of overdue) levels[o.overdueLevel] = (levels[o.overdueLevel] ?? 0) + 1;
  yield;
  const measures = counts(rows);
  const tracks = TRACKS.map((track) => {
    const problems = problemsOf((p) => p.track === track);
    return {
      track,
      problems: problems.length,
      problemTitles: problems.map((p) => p.title),
      measures: counts(rows.filter((r) => r.track === track)),
    };
  }).filter((t) => t.problems > 0);
  yield;
  const categories = def.categories.map((c) => ({
    code: c.code,
    title: c.title,
    problems: c.aspects.reduce((n, a) => n + a.problems.length, 0),
    measures: counts(rows.filter((r) => r.categoryCode === c.code)),
  }));
  yield;
  const lights = lightCounts(rows);
  const problemProgress = problemProgressFigures(def, rows);
  yield;
  const sources = sourceFigures(def, rows);
  yield;
  const subMeasures = subMeasureFigures(
    def,
    rows.map((r) => r.code),
    input.subMeasures ?? [],
    {
      asOfEnd,
      zone,
      stateOf: (f) => stateAsOf(f, eventsOf.get(f.code) ?? [], asOfEnd),
      localDate: (ms) => localDate(ms, zone),
    },
  );

  return {
    planCode: def.plan.code,
    planTitle: def.plan.title,
    inspection: def.inspection,
    asOf: input.asOf,
    totals: {
      categories: def.categories.length,
      aspects: countedAspects(def.categories),
      problems: problemsOf(() => true).length,
    },
    measures,
    tracks,
    categories,
    overdue,
    ageing,
    levels,
    lights,
    indicators,
    measureRows: rows,
    problemProgress,
    declared: declaredBeside(def),
    removedMeasures: input.removedMeasures,
    discipline: input.discipline ?? null,
    sources,
    subMeasures,
  };
}

// The recorded status, escalation level and light are those of now; for an earlier date they are
// replayed from the measure's events up to the end of that day. The light a measure had before
// its first light change is the one that change moved from (the light it was assigned with).
function stateAsOf(
  f: MeasureFacts,
  events: readonly MeasureEventFacts[],
  asOfEnd: number,
): { status: MeasureStatus; level: number; light: MeasureLight | null } {
  if (!events.some((e) => e.occurredAt.getTime() >= asOfEnd))
    return { status: f.status, level: f.overdueLevel, light: f.light ?? null };
  let status: MeasureStatus = 'assigned';
  let level = 0;
  const sorted = [...events].sort((x, y) => x.occurredAt.getTime() - y.occurredAt.getTime());
  let light = sorted.find((e) => e.light)?.light?.from ?? f.light ?? null;
  for (const e of sorted.filter((x) => x.occurredAt.getTime() < asOfEnd)) {
    const next = STATUS_AFTER[e.kind];
    if (next && !(e.kind === 'progress_reported' && status !== 'assigned')) status = next;
    if (LEVEL_RESETS.has(e.kind)) level = 0;
    else if (e.level > level) level = e.level;
    if (e.light) light = e.light.to;
  }
  return { status, level, light };
}

function lightCounts(rows: readonly MeasureAsOf[]): PlanReport['lights'] {
  const tally = (of: readonly MeasureAsOf[]) =>
    Object.fromEntries(MEASURE_LIGHTS.map((l) => [l, of.filter((r) => r.light === l).length])) as Record<
      MeasureLight,
      number
    >;
  const lit = rows.filter((r) => r.light !== null);
  // Each unit's lit measures gathered in one pass: a plan of 50,000 measures has hundreds of units.
  const byUnit = new Map<string, MeasureAsOf[]>();
  for (const r of lit) {
    const own = byUnit.get(r.leadUnit);
    if (own) own.push(r);
    else byUnit.set(r.leadUnit, [r]);
  }
  return {
    total: tally(lit),
    byUnit: [...byUnit.keys()].sort().map((unit) => {
      const own = byUnit.get(unit)!;
      return { unit, name: own[0].leadUnitName, counts: tally(own) };
    }),
  };
}

function counts(rows: readonly MeasureAsOf[]): CountsByStatus {
  const byStatus = Object.fromEntries(MEASURE_STATUSES.map((s) => [s, 0])) as Record<MeasureStatus, number>;
  for (const r of rows) byStatus[r.status]++;
  return {
    total: rows.length,
    byStatus,
    done: byStatus.verified + byStatus.closed,
    withdrawn: byStatus.withdrawn,
    open: byStatus.assigned + byStatus.in_progress + byStatus.completion_claimed,
    overdue: rows.filter((r) => r.daysOverdue > 0).length,
  };
}

// The calendar day an instant falls on in the plan's zone. One formatter per zone: building one
// costs far more than using it, and a report dates every measure and sub-measure (about 0.9 s of
// a 5,000-measure ledger when each date built its own).
const dayFormats = new Map<string, Intl.DateTimeFormat>();
function localDate(ms: number, zone: string): string {
  let f = dayFormats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormats.set(zone, f);
  }
  return f.format(new Date(ms));
}

export function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const list = map.get(key(item));
    if (list) list.push(item);
    else map.set(key(item), [item]);
  }
  return map;
}
