import { MEASURE_STATUSES, type MeasureStatus } from '../../libs/domain/src/measure-status';
import { MIGRATIONS, runMigrations } from '../../libs/persistence/src/data-source';
import { MeasureUnitEntity } from '../../libs/persistence/src/entities/measure-unit.entity';
import { MeasureEntity } from '../../libs/persistence/src/entities/measure.entity';
import type { PlanRows } from '../../libs/persistence/src/plan-import.mapper';
import { MeasureEventRepository } from '../../libs/persistence/src/repositories/measure-event.repository';
import { MeasureRepository } from '../../libs/persistence/src/repositories/measure.repository';
import { savedPlan } from '../support/saved-plan';
import { sentQueries, sqlitePlan } from '../support/sent-queries';
import { createTestDatabase, TestDatabase, testEngine } from '../support/test-database';

const MIGRATION = 'MeasureUnitStatus1795976000000';

// measure_units carries its measure's status, copied by the database (BENCHMARKS.md, "The unit's
// desk at 50,000"), so a unit's desk is counted from the unit index alone.
describe(`the status measure_units carries (${testEngine()})`, () => {
  let db: TestDatabase;
  let measures: MeasureRepository;
  beforeAll(async () => {
    db = await createTestDatabase({ fromEmpty: true });
    measures = new MeasureRepository(db.dataSource);
  });
  afterAll(() => db?.close());

  const savePlan = (): Promise<PlanRows> => savedPlan(db.dataSource, { measures: 4 });
  const setStatus = (id: string, status: MeasureStatus) =>
    db.dataSource.query(
      `UPDATE measures SET status = ${testEngine() === 'postgres' ? '$1' : '?'} WHERE id = ${
        testEngine() === 'postgres' ? '$2' : '?'
      }`,
      [status, id],
    );
  // Every row of measure_units as (measure code, unit, status copied, the measure's own status).
  const unitRows = async (planId: string) => {
    const ms = await db.dataSource.getRepository(MeasureEntity).find({ where: { planId } });
    const us = await db.dataSource.getRepository(MeasureUnitEntity).find({ where: { planId } });
    const byId = new Map(ms.map((m) => [m.id, m]));
    return us
      .map((u) => ({
        code: byId.get(u.measureId)!.code,
        unit: u.unitCode,
        status: u.status,
        own: byId.get(u.measureId)!.status,
      }))
      .sort((a, b) => `${a.code} ${a.unit}`.localeCompare(`${b.code} ${b.unit}`));
  };
  const schema = async () => {
    const sqlite = testEngine() === 'sqlite';
    const columns = (
      (await db.dataSource.query(
        sqlite
          ? `SELECT name FROM pragma_table_info('measure_units')`
          : `SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'measure_units'`,
      )) as { name: string }[]
    ).map((c) => c.name);
    const index = sqlite
      ? (
          (await db.dataSource.query(
            `SELECT name FROM pragma_index_info('ix_measure_units_unit') ORDER BY seqno`,
          )) as {
            name: string;
          }[]
        ).map((c) => c.name)
      : (
          (await db.dataSource.query(
            `SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_measure_units_unit'`,
          )) as {
            indexdef: string;
          }[]
        ).flatMap((i) => /\((.*)\)$/.exec(i.indexdef)![1].split(', '));
    // The status triggers: those of the two tables (the directory's have their own spec).
    const triggers = (
      (await db.dataSource.query(
        sqlite
          ? `SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('measures', 'measure_units') ORDER BY name`
          : `SELECT t.tgname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
             WHERE NOT t.tgisinternal AND c.relname IN ('measures', 'measure_units') ORDER BY t.tgname`,
      )) as { name: string }[]
    ).map((t) => t.name);
    return { status: columns.includes('status'), index, triggers };
  };
  const TRIGGERS =
    testEngine() === 'sqlite'
      ? [
          'tr_measure_units_status_on_insert',
          'tr_measure_units_status_on_move',
          'tr_measures_status_on_insert',
          'tr_measures_status_on_update',
        ]
      : ['tr_measure_units_status', 'tr_measures_status'];

  it("adds the column and its triggers, copies each row's status on the way up, and removes both on the way down", async () => {
    const rows = await savePlan();
    expect(await schema()).toEqual({
      status: true,
      // With the deadline and code since the next migration (measure-unit-deadline spec).
      index: ['unit_code', 'plan_id', 'status', 'due_at', 'code', 'measure_id'],
      triggers: TRIGGERS,
    });
    const last = (await db.dataSource.query(`SELECT name FROM migrations ORDER BY id DESC`)) as {
      name: string;
    }[];
    for (let i = 0; i < MIGRATIONS.length && last[i].name !== MIGRATION; i++)
      await db.dataSource.undoLastMigration({ transaction: 'each' });
    await db.dataSource.undoLastMigration({ transaction: 'each' });
    expect(await schema()).toEqual({
      status: false,
      index: ['unit_code', 'plan_id', 'measure_id'],
      triggers: [],
    });

    // Rows written before the column existed, one of them since moved on.
    const m1 = rows.measures.find((m) => m.code === 'P01-M1')!;
    await setStatus(m1.id, 'completion_claimed');
    expect(await runMigrations(db.dataSource)).toContain(MIGRATION);
    expect((await schema()).triggers).toEqual(TRIGGERS);
    const copied = await unitRows(rows.plan.id);
    expect(copied.map((r) => [r.code, r.unit, r.status])).toEqual([
      ['P01-M1', 'GS-HOUSING', 'completion_claimed'],
      ['P01-M1', 'LINXIA', 'completion_claimed'],
      ['P01-M2', 'GS-POVERTY', 'assigned'],
      ['P01-M3', 'GS-HOUSING', 'assigned'],
      ['P01-M4', 'GS-POVERTY', 'assigned'],
    ]);
  });

  it("keeps every unit row at its measure's status, whoever writes the measure or the row", async () => {
    const rows = await savePlan();
    // A new plan's rows: inserted after their measures.
    expect((await unitRows(rows.plan.id)).every((r) => r.status === 'assigned')).toBe(true);
    const [m1, m2] = rows.measures;
    const events = new MeasureEventRepository(db.dataSource);
    // The projection of a measure's event, as the worker records it.
    await events.recordOnce({
      workflowId: m1.workflowId,
      idempotencyKey: `${m1.workflowId}/event/1`,
      seq: 1,
      kind: 'progress_reported',
      level: 0,
      occurredAt: new Date(),
      actor: 'GS-HOUSING',
      detail: { text: 'begun' },
      effects: { status: 'in_progress' },
    });
    // A lead unit handed over with a status change in the same event: the new lead's row is
    // inserted before the measure's row is updated.
    await events.recordOnce({
      workflowId: m2.workflowId,
      idempotencyKey: `${m2.workflowId}/event/1`,
      seq: 1,
      kind: 'progress_reported',
      level: 0,
      occurredAt: new Date(),
      actor: 'GS-POVERTY',
      detail: { text: 'handed over' },
      effects: { status: 'in_progress', leadUnitCode: 'GS-HOUSING' },
    });
    // A hand repair in SQL passes through the same triggers.
    await setStatus(rows.measures[3].id, 'withdrawn');
    const after = await unitRows(rows.plan.id);
    expect(after.map((r) => [r.code, r.unit, r.status])).toEqual([
      ['P01-M1', 'GS-HOUSING', 'in_progress'],
      ['P01-M1', 'LINXIA', 'in_progress'],
      ['P01-M2', 'GS-HOUSING', 'in_progress'],
      ['P01-M3', 'GS-HOUSING', 'assigned'],
      ['P01-M4', 'GS-POVERTY', 'withdrawn'],
    ]);
    expect(after.filter((r) => r.status !== r.own)).toEqual([]);
  });

  it("counts a unit's desk as the measures count it, for every unit and status, with and without the plan", async () => {
    const rows = await savePlan();
    const [m1, m2, m3] = rows.measures;
    await setStatus(m1.id, 'verified');
    await setStatus(m2.id, 'closed');
    await setStatus(m3.id, 'in_progress');
    const byPlan = await db.dataSource.getRepository(MeasureEntity).find({ where: { planId: rows.plan.id } });
    const units = await db.dataSource
      .getRepository(MeasureUnitEntity)
      .find({ where: { planId: rows.plan.id } });
    const all = await db.dataSource.getRepository(MeasureUnitEntity).find();
    const everywhere = await db.dataSource.getRepository(MeasureEntity).find();
    const statusOf = new Map(everywhere.map((m) => [m.id, m.status]));
    for (const unitCode of ['GS-HOUSING', 'GS-POVERTY', 'LINXIA', 'NOT-A-UNIT']) {
      for (const status of [undefined, ...MEASURE_STATUSES]) {
        const inPlan = units.filter(
          (u) =>
            u.unitCode === unitCode &&
            (!status || byPlan.find((m) => m.id === u.measureId)!.status === status),
        ).length;
        const anywhere = all.filter(
          (u) => u.unitCode === unitCode && (!status || statusOf.get(u.measureId) === status),
        ).length;
        const page = await measures.list({
          scope: { kind: 'all' },
          planId: rows.plan.id,
          unitCode,
          status,
          limit: 1,
          offset: 0,
        });
        const across = await measures.list({ scope: { kind: 'all' }, unitCode, status, limit: 1, offset: 0 });
        expect([unitCode, status, page.total, across.total]).toEqual([unitCode, status, inPlan, anywhere]);
      }
    }
    // A caller's unit scope: its units and those below (LINXIA is below GS-POVERTY), each measure
    // once however many of its units the scope holds (P01-M1: GS-HOUSING and LINXIA).
    for (const unitCodes of [['GS-POVERTY'], ['GS-HOUSING', 'LINXIA'], ['LINXIA'], ['NOT-A-UNIT']]) {
      const reached = new Set(unitCodes.includes('GS-POVERTY') ? [...unitCodes, 'LINXIA'] : unitCodes);
      for (const status of [undefined, ...MEASURE_STATUSES]) {
        const ids = (of: MeasureUnitEntity[]) =>
          new Set(
            of
              .filter((u) => reached.has(u.unitCode) && (!status || statusOf.get(u.measureId) === status))
              .map((u) => u.measureId),
          ).size;
        const scope = { kind: 'units' as const, unitCodes };
        const page = await measures.list({ scope, planId: rows.plan.id, status, limit: 1, offset: 0 });
        const across = await measures.list({ scope, status, limit: 1, offset: 0 });
        expect([unitCodes, status, page.total, across.total]).toEqual([
          unitCodes,
          status,
          ids(units),
          ids(all),
        ]);
      }
    }
    // The fixture's counts are not all zero: the table above checks something.
    expect(
      (
        await measures.list({
          scope: { kind: 'all' },
          planId: rows.plan.id,
          unitCode: 'GS-HOUSING',
          status: 'verified',
          limit: 5,
          offset: 0,
        })
      ).total,
    ).toBe(1);
  });

  it('counts from the measures when a filter or a scope the unit index does not carry is asked too', async () => {
    const rows = await savePlan();
    await setStatus(rows.measures[0].id, 'in_progress');
    const planId = rows.plan.id;
    const list = (extra: Record<string, unknown>) =>
      measures.list({
        scope: { kind: 'all' },
        planId,
        unitCode: 'GS-HOUSING',
        limit: 10,
        offset: 0,
        ...extra,
      });
    expect((await list({ text: 'no such words' })).total).toBe(0);
    expect((await list({ leadLeader: 'nobody' })).total).toBe(0);
    expect(
      (await list({ status: 'in_progress', scope: { kind: 'units', unitCodes: ['LINXIA'] } })).total,
    ).toBe(1);
    expect((await list({ status: 'assigned', scope: { kind: 'units', unitCodes: ['LINXIA'] } })).total).toBe(
      0,
    );
    expect((await list({ scope: { kind: 'none' } })).total).toBe(0);
    expect((await list({ scope: { kind: 'lead_leader', leaderName: 'nobody' } })).total).toBe(0);
    expect((await list({ scope: { kind: 'lead_leader', leaderName: '分管副省长' } })).total).toBe(2);
  });

  // SQLite plans without statistics: what it reads for a statement follows from the schema and
  // the SQL alone.
  (testEngine() === 'sqlite' ? it : it.skip)(
    "counts a unit's desk in one range of the unit index, reading neither measures nor a table row",
    async () => {
      const rows = await savePlan();
      const sent = await sentQueries(db.dataSource, /COUNT\(\*\)/, async () => {
        await measures.list({
          scope: { kind: 'all' },
          planId: rows.plan.id,
          unitCode: 'GS-HOUSING',
          status: 'assigned',
          limit: 5,
          offset: 0,
        });
        await measures.list({
          scope: { kind: 'units', unitCodes: ['GS-POVERTY'] },
          planId: rows.plan.id,
          status: 'assigned',
          limit: 5,
          offset: 0,
        });
      });
      const steps: string[][] = [];
      for (const q of sent) steps.push(await sqlitePlan(db.dataSource, q));
      // The unit's desk: one range. The scope: a range for its units and one for the (unit, plan)
      // pairs below them (LINXIA in each plan of this database), joined; measures never read.
      expect(steps[0]).toEqual([
        'SEARCH mu USING COVERING INDEX ix_measure_units_unit (unit_code=? AND plan_id=? AND status=?)',
      ]);
      expect(steps).toHaveLength(2);
      expect(steps[1].filter((s) => /^(SEARCH|SCAN) /.test(s))).toEqual([
        'SEARCH mu USING COVERING INDEX ix_measure_units_unit (unit_code=? AND plan_id=? AND status=?)',
        'SEARCH mu USING COVERING INDEX ix_measure_units_unit (unit_code=? AND plan_id=? AND status=?)',
        expect.stringMatching(/^SCAN \d+-ROW VALUES CLAUSE$/),
        expect.stringMatching(/^SCAN \d+-ROW VALUES CLAUSE$/),
        'SCAN listed',
      ]);
    },
  );
});
