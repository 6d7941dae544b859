import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

// A ledger or bulletin reads a plan's measures in the plan's order a page at a time, each page
// after the last (position, id) of the one before (PlanReportRepository): on SQLite a statement
// holds the API's thread while it runs, and all of a 50,000-measure plan's at once held it up to
// 1.1 s (BENCHMARKS.md, "the ledger written in slices"). This index gives each page as one range
// in order, where the plan's other indexes made every page read and sort all of its measures.
const INDEX = new TableIndex({ name: 'ix_measures_plan_order', columnNames: ['plan_id', 'position', 'id'] });

export class MeasurePlanOrderIndex1795977000000 implements MigrationInterface {
  name = 'MeasurePlanOrderIndex1795977000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex('measures', INDEX.clone());
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('measures', INDEX.name!);
  }
}
