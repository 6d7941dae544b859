// What every SQLite connection of the read model is opened with (createDataSource): the API and
// the worker share one file, and a large plan's reads need more than SQLite's default page cache.
import { SQLITE_CACHE_KIB } from '../../libs/persistence/src/data-source';
import { createTestDatabase, TestDatabase, testEngine } from '../support/test-database';

(testEngine() === 'sqlite' ? describe : describe.skip)('the SQLite read model’s connection', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.close());

  const pragma = async (name: string) => Object.values((await db.dataSource.query(`PRAGMA ${name}`))[0])[0];

  it('keeps a page cache of SQLITE_CACHE_KIB for the reads of a large plan', async () => {
    expect(SQLITE_CACHE_KIB).toBeGreaterThan(2000);
    expect(await pragma('cache_size')).toBe(-SQLITE_CACHE_KIB);
  });

  it('checks foreign keys and writes ahead to a log, so readers run beside the writer', async () => {
    expect(await pragma('foreign_keys')).toBe(1);
    expect(await pragma('journal_mode')).toBe('wal');
  });
});
