import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

// Deadlines the plan did not write but Rectify assumed ("长期坚持" → the track's default date,
// "立即" → the feedback date + the default days), so ledgers and bulletins say so; and 长期坚持
// measures the office chose to follow by periodic reviews only (plan.longTermMeasures: reviews).
// Rows from before are neither.
export class MeasureDueAssumed1795973000000 implements MigrationInterface {
  name = 'MeasureDueAssumed1795973000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('measures', [
      new TableColumn({ name: 'due_assumed', type: 'boolean', default: false }),
      new TableColumn({ name: 'reviews_only', type: 'boolean', default: false }),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('measures', 'reviews_only');
    await q.dropColumn('measures', 'due_assumed');
  }
}
