import {
  MigrationInterface,
  QueryRunner,
  Table,
  TableColumn,
  TableColumnOptions,
  TableForeignKey,
  TableIndex,
} from 'typeorm';

// The reporting cadence (周调度 / 旬报告 / 月通报) enforced per plan: its events (report reminders,
// 漏报, period closes with their roll-up), and notification requests that belong to a plan's
// cadence event instead of a measure's event (so their measure and event become optional).
export class ReportingCadence1795870000000 implements MigrationInterface {
  name = 'ReportingCadence1795870000000';

  async up(q: QueryRunner): Promise<void> {
    const instant = q.connection.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    const str = (name: string, length: number, nullable = false): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: String(length),
      isNullable: nullable,
    });
    await q.createTable(
      new Table({
        name: 'cadence_events',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('plan_id', 36),
          str('kind', 32),
          str('period_key', 32),
          str('unit_code', 64, true),
          str('measure_id', 36, true),
          { name: 'level', type: 'integer' },
          { ...str('idempotency_key', 300), isUnique: true },
          { name: 'occurred_at', type: instant },
          { name: 'recorded_at', type: instant },
          str('actor', 200),
          { name: 'detail', type: 'text' },
        ],
        indices: [
          new TableIndex({ name: 'ix_cadence_events_plan_period', columnNames: ['plan_id', 'period_key'] }),
        ],
        foreignKeys: [
          { columnNames: ['plan_id'], referencedTableName: 'plans', referencedColumnNames: ['id'] },
          { columnNames: ['measure_id'], referencedTableName: 'measures', referencedColumnNames: ['id'] },
        ],
      }),
    );
    await setNullable(q, 'notification_requests', ['measure_id', 'event_id'], true);
    await q.addColumns('notification_requests', [
      new TableColumn({ ...str('plan_id', 36, true) }),
      new TableColumn({ ...str('cadence_event_id', 36, true) }),
    ]);
    await q.createForeignKeys('notification_requests', [
      new TableForeignKey({
        columnNames: ['plan_id'],
        referencedTableName: 'plans',
        referencedColumnNames: ['id'],
      }),
      new TableForeignKey({
        columnNames: ['cadence_event_id'],
        referencedTableName: 'cadence_events',
        referencedColumnNames: ['id'],
      }),
    ]);
    await q.createIndex(
      'notification_requests',
      new TableIndex({ name: 'ix_notification_requests_cadence_event', columnNames: ['cadence_event_id'] }),
    );
    await setNullable(q, 'notification_deliveries', ['measure_id'], true);
  }

  async down(q: QueryRunner): Promise<void> {
    // A cadence notice cannot live without its event: its deliveries and requests go with it.
    await q.query(
      'DELETE FROM notification_deliveries WHERE request_id IN ' +
        '(SELECT id FROM notification_requests WHERE cadence_event_id IS NOT NULL)',
    );
    await q.query('DELETE FROM notification_requests WHERE cadence_event_id IS NOT NULL');
    await setNullable(q, 'notification_deliveries', ['measure_id'], false);
    await q.dropIndex('notification_requests', 'ix_notification_requests_cadence_event');
    const requests = await q.getTable('notification_requests');
    const added = (requests?.foreignKeys ?? []).filter((fk) =>
      fk.columnNames.some((c) => c === 'plan_id' || c === 'cadence_event_id'),
    );
    await q.dropForeignKeys('notification_requests', added);
    await q.dropColumns('notification_requests', ['cadence_event_id', 'plan_id']);
    await setNullable(q, 'notification_requests', ['measure_id', 'event_id'], false);
    await q.dropTable('cadence_events');
  }
}

async function setNullable(q: QueryRunner, tableName: string, columns: string[], nullable: boolean) {
  const table = await q.getTable(tableName);
  if (!table) throw new Error(`no table ${tableName}`);
  const changes = columns.map((name) => {
    const oldColumn = table.findColumnByName(name);
    if (!oldColumn) throw new Error(`no column ${tableName}.${name}`);
    const newColumn = oldColumn.clone();
    newColumn.isNullable = nullable;
    return { oldColumn, newColumn };
  });
  await q.changeColumns(table, changes);
}
