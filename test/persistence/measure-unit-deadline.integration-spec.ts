import type { MeasureScope } from '../../libs/domain/src/authorization';
import { runMigrations } from '../../libs/persistence/src/data-source';
import { MeasureUnitEntity } from '../../libs/persistence/src/entities/measure-unit.entity';
import { MeasureEntity } from '../../libs/persistence/src/entities/measure.entity';
import type { PlanRows } from '../../libs/persistence/src/plan-import.mapper';
import { MeasureEventRepository } from '../../libs/persistence/src/repositories/measure-event.repository';
import {
  type MeasureFilter,
  MeasureRepository,
} from '../../libs/persistence/src/repositories/measure.repository';
import { indexColumns, undoMigrationsThrough } from '../support/migration-indexes';
import { savedPlan } from '../support/saved-plan';
import { sentQueries, sqlitePlan } from '../support/sent-queries';
import { createTestDatabase, TestDatabase, testEngine } from '../support/test-database';

const MIGRATION = 'MeasureUnitDeadline1795980000000';
const ALL: MeasureScope = { kind: 'all' };

// measure_units carries its measure's deadline and code beside its status, copied by the database,
// so a unit's desk is read in the board's order from the unit index (BENCHMARKS.md, "The desk in
// deadline order").
describe(`the deadline measure_units carries (${testEngine()})`, () => {
  let db: TestDatabase;
  let measures: MeasureRepository;
  beforeAll(async () => {
    db = await createTestDatabase({ fromEmpty: true });
    measures = new MeasureRepository(db.dataSource);
  });
  afterAll(() => db?.close());

  const p = (n: number) => (testEngine() === 'postgres' ? `$${n}` : '?');
  // Seven measures: GS-HOUSING leads M1, M3, M5, M7, GS-POVERTY the others, LINXIA co-operates on M1.
  const savePlan = (): Promise<PlanRows> => savedPlan(db.dataSource, { measures: 7 });
  const byCode = (rows: PlanRows, code: string) => rows.measures.find((m) => m.code === code)!;
  // As TypeORM writes an instant: a timestamptz, or SQLite's UTC text.
  const instant = (iso: string) =>
    testEngine() === 'postgres'
      ? new Date(iso)
      : new Date(iso).toISOString().replace('T', ' ').replace('Z', '');
  const setDue = (id: string, dueAt: string) =>
    db.dataSource.query(`UPDATE measures SET due_at = ${p(1)} WHERE id = ${p(2)}`, [instant(dueAt), id]);
  const setCode = (id: string, code: string) =>
    db.dataSource.query(`UPDATE measures SET code = ${p(1)} WHERE id = ${p(2)}`, [code, id]);
  // Rows of measure_units whose copies differ from their measure's own columns.
  const disagreeing = async () => {
    const ms = await db.dataSource.getRepository(MeasureEntity).find();
    const byId = new Map(ms.map((m) => [m.id, m]));
    const us = await db.dataSource.getRepository(MeasureUnitEntity).find();
    expect(us.length).toBeGreaterThan(0);
    return us.filter((u) => {
      const m = byId.get(u.measureId)!;
      return u.status !== m.status || u.code !== m.code || u.dueAt?.getTime() !== m.dueAt.getTime();
    });
  };
  // The board's order by deadline, worked out from the measures themselves: deadline, code, id.
  const expectedOrder = async (planId: string, units: readonly string[], status: string) => {
    const listed = await db.dataSource
      .getRepository(MeasureUnitEntity)
      .find({ where: units.map((unitCode) => ({ planId, unitCode })) });
    const ids = new Set(listed.map((u) => u.measureId));
    const ms = (await db.dataSource.getRepository(MeasureEntity).find({ where: { planId } })).filter(
      (m) => ids.has(m.id) && m.status === status,
    );
    const key = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    return ms
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || key(a.code, b.code) || key(a.id, b.id))
      .map((m) => m.code);
  };
  // Every page of two, in order, and each page's total.
  const pagesOfTwo = async (filter: Omit<MeasureFilter, 'limit' | 'offset'>) => {
    const codes: string[] = [];
    const totals = new Set<number>();
    for (let offset = 0; offset < 10; offset += 2) {
      const page = await measures.list({ ...filter, limit: 2, offset });
      codes.push(...page.items.map((m) => m.code));
      totals.add(page.total);
    }
    return { codes, totals: [...totals] };
  };

  it('adds the columns and widens the unit index, copying every row on the way up, and removes both on the way down', async () => {
    const rows = await savePlan();
    expect(await indexColumns(db.dataSource, 'ix_measure_units_unit')).toEqual([
      'unit_code',
      'plan_id',
      'status',
      'due_at',
      'code',
      'measure_id',
    ]);
    await undoMigrationsThrough(db.dataSource, MIGRATION);
    expect(await indexColumns(db.dataSource, 'ix_measure_units_unit')).toEqual([
      'unit_code',
      'plan_id',
      'status',
      'measure_id',
    ]);
    const columns = (await db.dataSource.query(
      testEngine() === 'sqlite'
        ? `SELECT name FROM pragma_table_info('measure_units')`
        : `SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'measure_units'`,
    )) as { name: string }[];
    expect(columns.map((c) => c.name).filter((n) => n === 'due_at' || n === 'code')).toEqual([]);
    // Written while the columns were not there: a deadline moved, a code changed.
    await setDue(byCode(rows, 'P01-M3').id, '2019-06-30T16:00:00Z');
    await setCode(byCode(rows, 'P01-M5').id, 'P01-M5A');

    expect(await runMigrations(db.dataSource)).toContain(MIGRATION);
    expect(await disagreeing()).toEqual([]);
    const copied = await db.dataSource
      .getRepository(MeasureUnitEntity)
      .findOne({ where: { measureId: byCode(rows, 'P01-M3').id } });
    expect(copied?.dueAt?.toISOString()).toBe('2019-06-30T16:00:00.000Z');
  });

  it("keeps every unit row at its measure's deadline and code, whoever writes the measure or the row", async () => {
    const rows = await savePlan();
    const events = new MeasureEventRepository(db.dataSource);
    const m2 = byCode(rows, 'P01-M2');
    // An extension approved, as the worker records it, with the lead unit handed over in it: the
    // new lead's row is inserted before the measure's row is updated.
    await events.recordOnce({
      workflowId: m2.workflowId,
      idempotencyKey: `${m2.workflowId}/event/1`,
      seq: 1,
      kind: 'extension_approved',
      level: 0,
      occurredAt: new Date(),
      actor: 'office',
      detail: {},
      effects: { dueAt: '2019-12-31T16:00:00.000Z', leadUnitCode: 'GS-HOUSING' },
    });
    // Repairs in SQL pass through the same triggers.
    await setDue(byCode(rows, 'P01-M4').id, '2019-03-31T16:00:00Z');
    await setCode(byCode(rows, 'P01-M6').id, 'P01-M0');
    expect(await disagreeing()).toEqual([]);
    const handedOver = await db.dataSource
      .getRepository(MeasureUnitEntity)
      .findOne({ where: { measureId: m2.id, unitCode: 'GS-HOUSING' } });
    expect(handedOver?.dueAt?.toISOString()).toBe('2019-12-31T16:00:00.000Z');
  });

  it("pages a unit's desk in the board's order, the deadlines' ties broken by code, as the deadlines move", async () => {
    const rows = await savePlan();
    const planId = rows.plan.id;
    const desk = { scope: ALL, planId, unitCode: 'GS-HOUSING', status: 'assigned' as const };
    // Every deadline the same: by code.
    expect(await pagesOfTwo(desk)).toEqual({
      codes: ['P01-M1', 'P01-M3', 'P01-M5', 'P01-M7'],
      totals: [4],
    });
    await setDue(byCode(rows, 'P01-M5').id, '2019-05-31T16:00:00Z');
    await setDue(byCode(rows, 'P01-M1').id, '2019-12-31T16:00:00Z');
    await setCode(byCode(rows, 'P01-M7').id, 'P01-M0');
    expect(await pagesOfTwo(desk)).toEqual({
      codes: ['P01-M5', 'P01-M0', 'P01-M3', 'P01-M1'],
      totals: [4],
    });
    expect((await pagesOfTwo(desk)).codes).toEqual(await expectedOrder(planId, ['GS-HOUSING'], 'assigned'));
    // A caller whose scope is that one unit, with no unit below it, sees the same desk.
    expect(
      await pagesOfTwo({ scope: { kind: 'units', unitCodes: ['GS-HOUSING'] }, planId, status: 'assigned' }),
    ).toEqual(await pagesOfTwo(desk));
    // A measure moved on leaves the desk of its old status.
    await db.dataSource.query(`UPDATE measures SET status = 'in_progress' WHERE id = ${p(1)}`, [
      byCode(rows, 'P01-M3').id,
    ]);
    expect(await pagesOfTwo(desk)).toEqual({ codes: ['P01-M5', 'P01-M0', 'P01-M1'], totals: [3] });
    expect(await pagesOfTwo({ ...desk, status: 'in_progress' })).toEqual({ codes: ['P01-M3'], totals: [1] });
  });

  it('gives the same order through the measures for the desks the unit index does not order', async () => {
    const rows = await savePlan();
    const planId = rows.plan.id;
    await setDue(byCode(rows, 'P01-M6').id, '2019-04-30T16:00:00Z');
    await setDue(byCode(rows, 'P01-M2').id, '2019-11-30T16:00:00Z');
    // GS-POVERTY's scope reaches LINXIA below it (and so P01-M1): not one unit's range.
    const poverty: MeasureScope = { kind: 'units', unitCodes: ['GS-POVERTY'] };
    expect((await pagesOfTwo({ scope: poverty, planId, status: 'assigned' })).codes).toEqual(
      await expectedOrder(planId, ['GS-POVERTY', 'LINXIA'], 'assigned'),
    );
    expect(
      (await pagesOfTwo({ scope: ALL, planId, unitCode: 'GS-POVERTY', status: 'assigned' })).codes,
    ).toEqual(['P01-M6', 'P01-M4', 'P01-M2']);
    // Latest deadline first: through the measures, ties still by code.
    expect(
      (
        await pagesOfTwo({
          scope: ALL,
          planId,
          unitCode: 'GS-POVERTY',
          status: 'assigned',
          sort: { column: 'dueAt', direction: 'DESC' },
        })
      ).codes,
    ).toEqual(['P01-M2', 'P01-M4', 'P01-M6']);
  });

  // SQLite plans without statistics: what it reads for a statement follows from the schema and
  // the SQL alone.
  (testEngine() === 'sqlite' ? it : it.skip)(
    "reads a unit's desk page from one range of the unit index in order, then only the page's measures",
    async () => {
      const rows = await savePlan();
      const sent = await sentQueries(db.dataSource, /FROM "measures"/, () =>
        measures.list({
          scope: ALL,
          planId: rows.plan.id,
          unitCode: 'GS-HOUSING',
          status: 'assigned',
          limit: 2,
          offset: 2,
        }),
      );
      expect(sent).toHaveLength(1);
      const steps = await sqlitePlan(db.dataSource, sent[0]);
      expect(steps).toEqual([
        'SEARCH mu USING COVERING INDEX ix_measure_units_unit (unit_code=? AND plan_id=? AND status=?)',
        'SEARCH m USING INDEX sqlite_autoindex_measures_1 (id=?)',
      ]);
    },
  );
});
