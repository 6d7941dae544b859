import { DataSource } from 'typeorm';
import { INDICATOR_VALUE_SOURCES } from '../../../domain/src/indicator-history';
import type { MeasureLight } from '../../../domain/src/measure-light';
import { MeasureEventEntity } from '../entities/measure-event.entity';
import { MeasureEntity } from '../entities/measure.entity';
import { nextSlice, sliceIsUp } from '../../../runtime/src/event-loop-slices';
import { type MeasurePaging, PlanMeasurePages } from './plan-measure-pages';
import { columnHydrator } from './raw-hydration';

// The columns a report reads of a measure: its standing. Not the whole row: the JSON columns the
// report never shows (milestones, evidence rules, policy, …) were most of the time of reading a
// 5,000-measure plan.
const REPORT_COLUMNS = [
  'id',
  'code',
  'leadUnitCode',
  'leadLeader',
  'dueAt',
  'status',
  'overdueLevel',
  'signedOffAt',
  'indicators',
  'light',
  'position',
] as const satisfies readonly (keyof MeasureEntity)[];
export type ReportMeasure = Pick<MeasureEntity, (typeof REPORT_COLUMNS)[number]>;

// And what a sub-measure's rows show besides. A plan's own measures show their title and deadline
// as the definition writes them, so those are not read for them: at 50,000 measures the titles
// alone were a fifth of the statement's time on SQLite (BENCHMARKS.md).
const SUB_MEASURE_COLUMNS = [
  ...REPORT_COLUMNS,
  'parentMeasureId',
  'title',
  'dueText',
] as const satisfies readonly (keyof MeasureEntity)[];
export type ReportSubMeasure = Pick<MeasureEntity, (typeof SUB_MEASURE_COLUMNS)[number]>;

export interface PlanReportRows {
  // The plan's own measures (not sub-measures), withdrawn ones included.
  readonly measures: readonly ReportMeasure[];
  // Their sub-measures, each with its parent's code.
  readonly subMeasures: readonly (ReportSubMeasure & { readonly parentCode: string })[];
  // The recorded events of those measures that have one at or after the load's `replayedFrom`,
  // every one of theirs: a report replays a measure's events only when one falls after its day.
  readonly events: readonly {
    measureCode: string;
    kind: string;
    level: number;
    occurredAt: Date;
    // 亮灯: the light a light_changed event moved from and to.
    light?: { from: MeasureLight | null; to: MeasureLight | null };
    // Progress reports and claims: the indicator values they carried (values as of an earlier date).
    indicators?: readonly { code: string; current?: number }[];
  }[];
}

// An event as the replayed events' statement returns it.
interface RawEvent {
  readonly measure_id: unknown;
  readonly kind: MeasureEventEntity['kind'];
  readonly level: unknown;
  readonly occurred_at: unknown;
  readonly detail: unknown;
}

// Events read with their detail (light changes, indicator values); the rest without.
const WITH_DETAIL = ['light_changed', ...INDICATOR_VALUE_SOURCES];

// What ledgers and bulletins are computed from, scoped to one plan.
export class PlanReportRepository {
  private readonly pages: PlanMeasurePages;

  constructor(
    private readonly ds: DataSource,
    paging: Partial<MeasurePaging> = {},
  ) {
    this.pages = new PlanMeasurePages(ds, paging);
  }

  // Read one statement after another, the event loop given a turn between them when they have held
  // it a slice's time (libs/runtime/src/event-loop-slices.ts): on SQLite each statement holds the
  // API's thread while it runs, and a 50,000-measure plan's are hundreds of milliseconds each.
  // `replayedFrom`: the end of the report's day. A measure none of whose events falls at or after
  // it stands as its row says (libs/reporting/src/plan-report.ts, `stateAsOf`, `indicatorAsOf`), so
  // its events are not read: a report of today reads none, where a plan's history can run to
  // hundreds of thousands of rows (BENCHMARKS.md).
  async load(planId: string, replayedFrom: Date): Promise<PlanReportRows> {
    const [measures, sub] = await this.pages.consistent(planId, async (page) => [
      await this.pages.rows(planId, REPORT_COLUMNS, 'own', page),
      await this.pages.rows(planId, SUB_MEASURE_COLUMNS, 'sub', page),
    ]);
    const parentCode = new Map(measures.map((m) => [m.id, m.code]));
    const subMeasures = sub.map((m) =>
      Object.assign(m, { parentCode: parentCode.get(m.parentMeasureId ?? '') ?? '' }),
    );
    const codeOf = new Map([...measures, ...subMeasures].map((m) => [m.id, m.code]));
    if (sliceIsUp()) await nextSlice();
    const events: PlanReportRows['events'][number][] = [];
    // Hydrated here, in slices of the event loop: a report of an earlier day can replay hundreds
    // of thousands of events.
    const hydrated = this.eventHydrator();
    for (const r of await this.events(planId, replayedFrom)) {
      const e = hydrated(r);
      events.push({
        measureCode: codeOf.get(e.measureId) ?? '',
        kind: e.kind,
        level: e.level,
        occurredAt: e.occurredAt,
        ...(e.kind === 'light_changed'
          ? {
              light: {
                from: (e.detail.from ?? null) as MeasureLight | null,
                to: (e.detail.to ?? null) as MeasureLight | null,
              },
            }
          : {}),
        ...(Array.isArray(e.detail.indicators) && e.kind !== 'light_changed'
          ? { indicators: e.detail.indicators as { code: string; current?: number }[] }
          : {}),
      });
      if (sliceIsUp()) await nextSlice();
    }
    return { measures, subMeasures, events };
  }

  // The events of the plan's measures (those above and their sub-measures, no other) that have an
  // event of any kind at or after `replayedFrom`, in one statement: the detail only of the kinds a
  // report reads it of (light changes, indicator values), an empty one for the rest. Joined to the
  // plan, not read by lists of its measures' ids: at 50,000 measures those lists were 300
  // statements (BENCHMARKS.md). The measures replayed are found through the events' index
  // (measure, occurred_at): one look per measure of the plan, no row built — 60-80 ms at 50,000
  // even when none is found, as for every report of today, which is why it is one statement and
  // not one for each kind with its detail or without (three looks, BENCHMARKS.md).
  private events(planId: string, replayedFrom: Date): Promise<RawEvent[]> {
    const replayed = this.ds
      .getRepository(MeasureEventEntity)
      .createQueryBuilder('later')
      .select('later.measure_id')
      .innerJoin(MeasureEntity, 'lm', 'lm.id = later.measure_id')
      .where('lm.plan_id = :planId')
      .andWhere('later.occurred_at >= :replayedFrom');
    return this.ds
      .getRepository(MeasureEventEntity)
      .createQueryBuilder('e')
      .select('e.measure_id', 'measure_id')
      .addSelect('e.kind', 'kind')
      .addSelect('e.level', 'level')
      .addSelect('e.occurred_at', 'occurred_at')
      .addSelect('CASE WHEN e.kind IN (:...withDetail) THEN e.detail END', 'detail')
      .innerJoin(MeasureEntity, 'm', 'm.id = e.measure_id')
      .where('m.plan_id = :planId', { planId })
      .andWhere(`e.measure_id IN (${replayed.getQuery()})`, { replayedFrom })
      .setParameter('withDetail', WITH_DETAIL)
      .getRawMany();
  }

  // An event's raw values hydrated by the driver as the entity's would be.
  private eventHydrator(): (
    r: RawEvent,
  ) => Pick<MeasureEventEntity, 'measureId' | 'kind' | 'level' | 'occurredAt' | 'detail'> {
    const hydrate = columnHydrator(this.ds, MeasureEventEntity);
    return (r) => ({
      measureId: hydrate<string>(r.measure_id, 'measureId'),
      kind: r.kind,
      level: hydrate<number>(r.level, 'level'),
      occurredAt: hydrate<Date>(r.occurred_at, 'occurredAt'),
      detail: r.detail === null ? {} : hydrate<Record<string, unknown>>(r.detail, 'detail'),
    });
  }
}
