import { DataSource, type FindOptionsWhere, In, Not } from 'typeorm';
import { INDICATOR_VALUE_SOURCES } from '../../../domain/src/indicator-history';
import type { MeasureLight } from '../../../domain/src/measure-light';
import { MeasureEventEntity } from '../entities/measure-event.entity';
import { MeasureEntity } from '../entities/measure.entity';
import { nextSlice, sliceIsUp } from '../../../runtime/src/event-loop-slices';
import { type MeasurePaging, PlanMeasurePages } from './plan-measure-pages';

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
  async load(planId: string): Promise<PlanReportRows> {
    const [measures, sub] = await this.pages.consistent(planId, async (page) => [
      await this.pages.rows(planId, REPORT_COLUMNS, 'own', page),
      await this.pages.rows(planId, REPORT_COLUMNS, 'sub', page),
    ]);
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
