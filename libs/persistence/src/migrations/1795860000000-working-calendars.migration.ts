import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';

// Working-day calendars (issue #11): the calendars the office keeps, and the one a plan names.
export class WorkingCalendars1795860000000 implements MigrationInterface {
  name = 'WorkingCalendars1795860000000';

  async up(q: QueryRunner): Promise<void> {
    const instant = q.connection.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    await q.createTable(
      new Table({
        name: 'calendars',
        columns: [
          { name: 'code', type: 'varchar', length: '32', isPrimary: true },
          { name: 'definition', type: 'text' },
          { name: 'updated_at', type: instant },
          { name: 'updated_by', type: 'varchar', length: '200' },
        ],
      }),
    );
    // No foreign key: a plan may name a built-in calendar (CN) that has no row.
    await q.addColumn(
      'plans',
      new TableColumn({ name: 'calendar_code', type: 'varchar', length: '32', isNullable: true }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('plans', 'calendar_code');
    await q.dropTable('calendars');
  }
}
