import { auditHash, AuditRecord, GENESIS_HASH } from '../../libs/persistence/src/audit-chain';
import { AuditKeyring } from '../../libs/persistence/src/audit-keyring';
import { MIGRATIONS, runMigrations } from '../../libs/persistence/src/data-source';
import {
  AuditLogRepository,
  recordOf,
  releaseAuditWriter,
} from '../../libs/persistence/src/repositories/audit-log.repository';
import { createTestDatabase, TestDatabase, testEngine } from '../support/test-database';

const keyring = AuditKeyring.fromSecrets(['0123456789abcdef0123456789abcdef0123456789abcdef']);

// Rows written before the chain was keyed keep their plain sha256 and stay verifiable; the rows
// after the migration are keyed, and none of them may be turned back into an unkeyed one.
describe(`the audit-keys migration (${testEngine()})`, () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ fromEmpty: true });
  });
  afterAll(async () => {
    if (db) await releaseAuditWriter(db.dataSource);
    await db?.close();
  });

  const sql = (text: string) => {
    let n = 0;
    return testEngine() === 'postgres' ? text.replace(/\?/g, () => `$${++n}`) : text;
  };
  const hasKeyId = async () => {
    const q = db.dataSource.createQueryRunner();
    try {
      return await q.hasColumn('audit_log', 'key_id');
    } finally {
      await q.release();
    }
  };

  it('keeps rows from before verifiable, keys the rows after, and finds a keyed row made unkeyed', async () => {
    for (let i = 0; i < MIGRATIONS.length && (await hasKeyId()); i++)
      await db.dataSource.undoLastMigration({ transaction: 'each' });
    expect(await hasKeyId()).toBe(false);
    // Raw SQL: the entity has the columns this schema lacks.
    let prev = GENESIS_HASH;
    for (let seq = 1; seq <= 3; seq++) {
      const record: AuditRecord = {
        seq,
        occurredAt: `2026-01-01T00:00:0${seq}.000Z`,
        principalKind: 'user',
        principalId: 'u-1',
        role: 'office',
        action: 'plan:import',
        method: 'POST',
        path: '/plans',
        targetIds: '{}',
        ip: '127.0.0.1',
        userAgent: null,
        status: 201,
        before: null,
        after: null,
      };
      const hash = auditHash(prev, record);
      await db.dataSource.query(
        sql(
          `INSERT INTO audit_log (seq, occurred_at, principal_kind, principal_id, role, action, method, path,
             target_ids, ip, user_agent, status, before, after, prev_hash, hash)
           VALUES (?, ?, 'user', 'u-1', 'office', 'plan:import', 'POST', '/plans', '{}', '127.0.0.1', NULL, 201,
             NULL, NULL, ?, ?)`,
        ),
        [seq, `2026-01-01 00:00:0${seq}.000`, prev, hash],
      );
      prev = hash;
    }

    expect(await runMigrations(db.dataSource)).toContain('AuditKeys1795940000000');
    // SQLite rebuilds the table to make `status` nullable: its key and index come along.
    const q = db.dataSource.createQueryRunner();
    try {
      const table = (await q.getTable('audit_log'))!;
      expect(table.indices.map((i) => i.name)).toContain('ix_audit_log_occurred');
      expect(table.primaryColumns.map((c) => c.name)).toEqual(['seq']);
      expect(table.findColumnByName('status')?.isNullable).toBe(true);
    } finally {
      await q.release();
    }
    const log = new AuditLogRepository(db.dataSource, keyring);
    const entry = {
      occurredAt: new Date('2026-01-02T00:00:00.000Z'),
      principalKind: 'user',
      principalId: 'u-1',
      role: 'office',
      action: 'plan:import',
      method: 'POST',
      path: '/plans',
      targetIds: '{}',
      ip: '127.0.0.1',
      userAgent: null,
      before: null,
      after: null,
    };
    const intent = await log.append({ ...entry, status: null });
    await log.append({ ...entry, status: 201, intentSeq: intent.seq });
    expect(await log.verify()).toEqual({ rows: 5, headHash: expect.any(String), broken: null });
    const keys = await db.dataSource.query('SELECT seq, key_id FROM audit_log ORDER BY seq');
    expect(keys.map((r: { key_id: string | null }) => r.key_id)).toEqual([
      null,
      null,
      null,
      keyring.current.id,
      keyring.current.id,
    ]);

    // Reverting would have to drop what keys the rows after: refused, and nothing changes. The
    // migrations after it (audit_log is not theirs) are undone first.
    const after = MIGRATIONS.length - 1 - MIGRATIONS.findIndex((m) => m.name === 'AuditKeys1795940000000');
    for (let i = 0; i < after; i++) await db.dataSource.undoLastMigration({ transaction: 'each' });
    await expect(db.dataSource.undoLastMigration({ transaction: 'each' })).rejects.toThrow(
      'audit_log has 2 keyed rows',
    );
    expect(await hasKeyId()).toBe(true);

    // Row 5 as someone without the key would write it: unkeyed, its plain sha256 recomputed.
    const [row] = await log.list(1);
    const { keyId: _dropped, ...plain } = { ...recordOf(row), status: 200 };
    await db.dataSource.query(
      sql('UPDATE audit_log SET key_id = NULL, status = 200, hash = ? WHERE seq = 5'),
      [auditHash(row.prevHash, plain)],
    );
    expect((await log.verify()).broken).toEqual({
      seq: 5,
      reason: 'the row is not keyed, but rows from 4 on are (a downgrade: the row was rewritten)',
    });
  });
});
