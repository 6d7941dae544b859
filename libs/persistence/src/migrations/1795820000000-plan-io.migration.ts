import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

// Plans in and out: the plan as last applied (re-imports are diffed against it), its reporting
// cadence, and each measure's evidence rules (佐证材料).
export class PlanIo1795820000000 implements MigrationInterface {
  name = 'PlanIo1795820000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('plans', [
      new TableColumn({ name: 'definition', type: 'text', isNullable: true }),
      new TableColumn({ name: 'reporting_cadence', type: 'varchar', length: '16', isNullable: true }),
    ]);
    await q.addColumn(
      'measures',
      new TableColumn({ name: 'evidence_rules', type: 'text', isNullable: true }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('measures', 'evidence_rules');
    await q.dropColumns('plans', ['reporting_cadence', 'definition']);
  }
}
