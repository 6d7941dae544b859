import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

// The measure board filters and sorts tens of thousands of measures: its usual columns get
// indexes so a page and its count stay index scans (the default order is by deadline).
const INDEXES = [
  new TableIndex({ name: 'ix_measures_plan_due', columnNames: ['plan_id', 'due_at'] }),
  new TableIndex({ name: 'ix_measures_due', columnNames: ['due_at'] }),
  new TableIndex({ name: 'ix_measures_lead_leader', columnNames: ['lead_leader'] }),
  new TableIndex({ name: 'ix_measures_problem', columnNames: ['problem_id'] }),
];

export class MeasureBoardIndexes1795951200000 implements MigrationInterface {
  name = 'MeasureBoardIndexes1795951200000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndices('measures', INDEXES);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of INDEXES) await q.dropIndex('measures', index.name!);
  }
}
