import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

// Discipline figures entered as aggregates by bodies whose cases are handled outside Rectify.
export class EnteredDisciplineFigures1795905000000 implements MigrationInterface {
  name = 'EnteredDisciplineFigures1795905000000';

  async up(q: QueryRunner): Promise<void> {
    const instant = q.connection.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    const str = (name: string, length: number, nullable = false): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: String(length),
      isNullable: nullable,
    });
    const count = (name: string): TableColumnOptions => ({ name, type: 'integer' });
    await q.createTable(
      new Table({
        name: 'entered_discipline_figures',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('body_code', 64),
          str('period_from', 10),
          str('period_to', 10),
          str('plan_id', 36, true),
          count('cases'),
          count('persons'),
          count('party_or_government_sanctions'),
          count('organisational_handling'),
          count('held_accountable'),
          count('judicial_referrals'),
          { name: 'note', type: 'text', isNullable: true },
          str('entered_by', 200),
          { name: 'entered_at', type: instant },
        ],
        indices: [
          new TableIndex({
            name: 'ix_entered_discipline_figures_body',
            columnNames: ['body_code', 'period_from'],
          }),
        ],
        foreignKeys: [
          {
            columnNames: ['body_code'],
            referencedTableName: 'discipline_bodies',
            referencedColumnNames: ['code'],
          },
          { columnNames: ['plan_id'], referencedTableName: 'plans', referencedColumnNames: ['id'] },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('entered_discipline_figures');
  }
}
