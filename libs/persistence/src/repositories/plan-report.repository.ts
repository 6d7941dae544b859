import { DataSource, type FindOptionsWhere, In, Not } from 'typeorm';
import { INDICATOR_VALUE_SOURCES } from '../../../domain/src/indicator-history';
import type { MeasureLight } from '../../../domain/src/measure-light';
import { MeasureEventEntity } from '../entities/measure-event.entity';
import { MeasureEntity } from '../entities/measure.entity';
import { PlanVersionEntity } from '../entities/plan-version.entity';
import { PlanEntity } from '../entities/plan.entity';
import { nextSlice, sliceIsUp } from '../../../runtime/src/event-loop-slices';

// The columns a report reads of a measure: its standing and what a sub-measure's rows show. Not
// the whole row: the JSON columns the report never shows (milestones, evidence rules, policy, …)
// were most of the time of reading a 5,000-measure plan.
const REPORT_COLUMNS = [
  'id',
  'code',
  'parentMeasureId',
  'title',
  'leadUnitCode',
  'leadLeader',
  'dueText',
  'dueAt',
  'status',
  'overdueLevel',
  'signedOffAt',
  'indicators',
  'light',
  'position',
] as const satisfies readonly (keyof MeasureEntity)[];
export type ReportMeasure = Pick<MeasureEntity, (typeof REPORT_COLUMNS)[number]>;

export interface PlanReportRows {
  // The plan's own measures (not sub-measures), withdrawn ones included.
  readonly measures: readonly ReportMeasure[];
  // Their sub-measures, each with its parent's code.
  readonly subMeasures: readonly (ReportMeasure & { readonly parentCode: string })[];
  // Every recorded event of those measures, for figures as of an earlier date.
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

// Measures a statement reads: a page of a 50,000-measure plan's took 20–50 ms on SQLite.
export const MEASURE_PAGE = 5_000;

export interface PlanReportReading {
  readonly measurePage: number;
  // Run after each page is read, before the next: for the specs to change the plan between pages.
  readonly afterPage: () => Promise<void>;
}

// Events read with their detail (light changes, indicator values); the rest without.
const WITH_DETAIL = ['light_changed', ...INDICATOR_VALUE_SOURCES];

// What ledgers and bulletins are computed from, scoped to one plan.
export class PlanReportRepository {
  private readonly reading: PlanReportReading;

  constructor(
    private readonly ds: DataSource,
    reading: Partial<PlanReportReading> = {},
  ) {
    this.reading = { measurePage: MEASURE_PAGE, afterPage: async () => undefined, ...reading };
  }

  // Read one statement after another, the event loop given a turn between them when they have held
  // it a slice's time (libs/runtime/src/event-loop-slices.ts): on SQLite each statement holds the
  // API's thread while it runs, and a 50,000-measure plan's are hundreds of milliseconds each.
  async load(planId: string): Promise<PlanReportRows> {
    const order = await this.orderStamp(planId);
    let measures = await this.measureRows(planId, false, this.reading.measurePage);
    let sub = await this.measureRows(planId, true, this.reading.measurePage);
    // A re-import gives the plan's measures the new document's positions: one committed while the
    // pages were read can have moved measures from a page not yet read to one already read (read
    // twice) or the other way (not read at all). Then the measures are read again, each list in one
    // statement: each measure once, at the cost on SQLite of the stall pages avoid (0.3–0.65 s at
    // 50,000), in this rare case only. A re-import in between always changes the stamp (a new
    // version number); a sub-measure added meanwhile does not, and moves no other measure.
    if ((await this.orderStamp(planId)) !== order) {
      measures = await this.measureRows(planId, false, null);
      sub = await this.measureRows(planId, true, null);
    }
    const parentCode = new Map(measures.map((m) => [m.id, m.code]));
    const subMeasures = sub.map((m) =>
      Object.assign(m, { parentCode: parentCode.get(m.parentMeasureId ?? '') ?? '' }),
    );
    const codeOf = new Map([...measures, ...subMeasures].map((m) => [m.id, m.code]));
    if (sliceIsUp()) await nextSlice();
    const rows = await this.events(planId, Not(In(WITH_DETAIL)), false);
    if (sliceIsUp()) await nextSlice();
    // Light changes with their detail (from, to): the lights of an earlier date are replayed from them.
    const lights = await this.events(planId, 'light_changed', true);
    if (sliceIsUp()) await nextSlice();
    // Indicator values with their events: the values of an earlier date are those given by then.
    const values = await this.events(planId, In(INDICATOR_VALUE_SOURCES), true);
    const events: PlanReportRows['events'][number][] = [];
    for (const e of [...rows, ...lights, ...values])
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
        ...(Array.isArray(e.detail?.indicators) && e.kind !== 'light_changed'
          ? { indicators: e.detail.indicators as { code: string; current?: number }[] }
          : {}),
      });
    return { measures, subMeasures, events };
  }

  // The plan's measures (`sub`: its sub-measures) in its order (position, then id), `page` at a
  // time (null: all in one statement), each page after the last row of the one before
  // (ix_measures_plan_order), their rows made into measures in slices
  // (libs/runtime/src/event-loop-slices.ts): one statement for all of a 50,000-measure plan and
  // TypeORM's building of their entities held the API's thread 1.4 s (BENCHMARKS.md, "the ledger
  // written in slices"). Only a re-import changes a measure's position (load checks for one); a
  // measure added meanwhile (a sub-measure, at the plan's end) is read or not, as by one statement
  // a moment earlier or later. Each value is hydrated by the driver, as an entity's would be.
  private async measureRows(planId: string, sub: boolean, page: number | null): Promise<ReportMeasure[]> {
    const meta = this.ds.getMetadata(MeasureEntity);
    const columns = REPORT_COLUMNS.map((property) => meta.findColumnWithPropertyName(property)!);
    const measures: ReportMeasure[] = [];
    for (;;) {
      const last = measures.at(-1);
      const query = this.ds
        .getRepository(MeasureEntity)
        .createQueryBuilder('m')
        .select(REPORT_COLUMNS.map((property) => `m.${property}`))
        .where('m.plan_id = :planId', { planId })
        .andWhere(sub ? 'm.parent_measure_id IS NOT NULL' : 'm.parent_measure_id IS NULL')
        .orderBy('m.position', 'ASC')
        .addOrderBy('m.id', 'ASC');
      if (page !== null) query.limit(page);
      if (last)
        query.andWhere('(m.position, m.id) > (:position, :id)', { position: last.position, id: last.id });
      const raw: Record<string, unknown>[] = await query.getRawMany();
      for (const r of raw) {
        const m: Record<string, unknown> = {};
        for (const c of columns)
          m[c.propertyName] = this.ds.driver.prepareHydratedValue(r[`m_${c.databaseName}`], c);
        measures.push(m as ReportMeasure);
        if (sliceIsUp()) await nextSlice();
      }
      if (page === null || raw.length < page) return measures;
      await this.reading.afterPage();
    }
  }

  // What changes whenever a re-import moves the plan's measures: the plan's content hash and its
  // last version's number (a version is kept by every applied change; the hash alone could come
  // back to an earlier document's).
  private async orderStamp(planId: string): Promise<string> {
    const row: { hash: string; version: number | string | null } | undefined = await this.ds
      .getRepository(PlanEntity)
      .createQueryBuilder('p')
      .select('p.content_hash', 'hash')
      .addSelect(
        (q) => q.select('MAX(v.number)').from(PlanVersionEntity, 'v').where('v.plan_id = p.id'),
        'version',
      )
      .where('p.id = :planId', { planId })
      .getRawOne();
    return JSON.stringify([row?.hash ?? null, row?.version ?? null]);
  }

  // The events of the plan's measures (those above and their sub-measures, no other) of `kind`,
  // with their detail or without. Joined to the plan, not read by lists of its measures' ids: at
  // 50,000 measures those lists were 300 statements (BENCHMARKS.md).
  private events(
    planId: string,
    kind: FindOptionsWhere<MeasureEventEntity>['kind'],
    detail: boolean,
  ): Promise<MeasureEventEntity[]> {
    return this.ds
      .getRepository(MeasureEventEntity)
      .createQueryBuilder('e')
      .select(['e.measureId', 'e.kind', 'e.level', 'e.occurredAt', ...(detail ? ['e.detail'] : [])])
      .innerJoin(MeasureEntity, 'm', 'm.id = e.measure_id')
      .where('m.plan_id = :planId', { planId })
      .andWhere({ kind })
      .getMany();
  }
}
