import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

// Where problems come from: a plan's sources (问题来源) and level labels, the sources each problem
// names, the earlier problem it carries over (承接) and the earlier measures it reopens, and the
// tree's shape (a category's problems held by one implicit aspect; a level's lead unit). Rows of
// plans imported before stay null (their inspection is their one source) and false.
export class PlanSources1795972000000 implements MigrationInterface {
  name = 'PlanSources1795972000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('plans', [
      new TableColumn({ name: 'sources', type: 'text', isNullable: true }),
      new TableColumn({ name: 'level_labels', type: 'text', isNullable: true }),
    ]);
    await q.addColumns('problems', [
      new TableColumn({ name: 'source_codes', type: 'text', isNullable: true }),
      new TableColumn({ name: 'carries_over', type: 'text', isNullable: true }),
      new TableColumn({ name: 'reopens', type: 'text', isNullable: true }),
    ]);
    await q.addColumns('problem_groups', [
      new TableColumn({ name: 'implicit', type: 'boolean', default: false }),
      new TableColumn({ name: 'lead_unit_code', type: 'varchar', length: '64', isNullable: true }),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumns('problem_groups', ['implicit', 'lead_unit_code']);
    await q.dropColumns('problems', ['source_codes', 'carries_over', 'reopens']);
    await q.dropColumns('plans', ['sources', 'level_labels']);
  }
}
