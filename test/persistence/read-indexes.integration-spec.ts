import { runMigrations } from '../../libs/persistence/src/data-source';
import { indexColumns, undoMigrationsThrough } from '../support/migration-indexes';
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

  it.each([
    ['MeasurePlanOrderIndex1795977000000', 'ix_measures_plan_order', ['plan_id', 'position', 'id']],
    [
      'MeasureEventKindIndex1795978000000',
      'ix_measure_events_kind',
      ['measure_id', 'kind', 'occurred_at', 'level'],
    ],
  ])('%s creates %s on its columns and drops it on the way down', async (migration, index, columns) => {
    expect(await indexColumns(db.dataSource, index)).toEqual(columns);
    await undoMigrationsThrough(db.dataSource, migration);
    expect(await indexColumns(db.dataSource, index)).toEqual([]);
    expect(await runMigrations(db.dataSource)).toContain(migration);
    expect(await indexColumns(db.dataSource, index)).toEqual(columns);
  });
});
