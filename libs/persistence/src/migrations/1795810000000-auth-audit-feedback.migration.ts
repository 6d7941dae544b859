import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

// Who may do what (issue #5): accounts, refresh and API tokens, login throttling, the hash-chained
// audit log, public feedback and evidence files.
export class AuthAuditFeedback1795810000000 implements MigrationInterface {
  name = 'AuthAuditFeedback1795810000000';

  async up(q: QueryRunner): Promise<void> {
    const instant = q.connection.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    const id = (name = 'id'): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: '36',
      isPrimary: true,
    });
    const ref = (name: string, nullable = false): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: '36',
      isNullable: nullable,
    });
    const str = (name: string, length: number, nullable = false): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: String(length),
      isNullable: nullable,
    });
    const txt = (name: string, nullable = false): TableColumnOptions => ({
      name,
      type: 'text',
      isNullable: nullable,
    });
    const int = (name: string): TableColumnOptions => ({ name, type: 'integer' });
    const at = (name: string, nullable = false): TableColumnOptions => ({
      name,
      type: instant,
      isNullable: nullable,
    });

    await q.createTable(
      new Table({
        name: 'users',
        columns: [
          id(),
          { ...str('email', 254), isUnique: true },
          str('display_name', 200),
          str('role', 16),
          txt('unit_codes'),
          str('leader_name', 100, true),
          str('password_hash', 200),
          at('created_at'),
          at('disabled_at', true),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'refresh_tokens',
        columns: [
          id(),
          ref('user_id'),
          ref('family_id'),
          { ...str('token_hash', 64), isUnique: true },
          at('created_at'),
          at('expires_at'),
          at('revoked_at', true),
        ],
        indices: [
          new TableIndex({ name: 'ix_refresh_tokens_user', columnNames: ['user_id'] }),
          new TableIndex({ name: 'ix_refresh_tokens_family', columnNames: ['family_id'] }),
        ],
        foreignKeys: [
          { columnNames: ['user_id'], referencedTableName: 'users', referencedColumnNames: ['id'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'api_tokens',
        columns: [
          id(),
          str('name', 200),
          { ...str('token_hash', 64), isUnique: true },
          str('role', 16),
          txt('unit_codes'),
          str('leader_name', 100, true),
          str('created_by', 100),
          at('created_at'),
          at('expires_at'),
          at('revoked_at', true),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'login_throttles',
        columns: [
          { ...str('key', 300), isPrimary: true },
          int('failures'),
          at('last_failure_at'),
          at('locked_until', true),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'audit_log',
        columns: [
          { ...int('seq'), isPrimary: true },
          at('occurred_at'),
          str('principal_kind', 16),
          str('principal_id', 100),
          str('role', 16),
          str('action', 64, true),
          str('method', 10),
          str('path', 2000),
          txt('target_ids'),
          str('ip', 64, true),
          str('user_agent', 300, true),
          int('status'),
          txt('before', true),
          txt('after', true),
          str('prev_hash', 64),
          str('hash', 64),
        ],
        indices: [new TableIndex({ name: 'ix_audit_log_occurred', columnNames: ['occurred_at'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'feedback',
        columns: [
          id(),
          { ...str('tracking_hash', 64), isUnique: true },
          txt('message'),
          str('contact', 200, true),
          str('status', 16),
          ref('measure_id', true),
          txt('dismiss_reason', true),
          str('triaged_by', 100, true),
          at('triaged_at', true),
          at('received_at'),
        ],
        indices: [new TableIndex({ name: 'ix_feedback_status', columnNames: ['status', 'received_at'] })],
        foreignKeys: [
          { columnNames: ['measure_id'], referencedTableName: 'measures', referencedColumnNames: ['id'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'evidence',
        columns: [
          id(),
          str('sha256', 64),
          str('content_type', 100),
          int('size'),
          str('original_name', 255),
          ref('measure_id'),
          str('uploader_id', 100),
          str('uploader_role', 16),
          at('uploaded_at'),
        ],
        indices: [new TableIndex({ name: 'ix_evidence_measure', columnNames: ['measure_id'] })],
        foreignKeys: [
          { columnNames: ['measure_id'], referencedTableName: 'measures', referencedColumnNames: ['id'] },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'evidence',
      'feedback',
      'audit_log',
      'login_throttles',
      'api_tokens',
      'refresh_tokens',
      'users',
    ]) {
      await q.dropTable(table);
    }
  }
}
