import {
  MigrationInterface,
  QueryRunner,
  Table,
  TableColumn,
  TableColumnOptions,
  TableForeignKey,
  TableIndex,
} from 'typeorm';

// Discipline bodies with their members, and the accountability cases they handle: persons
// concerned, decisions (with reviews and corrections) and the case's own events. A case's notices
// are notification requests that name its event.
export class AccountabilityCases1795880000000 implements MigrationInterface {
  name = 'AccountabilityCases1795880000000';

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
        name: 'discipline_bodies',
        columns: [
          { ...str('code', 64), isPrimary: true },
          str('name', 200),
          str('kind', 32),
          str('level', 16),
          str('parent_code', 64, true),
          text('jurisdiction'),
          text('case_policy', true),
          at('created_at'),
        ],
        foreignKeys: [
          {
            columnNames: ['parent_code'],
            referencedTableName: 'discipline_bodies',
            referencedColumnNames: ['code'],
          },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'discipline_body_members',
        columns: [{ ...str('principal_id', 36), isPrimary: true }, str('body_code', 64), at('created_at')],
        foreignKeys: [
          {
            columnNames: ['body_code'],
            referencedTableName: 'discipline_bodies',
            referencedColumnNames: ['code'],
          },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'accountability_cases',
        columns: [
          { ...str('id', 36), isPrimary: true },
          { ...str('referral_key', 300), isUnique: true },
          str('origin', 16),
          str('status', 16),
          str('body_code', 64, true),
          str('plan_id', 36, true),
          str('measure_id', 36, true),
          str('lead_id', 36, true),
          text('unit_lineage'),
          text('reason', true),
          str('opened_by', 200),
          at('opened_at'),
          at('due_at'),
          at('concluded_at', true),
          { ...str('workflow_id', 200), isUnique: true },
        ],
        indices: [new TableIndex({ name: 'ix_accountability_cases_measure', columnNames: ['measure_id'] })],
        foreignKeys: [
          {
            columnNames: ['body_code'],
            referencedTableName: 'discipline_bodies',
            referencedColumnNames: ['code'],
          },
          { columnNames: ['plan_id'], referencedTableName: 'plans', referencedColumnNames: ['id'] },
          { columnNames: ['measure_id'], referencedTableName: 'measures', referencedColumnNames: ['id'] },
        ],
      }),
    );
    const caseFk = {
      columnNames: ['case_id'],
      referencedTableName: 'accountability_cases',
      referencedColumnNames: ['id'],
    };
    await q.createTable(
      new Table({
        name: 'case_persons',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('case_id', 36),
          str('name', 100),
          str('post', 200),
          str('cadre_level', 16),
          { name: 'party_member', type: 'boolean' },
          str('relation', 24),
          str('added_by', 200),
          at('added_at'),
        ],
        indices: [new TableIndex({ name: 'ix_case_persons_case', columnNames: ['case_id'] })],
        foreignKeys: [caseFk],
      }),
    );
    await q.createTable(
      new Table({
        name: 'case_decisions',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('case_id', 36),
          str('person_id', 36),
          str('form', 32),
          str('sub_form', 32, true),
          str('reason_code', 64, true),
          text('statement', true),
          str('decided_on', 10),
          str('body_code', 64),
          str('document_number', 100, true),
          str('state', 16),
          str('review_body_code', 64, true),
          str('reviewed_by', 200, true),
          at('reviewed_at', true),
          text('review_reasons', true),
          str('corrects_id', 36, true),
          text('correction_reason', true),
          str('recorded_by', 200),
          at('recorded_at'),
        ],
        indices: [new TableIndex({ name: 'ix_case_decisions_case', columnNames: ['case_id'] })],
        foreignKeys: [
          caseFk,
          { columnNames: ['person_id'], referencedTableName: 'case_persons', referencedColumnNames: ['id'] },
          {
            columnNames: ['body_code'],
            referencedTableName: 'discipline_bodies',
            referencedColumnNames: ['code'],
          },
          {
            columnNames: ['corrects_id'],
            referencedTableName: 'case_decisions',
            referencedColumnNames: ['id'],
          },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'case_events',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('case_id', 36),
          str('kind', 32),
          { ...str('idempotency_key', 300), isUnique: true },
          str('actor', 200),
          text('detail'),
          at('occurred_at'),
          at('recorded_at'),
        ],
        indices: [new TableIndex({ name: 'ix_case_events_case', columnNames: ['case_id', 'recorded_at'] })],
        foreignKeys: [caseFk],
      }),
    );
    await q.addColumn('notification_requests', new TableColumn({ ...str('case_event_id', 36, true) }));
    await q.createForeignKey(
      'notification_requests',
      new TableForeignKey({
        columnNames: ['case_event_id'],
        referencedTableName: 'case_events',
        referencedColumnNames: ['id'],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      'DELETE FROM notification_deliveries WHERE request_id IN ' +
        '(SELECT id FROM notification_requests WHERE case_event_id IS NOT NULL)',
    );
    await q.query('DELETE FROM notification_requests WHERE case_event_id IS NOT NULL');
    const table = await q.getTable('notification_requests');
    const fk = table?.foreignKeys.find((f) => f.columnNames.includes('case_event_id'));
    if (fk) await q.dropForeignKey('notification_requests', fk);
    await q.dropColumn('notification_requests', 'case_event_id');
    for (const t of [
      'case_events',
      'case_decisions',
      'case_persons',
      'accountability_cases',
      'discipline_body_members',
      'discipline_bodies',
    ])
      await q.dropTable(t);
  }
}
