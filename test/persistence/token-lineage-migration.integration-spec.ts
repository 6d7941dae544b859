import { MIGRATIONS, runMigrations } from '../../libs/persistence/src/data-source';
import { createTestDatabase, TestDatabase, testEngine } from '../support/test-database';

// Tokens that a token minted before tokens lost that right name it in `created_by`; the lineage
// migration copies that into `created_by_token_id`, so revoking the creator revokes them too.
describe(`the token-lineage migration (${testEngine()})`, () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ fromEmpty: true });
  });
  afterAll(() => db?.close());

  const hasLineage = async () => {
    const q = db.dataSource.createQueryRunner();
    try {
      return await q.hasColumn('api_tokens', 'created_by_token_id');
    } finally {
      await q.release();
    }
  };

  it('records the creating token of rows from before, and nothing for tokens a person or the CLI made', async () => {
    for (let i = 0; i < MIGRATIONS.length && (await hasLineage()); i++)
      await db.dataSource.undoLastMigration({ transaction: 'each' });
    expect(await hasLineage()).toBe(false);
    // Raw SQL: the entity already has the column this schema lacks. Constants only, no input.
    const insert = (id: string, createdBy: string) =>
      db.dataSource.query(
        `INSERT INTO api_tokens (id, name, token_hash, role, unit_codes, leader_name, created_by, created_at, expires_at)
         VALUES ('${id}', 'old', '${id.replace(/-/g, '').padEnd(64, '0')}', 'office', '[]', NULL, '${createdBy}',
                 '2026-01-01 00:00:00.000', '2036-01-01 00:00:00.000')`,
      );
    await insert('00000000-0000-0000-0000-000000000001', 'cli');
    await insert('00000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-000000000001');
    await insert('00000000-0000-0000-0000-000000000003', '11111111-2222-3333-4444-555555555555');

    expect(await runMigrations(db.dataSource)).toContain('TokenLineage1795920000000');
    const rows: { id: string; created_by_token_id: string | null }[] = await db.dataSource.query(
      'SELECT id, created_by_token_id FROM api_tokens ORDER BY id',
    );
    expect(rows.map((r) => [r.id.slice(-1), r.created_by_token_id])).toEqual([
      ['1', null],
      ['2', '00000000-0000-0000-0000-000000000001'],
      ['3', null],
    ]);
  });
});
