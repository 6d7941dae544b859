import type { MeasureScope } from '../../libs/domain/src/authorization';
import { runMigrations } from '../../libs/persistence/src/data-source';
import { MeasureFilter, MeasureRepository } from '../../libs/persistence/src/repositories/measure.repository';
import { indexColumns, undoMigrationsThrough } from '../support/migration-indexes';
import { savedPlan } from '../support/saved-plan';
import { sentQueries, sqlitePlan } from '../support/sent-queries';
import { createTestDatabase, TestDatabase, testEngine } from '../support/test-database';

// A unit's desk (the board by plan, unit and status) and a unit-scoped caller's board read
// measure_units by unit and measures by (plan, status) or by id from indexes (BENCHMARKS.md,
// "The unit's desk at 50,000").
describe(`the measure desk's indexes (${testEngine()})`, () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ fromEmpty: true });
  });
  afterAll(() => db?.close());

  // Each index's columns in order (TypeORM's table reader does not keep PostgreSQL's order).
  const NAMES = [
    'ix_measures_plan_due',
    'ix_measures_plan_status_due',
    'ix_measures_state',
    'ix_measure_units_unit',
  ];
  const indexes = async (): Promise<Record<string, string[]>> => {
    const found: [string, string[]][] = [];
    for (const name of NAMES) {
      const columns = await indexColumns(db.dataSource, name);
      if (columns.length) found.push([name, columns]);
    }
    return Object.fromEntries(found);
  };
  const after = {
    ix_measures_plan_due: ['plan_id', 'due_at', 'code', 'id'],
    ix_measures_plan_status_due: ['plan_id', 'status', 'due_at', 'code', 'id'],
    ix_measures_state: ['id', 'plan_id', 'status', 'due_at', 'code'],
    // With the status, then the deadline and code, its measure has since later migrations
    // (measure-unit-status and measure-unit-deadline specs).
    ix_measure_units_unit: ['unit_code', 'plan_id', 'status', 'due_at', 'code', 'measure_id'],
  };

  it('creates the desk indexes and restores the ones before on the way down', async () => {
    expect(await indexes()).toEqual(after);
    await undoMigrationsThrough(db.dataSource, 'MeasureDeskIndexes1795975000000');
    expect(await indexes()).toEqual({
      ix_measures_plan_due: ['plan_id', 'due_at'],
      ix_measure_units_unit: ['plan_id', 'unit_code'],
    });
    expect(await runMigrations(db.dataSource)).toContain('MeasureDeskIndexes1795975000000');
    expect(await indexes()).toEqual(after);
  });

  describe('the board by unit and by a unit scope', () => {
    let planId: string;
    let measures: MeasureRepository;
    beforeAll(async () => {
      planId = (await savedPlan(db.dataSource, { measures: 3 })).plan.id;
      measures = new MeasureRepository(db.dataSource);
    });
    const ALL: MeasureScope = { kind: 'all' };
    const codes = async (filter: Omit<MeasureFilter, 'limit' | 'offset'>) => {
      const page = await measures.list({ ...filter, limit: 10, offset: 0 });
      return { total: page.total, codes: page.items.map((m) => m.code) };
    };

    it("lists a unit's measures, lead or co-unit, with or without the plan, once each", async () => {
      expect(await codes({ scope: ALL, planId, unitCode: 'GS-HOUSING', status: 'assigned' })).toEqual({
        total: 2,
        codes: ['P01-M1', 'P01-M3'],
      });
      expect(await codes({ scope: ALL, planId, unitCode: 'LINXIA' })).toEqual({
        total: 1,
        codes: ['P01-M1'],
      });
      // Across plans (this database holds only this one): the unit's index by its first column.
      expect(await codes({ scope: ALL, unitCode: 'LINXIA' })).toEqual({ total: 1, codes: ['P01-M1'] });
      expect(await codes({ scope: ALL, planId, unitCode: 'NOT-A-UNIT' })).toEqual({ total: 0, codes: [] });
      expect(await codes({ scope: ALL, planId, unitCode: 'GS-HOUSING', status: 'verified' })).toEqual({
        total: 0,
        codes: [],
      });
    });

    it("reaches the scope's units and every unit below them, and no other", async () => {
      // LINXIA is below GS-POVERTY: P01-M1 (co-unit LINXIA) and P01-M2 (lead GS-POVERTY).
      const poverty: MeasureScope = { kind: 'units', unitCodes: ['GS-POVERTY'] };
      expect(await codes({ scope: poverty, planId })).toEqual({ total: 2, codes: ['P01-M1', 'P01-M2'] });
      expect(await codes({ scope: poverty })).toEqual({ total: 2, codes: ['P01-M1', 'P01-M2'] });
      expect(await codes({ scope: { kind: 'units', unitCodes: ['LINXIA'] }, planId })).toEqual({
        total: 1,
        codes: ['P01-M1'],
      });
      expect(await codes({ scope: poverty, planId, unitCode: 'GS-HOUSING' })).toEqual({
        total: 1,
        codes: ['P01-M1'],
      });
    });

    // SQLite plans without statistics, so the plan each statement gets is fixed by the schema and
    // the SQL: read it back for the queries the board sends.
    (testEngine() === 'sqlite' ? it : it.skip)(
      "reads a unit's desk and a unit scope from their indexes, scanning neither measures nor measure_units nor indexing them on the fly",
      async () => {
        // The pages, and the counts: from measures, or from a unit's list (`listed`).
        const sent = await sentQueries(db.dataSource, /FROM "measures"|\) listed$/, async () => {
          await codes({ scope: ALL, planId, unitCode: 'GS-HOUSING', status: 'assigned' });
          await codes({ scope: { kind: 'units', unitCodes: ['GS-POVERTY'] }, planId, status: 'assigned' });
          await codes({ scope: ALL, planId, status: 'assigned' });
        });
        expect(sent).toHaveLength(6);
        for (const q of sent) {
          const { sql } = q;
          const steps = await sqlitePlan(db.dataSource, q);
          expect(steps.filter((s) => /^SCAN (m|mu)\b|^SEARCH (m|mu) USING AUTOMATIC/.test(s))).toEqual([]);
          // A unit's desk and a unit scope are counted from measure_units alone (measure-unit-status
          // spec); a unit's desk is paged from it, then each measure of the page read by its id
          // (measure-unit-deadline spec).
          if (/INNER JOIN "measure_units"/.test(sql))
            expect(steps).toEqual([
              'SEARCH mu USING COVERING INDEX ix_measure_units_unit (unit_code=? AND plan_id=? AND status=?)',
              'SEARCH m USING INDEX sqlite_autoindex_measures_1 (id=?)',
            ]);
          else if (/FROM "measures"/.test(sql))
            expect(
              steps.some((s) =>
                /SEARCH m USING (COVERING )?INDEX ix_measures_(plan_status_due|state) /.test(s),
              ),
            ).toBe(true);
          if (/measure_units/.test(sql))
            expect(steps.some((s) => /SEARCH mu USING COVERING INDEX ix_measure_units_unit /.test(s))).toBe(
              true,
            );
        }
      },
    );
  });
});
