import type { DataSource } from 'typeorm';
import { nextSlice, sliceIsUp } from '../../../runtime/src/event-loop-slices';
import { MeasureEntity } from '../entities/measure.entity';
import { PlanVersionEntity } from '../entities/plan-version.entity';
import { PlanEntity } from '../entities/plan.entity';

// Measures a statement reads on SQLite: a page of a 50,000-measure plan's took 20–50 ms there.
export const MEASURE_PAGE = 5_000;

export interface MeasurePaging {
  // null: each list in one statement. The default on PostgreSQL, whose statements run off the
  // API's thread (the driver parses the rows as they arrive): there a 50,000-measure plan's in one
  // statement took 0.1–0.17 s of the database, its ten pages about 0.35 s (each scans the plan and
  // sorts it; the planner prefers that to the index for a plan of most of the table).
  readonly measurePage: number | null;
  // Run after each page is read, before the next: for the specs to change the plan between pages.
  readonly afterPage: () => Promise<void>;
}

// Which of the plan's measures: all, its own (not sub-measures), or its sub-measures.
export type MeasureKind = 'all' | 'own' | 'sub';

// A whole plan's measures, read on SQLite a page at a time in the plan's order (position, then
// code; a withdrawn measure keeps its position and a new one may take the same), each page after
// the last row of the one before (ix_measures_plan_order), their rows made into measures in slices
// of the event loop (libs/runtime/src/event-loop-slices.ts). One statement for all of a
// 50,000-measure plan and TypeORM's building of its entities held the API's thread 0.5–1.4 s on
// SQLite, and every other request waited (BENCHMARKS.md, "the ledger written in slices" and "the
// plan tree read in pages").
export class PlanMeasurePages {
  private readonly paging: MeasurePaging;

  constructor(
    private readonly ds: DataSource,
    paging: Partial<MeasurePaging> = {},
  ) {
    this.paging = {
      measurePage: ds.options.type === 'postgres' ? null : MEASURE_PAGE,
      afterPage: async () => undefined,
      ...paging,
    };
  }

  // `read` reads its lists with `rows`, a page of the size given at a time. A re-import gives the
  // plan's measures the new document's positions: one committed while pages were read can have
  // moved measures from a page not yet read to one already read (read twice) or the other way
  // (not read at all). Then `read` runs again with null, each list in one statement: each measure
  // once, at the cost on SQLite of the stall pages avoid (0.3–0.65 s at 50,000), in that rare case
  // only. A measure added meanwhile (a sub-measure, at the plan's end) moves no other and is read
  // or not, as by one statement a moment earlier or later.
  async consistent<T>(planId: string, read: (page: number | null) => Promise<T>): Promise<T> {
    if (this.paging.measurePage === null) return read(null);
    const order = await this.orderStamp(planId);
    const paged = await read(this.paging.measurePage);
    return (await this.orderStamp(planId)) === order ? paged : read(null);
  }

  // The plan's measures of `kind` with `columns`, `page` at a time (null: in one statement), each
  // value hydrated by the driver as an entity's would be.
  async rows<C extends keyof MeasureEntity>(
    planId: string,
    columns: readonly C[],
    kind: MeasureKind,
    page: number | null,
  ): Promise<Pick<MeasureEntity, C>[]> {
    const meta = this.ds.getMetadata(MeasureEntity);
    const hydrated = columns.map((property) => {
      const column = meta.findColumnWithPropertyName(property);
      if (!column) throw new Error(`measures have no column ${property}`);
      return column;
    });
    const measures: Pick<MeasureEntity, C>[] = [];
    // Where the next page starts: after the last row read, in the plan's order.
    let after: { readonly position: unknown; readonly code: unknown } | null = null;
    for (;;) {
      const query = this.ds
        .getRepository(MeasureEntity)
        .createQueryBuilder('m')
        .select([...new Set([...columns, 'position', 'code'])].map((property) => `m.${property}`))
        .where('m.plan_id = :planId', { planId })
        .orderBy('m.position', 'ASC')
        .addOrderBy('m.code', 'ASC');
      if (kind !== 'all')
        query.andWhere(kind === 'sub' ? 'm.parent_measure_id IS NOT NULL' : 'm.parent_measure_id IS NULL');
      if (page !== null) query.limit(page);
      if (after) query.andWhere('(m.position, m.code) > (:position, :code)', after);
      const raw: Record<string, unknown>[] = await query.getRawMany();
      for (const r of raw) {
        const m: Record<string, unknown> = {};
        for (const c of hydrated)
          m[c.propertyName] = this.ds.driver.prepareHydratedValue(r[`m_${c.databaseName}`], c);
        measures.push(m as Pick<MeasureEntity, C>);
        if (sliceIsUp()) await nextSlice();
      }
      if (page === null || raw.length < page) return measures;
      after = { position: raw.at(-1)!.m_position, code: raw.at(-1)!.m_code };
      await this.paging.afterPage();
    }
  }

  // What changes whenever a re-import moves the plan's measures: the plan's content hash and its
  // last version's number (every applied change keeps a version; the hash alone could come back to
  // an earlier document's).
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
}
