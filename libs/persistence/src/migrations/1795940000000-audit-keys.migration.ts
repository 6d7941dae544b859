import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

// The keyed audit chain: each new row names the key its HMAC was made with; a command writes an
// intent row (no status yet) before it runs, and its outcome row names that row.
export class AuditKeys1795940000000 implements MigrationInterface {
  name = 'AuditKeys1795940000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('audit_log', [
      new TableColumn({ name: 'intent_seq', type: 'integer', isNullable: true }),
      new TableColumn({ name: 'key_id', type: 'varchar', length: '16', isNullable: true }),
    ]);
    await q.changeColumn(
      'audit_log',
      'status',
      new TableColumn({ name: 'status', type: 'integer', isNullable: true }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    // Keyed rows and intent rows cannot be written in the old schema without deleting or
    // rewriting audit rows, which nothing may do: refuse instead.
    const [{ n }] = await q.query('SELECT COUNT(*) AS n FROM audit_log WHERE key_id IS NOT NULL');
    if (Number(n) > 0) {
      throw new Error(
        `audit_log has ${n} keyed rows: reverting would break the chain (restore a backup instead)`,
      );
    }
    await q.changeColumn(
      'audit_log',
      'status',
      new TableColumn({ name: 'status', type: 'integer', isNullable: false }),
    );
    await q.dropColumns('audit_log', ['key_id', 'intent_seq']);
  }
}
