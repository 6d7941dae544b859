import { Inject, Injectable } from '@nestjs/common';
import {
  measureScope,
  Principal,
  visibleMeasures,
  visibleProblemTree,
  visibleUnitRows,
} from '../../../../libs/domain/src/authorization';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import { ESCALATION_LEVEL } from '../../../../libs/domain/src/escalation-ladder';
import { MEASURE_LIGHTS } from '../../../../libs/domain/src/measure-light';
import { ladderRuns, MEASURE_STATUSES } from '../../../../libs/domain/src/measure-status';
import { nextPeriod, periodAt, periodDays } from '../../../../libs/domain/src/reporting-period';
import { TRACKS } from '../../../../libs/domain/src/track';
import { PlanOverviewRepository } from '../../../../libs/persistence/src/repositories/plan-overview.repository';
import {
  type MeasureOverviewRow,
  type PlanOverviewView,
  PlanRepository,
} from '../../../../libs/persistence/src/repositories/plan.repository';
import { groupBy } from '../../../../libs/reporting/src/plan-report';
import { SharedRenderings } from '../../../../libs/reporting/src/shared-renderings';
import { nextSlice, sliceIsUp } from '../../../../libs/runtime/src/event-loop-slices';
import { problemProgressView } from '../plans/problem-progress-view';

const DAY_MS = 86_400_000;
// Days overdue, counted in started days: a measure one hour past its deadline is 1 day overdue.
export const AGEING_BUCKETS = [
  { key: '1-7', fromDays: 1, toDays: 7 },
  { key: '8-30', fromDays: 8, toDays: 30 },
  { key: '31-90', fromDays: 31, toDays: 90 },
  { key: '91+', fromDays: 91, toDays: null },
] as const;
// 0: never escalated (reminders at most); then 催办 1, 督办 2, 约谈 3, 问责移送 4.
const LEVELS = [...new Set([0, ...Object.values(ESCALATION_LEVEL)])].sort((a, b) => a - b);
// Indicators listed at most; `indicators.total` says how many the plan's visible measures carry.
const INDICATOR_LIMIT = 100;

// What one overview reads, before it is cut to what its requester may see.
interface OverviewReads {
  readonly whole: PlanOverviewView;
  readonly escalated: Map<string, { steps: number; highest: number }>;
  readonly completions: Awaited<ReturnType<PlanOverviewRepository['completions']>>;
  readonly missed: Map<string, number>;
}

// A plan at a glance (GET /plans/:id/overview): counts by track, status and problem, claims and
// sign-offs per week, overdue measures by unit and by age, escalation levels, indicator progress,
// and the unit scorecard. Scoped like the plan tree: a principal counts only the measures it may
// read (a plan with none of them is no plan to it), and the scorecard lists only the units whose
// per-unit rows it may read, as the reporting roll-up does.
@Injectable()
export class GetPlanOverviewUseCase {
  // Requests for the same plan arriving together share its reads, as the plan tree's do (no
  // gathering window: a manager's screen alone should not wait for others).
  private readonly reads = new SharedRenderings<OverviewReads | null>(0);

  constructor(
    @Inject(PlanRepository) private readonly plans: PlanRepository,
    @Inject(PlanOverviewRepository) private readonly overview: PlanOverviewRepository,
  ) {}

  async execute(idOrCode: string, principal: Principal) {
    const now = Date.now();
    const read = await this.reads.render(idOrCode, () => this.read(idOrCode));
    // Every request the read answered resumes at once: each cuts and answers its own (about 0.1 s of
    // the thread at 50,000 measures, with its JSON) in a slice of its own, other requests between.
    if (sliceIsUp()) await nextSlice();
    if (!read) throw new DomainError('NOT_FOUND', `no plan ${idOrCode}`);
    const { whole, escalated, completions, missed } = read;
    const plan = whole.plan;
    const unitTree = whole.units.map((u) => ({ code: u.code, parent: u.parentCode }));
    const measures = visibleMeasures(principal, whole.measures, unitTree);
    if (measureScope(principal).kind !== 'all' && measures.length === 0)
      throw new DomainError('NOT_FOUND', `no plan ${idOrCode}`);
    const { problems } = visibleProblemTree(principal, whole, measures);
    const unitName = new Map(whole.units.map((u) => [u.code, u.name]));
    const visibleIds = new Set(measures.map((m) => m.id));

    const daysOverdue = (m: MeasureOverviewRow) =>
      ladderRuns(m.status) && m.dueAt.getTime() < now ? Math.ceil((now - m.dueAt.getTime()) / DAY_MS) : 0;
    const bucketOf = (days: number) =>
      AGEING_BUCKETS.findIndex((b) => days >= b.fromDays && (b.toDays === null || days <= b.toDays));
    const count = <T>(items: readonly T[], test: (t: T) => boolean) => items.filter(test).length;
    // Each figure below counts in one pass over the measures (tally), each overdue measure's days
    // worked out once: a pass per status, light, level and bucket was most of an overview's own
    // time at 50,000 measures, and every request of a shared read takes its own.
    const daysOf = new Map<MeasureOverviewRow, number>();
    for (const m of measures) {
      const days = daysOverdue(m);
      if (days > 0) daysOf.set(m, days);
    }
    const overdue = [...daysOf.keys()];
    const bucketOfMeasure = (m: MeasureOverviewRow) => bucketOf(daysOf.get(m) ?? 0);
    const bucketIndexes = AGEING_BUCKETS.map((_, i) => i);

    const problemsByTrack = tally(TRACKS, problems, (p) => p.track);
    const measuresByTrack = tally(TRACKS, measures, (m) => m.track);
    const byTrack = TRACKS.map((track, i) => ({
      track,
      problems: problemsByTrack[i],
      measures: measuresByTrack[i],
    }));
    const statusCounts = tally(MEASURE_STATUSES, measures, (m) => m.status);
    const byStatus = MEASURE_STATUSES.map((status, i) => ({ status, measures: statusCounts[i] }));
    // 亮灯: open measures by light, and by lead unit (units with a lit measure).
    const lit = measures.filter((m) => m.light !== null);
    const lightCounts = tally(MEASURE_LIGHTS, lit, (m) => m.light);
    const byLight = MEASURE_LIGHTS.map((light, i) => ({ light, measures: lightCounts[i] }));
    // Grouped once: one pass over the measures per unit was a plan's measures times its units.
    const litByUnit = groupBy(lit, (m) => m.leadUnitCode);
    const lightsByUnit = [...litByUnit.keys()].sort().map((unit) => {
      const own = tally(MEASURE_LIGHTS, litByUnit.get(unit) ?? [], (m) => m.light);
      return {
        unit,
        name: unitName.get(unit) ?? unit,
        ...Object.fromEntries(MEASURE_LIGHTS.map((light, i) => [light, own[i]])),
      } as { unit: string; name: string } & Record<(typeof MEASURE_LIGHTS)[number], number>;
    });
    const measuresByProblem = groupBy(measures, (m) => m.problemId);
    const progress = problemProgressView(whole, plan.definitionPlan);
    const byProblem = problems.map((p) => {
      const own = measuresByProblem.get(p.id) ?? [];
      return {
        code: p.code,
        title: p.title,
        track: p.track,
        measures: own.length,
        signedOff: count(own, isSignedOff),
        overdue: count(own, (m) => daysOf.has(m)),
        progress: progress.progress.get(p.id)?.status ?? 'not_started',
      };
    });

    const bucketCounts = tally(bucketIndexes, overdue, bucketOfMeasure);
    const ageing = AGEING_BUCKETS.map((b, i) => ({ ...b, measures: bucketCounts[i] }));
    const overdueOfUnit = groupBy(overdue, (m) => m.leadUnitCode);
    const overdueByUnit = [...overdueOfUnit.keys()].sort().map((unit) => {
      const own = overdueOfUnit.get(unit) ?? [];
      return {
        unit,
        name: unitName.get(unit) ?? unit,
        total: own.length,
        buckets: tally(bucketIndexes, own, bucketOfMeasure),
      };
    });
    const reached = tally(LEVELS, measures, (m) => escalated.get(m.id)?.highest ?? 0);
    const current = tally(LEVELS, measures, (m) => m.overdueLevel);
    const escalationLevels = LEVELS.map((level, i) => ({ level, reached: reached[i], current: current[i] }));

    // The first INDICATOR_LIMIT indicators listed, all of them counted.
    let indicatorTotal = 0;
    const indicators: ReturnType<typeof indicatorItem>[] = [];
    for (const m of measures) {
      indicatorTotal += m.indicators.length;
      for (const ind of m.indicators) {
        if (indicators.length === INDICATOR_LIMIT) break;
        indicators.push(indicatorItem(m, ind));
      }
    }

    return {
      planId: plan.id,
      planCode: plan.code,
      title: plan.title,
      timeZone: plan.timeZone,
      reportingCadence: plan.reportingCadence,
      asOf: new Date(now).toISOString(),
      ageingBuckets: AGEING_BUCKETS,
      totals: {
        problems: problems.length,
        measures: measures.length,
        open: count(measures, (m) => ladderRuns(m.status) || m.status === 'completion_claimed'),
        signedOff: count(measures, isSignedOff),
        overdue: overdue.length,
      },
      // Official totals the plan declares beside what it itemises.
      declared: progress.declared,
      byProblemProgress: progress.counts(problems.map((p) => p.id)),
      byTrack,
      byStatus,
      byLight,
      lightsByUnit,
      byProblem,
      progress: weeklyProgress(
        completions.filter((e) => visibleIds.has(e.measureId)),
        plan.importedAt.getTime(),
        now,
        plan.timeZone,
      ),
      ageing,
      overdueByUnit,
      escalationLevels,
      indicators: { total: indicatorTotal, items: indicators },
      scorecard: scorecard(principal, measures, unitTree, unitName, {
        now,
        escalated,
        missed,
        overdue: (m) => daysOf.has(m),
      }),
    };
  }

  // The plan's row and tree with each measure's overview columns (not the plan's definition, a
  // whole document of megabytes, nor the measures' policies and milestones), and the ladder,
  // claims and missed reports the overview counts.
  private async read(idOrCode: string): Promise<OverviewReads | null> {
    const whole = await this.plans.overviewView(idOrCode);
    if (!whole) return null;
    const [escalated, completions, missed] = await Promise.all([
      this.overview.escalationsByMeasure(whole.plan.id),
      this.overview.completions(whole.plan.id),
      this.overview.missedReportsByUnit(whole.plan.id),
    ]);
    return { whole, escalated, completions, missed };
  }
}

// 销号 and standing: signed off, or closed after it (a reopened measure is open again; a measure the
// plan's closure ended without a sign-off is not signed off).
function isSignedOff(m: MeasureOverviewRow): m is MeasureOverviewRow & { signedOffAt: Date } {
  return (m.status === 'verified' || m.status === 'closed') && m.signedOffAt !== null;
}

// Claims and sign-offs per week (Monday to Sunday in the plan's time zone), from the week of the
// import or of the first such event, whichever is earlier, to the current week.
function weeklyProgress(
  events: readonly { kind: string; occurredAt: Date }[],
  importedMs: number,
  now: number,
  zone: string,
) {
  const firstMs = Math.min(importedMs, events[0]?.occurredAt.getTime() ?? importedMs, now);
  const weeks = [];
  let verifiedToDate = 0;
  // Events come oldest first: each week takes those before its end.
  let next = 0;
  for (let p = periodAt(firstMs, 'weekly', zone); p.startMs <= now; p = nextPeriod(p, zone)) {
    let claimed = 0;
    let verified = 0;
    for (; next < events.length && events[next].occurredAt.getTime() < p.endMs; next++) {
      if (events[next].kind === 'verified') verified++;
      else claimed++;
    }
    verifiedToDate += verified;
    weeks.push({ week: p.key, firstDay: periodDays(p, zone).first, claimed, verified, verifiedToDate });
  }
  return weeks;
}

// Per lead unit of the visible measures (withdrawn ones aside): measures led, how many were due
// by now or signed off and how many of those were signed off by their deadline (the on-time
// rate), overdue now, escalation steps past reminders, and reporting periods missed (漏报).
function scorecard(
  principal: Principal,
  measures: readonly MeasureOverviewRow[],
  tree: readonly { code: string; parent: string | null }[],
  unitName: ReadonlyMap<string, string>,
  o: {
    now: number;
    escalated: ReadonlyMap<string, { steps: number }>;
    missed: ReadonlyMap<string, number>;
    overdue: (m: MeasureOverviewRow) => boolean;
  },
) {
  const led = groupBy(
    measures.filter((m) => m.status !== 'withdrawn'),
    (m) => m.leadUnitCode,
  );
  const rows = [...led.keys()]
    .sort()
    .map((code) => ({ code, leaders: [...new Set((led.get(code) ?? []).map((m) => m.leadLeader))] }));
  return visibleUnitRows(principal, rows, tree).map(({ code }) => {
    const own = led.get(code) ?? [];
    const judged = own.filter((m) => isSignedOff(m) || m.dueAt.getTime() <= o.now);
    const onTime = judged.filter((m) => isSignedOff(m) && m.signedOffAt <= m.dueAt).length;
    return {
      unit: code,
      name: unitName.get(code) ?? code,
      measuresLed: own.length,
      dueOrSignedOff: judged.length,
      signedOffOnTime: onTime,
      onTimeRate: judged.length ? Math.round((onTime / judged.length) * 1000) / 1000 : null,
      overdueNow: own.filter(o.overdue).length,
      escalations: own.reduce((n, m) => n + (o.escalated.get(m.id)?.steps ?? 0), 0),
      reportsMissed: o.missed.get(code) ?? 0,
    };
  });
}

// How many of `items` have each of `keys` (in the keys' order), in one pass; an item whose key is
// none of them is not counted.
function tally<T, K>(keys: readonly K[], items: readonly T[], keyOf: (t: T) => K): number[] {
  const index = new Map(keys.map((k, i) => [k, i] as const));
  const counts = keys.map(() => 0);
  for (const item of items) {
    const i = index.get(keyOf(item));
    if (i !== undefined) counts[i] += 1;
  }
  return counts;
}

function indicatorItem(m: MeasureOverviewRow, ind: MeasureOverviewRow['indicators'][number]) {
  return {
    measureId: m.id,
    measureCode: m.code,
    code: ind.code,
    name: ind.name,
    unit: ind.unit,
    target: ind.target,
    // 目标调整: the plan's target, the reason and the approver, when the target was adjusted.
    adjustment: ind.adjustment ?? null,
    baseline: ind.baseline ?? null,
    current: ind.current ?? null,
  };
}
