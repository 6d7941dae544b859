import {
  MigrationInterface,
  QueryRunner,
  Table,
  TableColumn,
  TableColumnOptions,
  TableForeignKey,
  TableIndex,
  TableUnique,
} from 'typeorm';

// The problem-lead ledger (问题线索台账): leads handed to discipline bodies, their verification,
// and their own events (the verification clock's steps). A lead's notices are notification
// requests that name its event.
export class ProblemLeads1795900000000 implements MigrationInterface {
  name = 'ProblemLeads1795900000000';

  async up(q: QueryRunner): Promise<void> {
    const instant = q.connection.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    const str = (name: string, length: number, nullable = false): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: String(length),
      isNullable: nullable,
    });
    const text = (name: string, nullable = false): TableColumnOptions => ({
      name,
      type: 'text',
      isNullable: nullable,
    });
    const at = (name: string, nullable = false): TableColumnOptions => ({
      name,
      type: instant,
      isNullable: nullable,
    });
    await q.createTable(
      new Table({
        name: 'problem_leads',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('ref', 64),
          str('plan_id', 36, true),
          str('problem_code', 64, true),
          text('summary', true),
          { name: 'items', type: 'integer' },
          str('received_on', 10),
          str('body_code', 64),
          at('due_at'),
          text('policy'),
          str('status', 16),
          str('outcome', 32, true),
          text('outcome_note', true),
          str('verified_by', 200, true),
          at('verified_at', true),
          str('case_id', 36, true),
          { ...str('workflow_id', 200), isUnique: true },
          str('registered_by', 200),
          at('registered_at'),
        ],
        uniques: [new TableUnique({ name: 'uq_problem_leads_ref_body', columnNames: ['ref', 'body_code'] })],
        indices: [new TableIndex({ name: 'ix_problem_leads_body', columnNames: ['body_code', 'status'] })],
        foreignKeys: [
          {
            columnNames: ['body_code'],
            referencedTableName: 'discipline_bodies',
            referencedColumnNames: ['code'],
          },
          { columnNames: ['plan_id'], referencedTableName: 'plans', referencedColumnNames: ['id'] },
          {
            columnNames: ['case_id'],
            referencedTableName: 'accountability_cases',
            referencedColumnNames: ['id'],
          },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'lead_events',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('lead_id', 36),
          str('kind', 32),
          { ...str('idempotency_key', 300), isUnique: true },
          str('actor', 200),
          text('detail'),
          at('occurred_at'),
          at('recorded_at'),
        ],
        indices: [new TableIndex({ name: 'ix_lead_events_lead', columnNames: ['lead_id', 'recorded_at'] })],
        foreignKeys: [
          { columnNames: ['lead_id'], referencedTableName: 'problem_leads', referencedColumnNames: ['id'] },
        ],
      }),
    );
    await q.addColumn('notification_requests', new TableColumn({ ...str('lead_event_id', 36, true) }));
    await q.createForeignKey(
      'notification_requests',
      new TableForeignKey({
        columnNames: ['lead_event_id'],
        referencedTableName: 'lead_events',
        referencedColumnNames: ['id'],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      'DELETE FROM notification_deliveries WHERE request_id IN ' +
        '(SELECT id FROM notification_requests WHERE lead_event_id IS NOT NULL)',
    );
    await q.query('DELETE FROM notification_requests WHERE lead_event_id IS NOT NULL');
    const table = await q.getTable('notification_requests');
    const fk = table?.foreignKeys.find((f) => f.columnNames.includes('lead_event_id'));
    if (fk) await q.dropForeignKey('notification_requests', fk);
    await q.dropColumn('notification_requests', 'lead_event_id');
    await q.dropTable('lead_events');
    await q.dropTable('problem_leads');
  }
}
