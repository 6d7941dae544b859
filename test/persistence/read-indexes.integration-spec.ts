import { MIGRATIONS, runMigrations } from '../../libs/persistence/src/data-source';
import { createTestDatabase, TestDatabase, testEngine } from '../support/test-database';

// Indexes added for what reads a whole plan, each by its own migration: a ledger or bulletin reads a
// plan's measures a page at a time in the plan's order (PlanReportRepository; BENCHMARKS.md, "the
// ledger written in slices"); a unit ranking reads a few kinds of each measure's events
// (UnitAssessmentRepository.assessedHistory; "the ranking of a plan with a history").
describe(`the read model's indexes for whole plans (${testEngine()})`, () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ fromEmpty: true });
  });
  afterAll(() => db?.close());

  const columns = async (index: string): Promise<string[]> =>
    testEngine() === 'sqlite'
      ? (
          (await db.dataSource.query(`SELECT name FROM pragma_index_info(?) ORDER BY seqno`, [index])) as {
            name: string;
          }[]
        ).map((c) => c.name)
      : (
          (await db.dataSource.query(`SELECT indexdef FROM pg_indexes WHERE indexname = $1`, [index])) as {
            indexdef: string;
          }[]
        )
          // PostgreSQL quotes a column named by a keyword (position).
          .flatMap((i) =>
            /\((.*)\)$/
              .exec(i.indexdef)![1]
              .split(', ')
              .map((c) => c.replace(/"/g, '')),
          );

  it.each([
    ['MeasurePlanOrderIndex1795977000000', 'ix_measures_plan_order', ['plan_id', 'position', 'id']],
    [
      'MeasureEventKindIndex1795978000000',
      'ix_measure_events_kind',
      ['measure_id', 'kind', 'occurred_at', 'level'],
    ],
  ])('%s creates %s on its columns and drops it on the way down', async (migration, index, cols) => {
    expect(await columns(index)).toEqual(cols);
    const last = (await db.dataSource.query(`SELECT name FROM migrations ORDER BY id DESC`)) as {
      name: string;
    }[];
    for (let i = 0; i < MIGRATIONS.length && last[i].name !== migration; i++)
      await db.dataSource.undoLastMigration({ transaction: 'each' });
    await db.dataSource.undoLastMigration({ transaction: 'each' });
    expect(await columns(index)).toEqual([]);
    expect(await runMigrations(db.dataSource)).toContain(migration);
    expect(await columns(index)).toEqual(cols);
  });
});
