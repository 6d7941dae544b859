import { MIGRATIONS, runMigrations } from '../../libs/persistence/src/data-source';
import { createTestDatabase, TestDatabase, testEngine } from '../support/test-database';

const MIGRATION = 'MeasurePlanOrderIndex1795977000000';

// A ledger or bulletin reads a plan's measures a page at a time in the plan's order
// (PlanReportRepository): the index gives each page as one range (BENCHMARKS.md, "the ledger
// written in slices").
describe(`the measures' plan-order index (${testEngine()})`, () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ fromEmpty: true });
  });
  afterAll(() => db?.close());

  const columns = async (): Promise<string[]> =>
    testEngine() === 'sqlite'
      ? (
          (await db.dataSource.query(`SELECT name FROM pragma_index_info(?) ORDER BY seqno`, [
            'ix_measures_plan_order',
          ])) as { name: string }[]
        ).map((c) => c.name)
      : (
          (await db.dataSource.query(`SELECT indexdef FROM pg_indexes WHERE indexname = $1`, [
            'ix_measures_plan_order',
          ])) as { indexdef: string }[]
        )
          // PostgreSQL quotes a column named by a keyword (position).
          .flatMap((i) =>
            /\((.*)\)$/
              .exec(i.indexdef)![1]
              .split(', ')
              .map((c) => c.replace(/"/g, '')),
          );

  it('creates the index on (plan, position, id) and drops it on the way down', async () => {
    expect(await columns()).toEqual(['plan_id', 'position', 'id']);
    const last = (await db.dataSource.query(`SELECT name FROM migrations ORDER BY id DESC`)) as {
      name: string;
    }[];
    for (let i = 0; i < MIGRATIONS.length && last[i].name !== MIGRATION; i++)
      await db.dataSource.undoLastMigration({ transaction: 'each' });
    await db.dataSource.undoLastMigration({ transaction: 'each' });
    expect(await columns()).toEqual([]);
    expect(await runMigrations(db.dataSource)).toContain(MIGRATION);
    expect(await columns()).toEqual(['plan_id', 'position', 'id']);
  });
});
