import { MIGRATIONS, runMigrations } from '../../libs/persistence/src/data-source';
import { createTestDatabase, TestDatabase, testEngine } from '../support/test-database';

// due_assumed and reviews_only on the measure row: false for every measure from before (a date
// the plan wrote, followed by the ladder); down takes them away again.
describe(`the measure-due-assumed migration (${testEngine()})`, () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ fromEmpty: true });
  });
  afterAll(() => db?.close());

  const columns = async () => {
    const q = db.dataSource.createQueryRunner();
    try {
      const table = await q.getTable('measures');
      const column = (name: string) => {
        const c = table?.findColumnByName(name);
        return c ? { nullable: c.isNullable, default: String(c.default) } : null;
      };
      return { dueAssumed: column('due_assumed'), reviewsOnly: column('reviews_only') };
    } finally {
      await q.release();
    }
  };
  const added = { nullable: false, default: expect.stringMatching(/^(false|0)$/) };

  it('adds due_assumed and reviews_only, not null and false by default, and removes them on the way down', async () => {
    expect(await columns()).toEqual({ dueAssumed: added, reviewsOnly: added });
    for (let i = 0; i < MIGRATIONS.length && (await columns()).dueAssumed !== null; i++)
      await db.dataSource.undoLastMigration({ transaction: 'each' });
    expect(await columns()).toEqual({ dueAssumed: null, reviewsOnly: null });
    expect(await runMigrations(db.dataSource)).toContain('MeasureDueAssumed1795973000000');
    expect(await columns()).toEqual({ dueAssumed: added, reviewsOnly: added });
  });
});
