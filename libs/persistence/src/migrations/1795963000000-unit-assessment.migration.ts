import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

// 考评: the assessment rule the office keeps for a plan (absent: the documented default), and the
// rankings it published, frozen with the figures, rule and judging time of their publication so a
// later recomputation (new events, a changed rule) does not change what was published.
export class UnitAssessment1795963000000 implements MigrationInterface {
  name = 'UnitAssessment1795963000000';

  async up(q: QueryRunner): Promise<void> {
    const instant = q.connection.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    const str = (name: string, length: number): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: String(length),
    });
    const plan = { columnNames: ['plan_id'], referencedTableName: 'plans', referencedColumnNames: ['id'] };
    await q.createTable(
      new Table({
        name: 'assessment_rule',
        columns: [
          { ...str('plan_id', 36), isPrimary: true },
          { name: 'rule', type: 'text' },
          { name: 'version', type: 'integer' },
          { name: 'updated_at', type: instant },
          str('updated_by', 200),
        ],
        foreignKeys: [plan],
      }),
    );
    await q.createTable(
      new Table({
        name: 'assessment_publication',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('plan_id', 36),
          str('period_key', 32),
          { name: 'period_from', type: instant },
          { name: 'period_to', type: instant },
          { name: 'judged_at', type: instant },
          { name: 'rule', type: 'text' },
          { name: 'rule_version', type: 'integer' },
          { name: 'units', type: 'text' },
          { name: 'published_at', type: instant },
          str('published_by', 200),
        ],
        indices: [
          new TableIndex({
            name: 'ux_assessment_publication_period',
            columnNames: ['plan_id', 'period_key'],
            isUnique: true,
          }),
        ],
        foreignKeys: [plan],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('assessment_publication');
    await q.dropTable('assessment_rule');
  }
}
