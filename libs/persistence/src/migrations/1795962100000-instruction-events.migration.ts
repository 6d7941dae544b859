import {
  MigrationInterface,
  QueryRunner,
  Table,
  TableColumn,
  TableColumnOptions,
  TableForeignKey,
  TableIndex,
} from 'typeorm';

// The 批示 clock's steps (instruction_event: the answer reminder, the overdue notice), each once by
// its idempotency key, and their notices: notification requests that name the step, delivered
// through the measure the reminded unit leads, as a lead's or a case's notices name their event.
// And the unit an answer was given as (answered_unit), for the ledger's 批示落实 sheet; null for
// the office's answers and for answers recorded before.
export class InstructionEvents1795962100000 implements MigrationInterface {
  name = 'InstructionEvents1795962100000';

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
        name: 'instruction_event',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('instruction_id', 36),
          str('kind', 32),
          { ...str('idempotency_key', 300), isUnique: true },
          str('actor', 200),
          { name: 'detail', type: 'text' },
          { name: 'occurred_at', type: instant },
          { name: 'recorded_at', type: instant },
        ],
        indices: [
          new TableIndex({ name: 'ix_instruction_event_instruction', columnNames: ['instruction_id'] }),
        ],
        foreignKeys: [
          {
            columnNames: ['instruction_id'],
            referencedTableName: 'leader_instruction',
            referencedColumnNames: ['id'],
          },
        ],
      }),
    );
    await q.addColumn('instruction_answer', new TableColumn(str('answered_unit', 64, true)));
    await q.addColumn('notification_requests', new TableColumn(str('instruction_event_id', 36, true)));
    await q.createForeignKey(
      'notification_requests',
      new TableForeignKey({
        columnNames: ['instruction_event_id'],
        referencedTableName: 'instruction_event',
        referencedColumnNames: ['id'],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      'DELETE FROM notification_deliveries WHERE request_id IN ' +
        '(SELECT id FROM notification_requests WHERE instruction_event_id IS NOT NULL)',
    );
    await q.query('DELETE FROM notification_requests WHERE instruction_event_id IS NOT NULL');
    const table = await q.getTable('notification_requests');
    const fk = table?.foreignKeys.find((f) => f.columnNames.includes('instruction_event_id'));
    if (fk) await q.dropForeignKey('notification_requests', fk);
    await q.dropColumn('notification_requests', 'instruction_event_id');
    await q.dropTable('instruction_event');
    await q.dropColumn('instruction_answer', 'answered_unit');
  }
}
