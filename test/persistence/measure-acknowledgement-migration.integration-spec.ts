import { MIGRATIONS, runMigrations } from '../../libs/persistence/src/data-source';
import { createTestDatabase, TestDatabase, testEngine } from '../support/test-database';

// 签收 on the measure row: the migration adds two nullable columns and their index, so every
// measure from before reads "no acknowledgement required"; down takes them away again.
describe(`the measure-acknowledgement migration (${testEngine()})`, () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ fromEmpty: true });
  });
  afterAll(() => db?.close());

  const columns = async () => {
    const q = db.dataSource.createQueryRunner();
    try {
      const table = await q.getTable('measures');
      return {
        acknowledgement: table?.findColumnByName('acknowledgement')?.isNullable ?? null,
        acknowledgeBy: table?.findColumnByName('acknowledge_by')?.isNullable ?? null,
        index: table?.indices.some((i) => i.name === 'ix_measures_acknowledgement') ?? false,
      };
    } finally {
      await q.release();
    }
  };

  it('adds nullable acknowledgement and acknowledge_by with an index, and removes them on the way down', async () => {
    expect(await columns()).toEqual({ acknowledgement: true, acknowledgeBy: true, index: true });
    for (let i = 0; i < MIGRATIONS.length && (await columns()).acknowledgement !== null; i++)
      await db.dataSource.undoLastMigration({ transaction: 'each' });
    expect(await columns()).toEqual({ acknowledgement: null, acknowledgeBy: null, index: false });
    expect(await runMigrations(db.dataSource)).toContain('MeasureAcknowledgement1795960000000');
    expect(await columns()).toEqual({ acknowledgement: true, acknowledgeBy: true, index: true });
  });
});
