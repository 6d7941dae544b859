import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

// A unit's desk (the board filtered by plan, unit and status) at 50,000 measures read every one of
// the unit's measure rows to check its status and sort it, and a unit-scoped caller's scope scanned
// all of measure_units (BENCHMARKS.md, "The unit's desk at 50,000"). These indexes let SQLite and
// PostgreSQL answer from indexes:
// - measure_units by unit first, carrying the measure: "the unit's measures" in one range, for a
//   plan or across plans (a caller's scope), without reading the table;
// - measures by (plan, status) in the board's default order (deadline, code, id): a page is its
//   first rows, not a sort of every match, and a plan's count by status stays in the index;
// - measures by id with the columns a filter and the sort read: checking a listed measure's status
//   does not read its row (wide, with its JSON columns, often spilling to overflow pages in SQLite);
// - the plan's deadline index carries the ties' order (code, id): plans give many measures one
//   deadline, which otherwise sorted all of them to show fifty.
const MEASURE_INDEXES = {
  before: [new TableIndex({ name: 'ix_measures_plan_due', columnNames: ['plan_id', 'due_at'] })],
  after: [
    new TableIndex({ name: 'ix_measures_plan_due', columnNames: ['plan_id', 'due_at', 'code', 'id'] }),
    new TableIndex({
      name: 'ix_measures_plan_status_due',
      columnNames: ['plan_id', 'status', 'due_at', 'code', 'id'],
    }),
    new TableIndex({ name: 'ix_measures_state', columnNames: ['id', 'plan_id', 'status', 'due_at', 'code'] }),
  ],
};
const UNIT_INDEXES = {
  before: [new TableIndex({ name: 'ix_measure_units_unit', columnNames: ['plan_id', 'unit_code'] })],
  after: [
    new TableIndex({ name: 'ix_measure_units_unit', columnNames: ['unit_code', 'plan_id', 'measure_id'] }),
  ],
};

export class MeasureDeskIndexes1795975000000 implements MigrationInterface {
  name = 'MeasureDeskIndexes1795975000000';

  async up(q: QueryRunner): Promise<void> {
    await replace(q, 'measures', MEASURE_INDEXES.before, MEASURE_INDEXES.after);
    await replace(q, 'measure_units', UNIT_INDEXES.before, UNIT_INDEXES.after);
  }

  async down(q: QueryRunner): Promise<void> {
    await replace(q, 'measure_units', UNIT_INDEXES.after, UNIT_INDEXES.before);
    await replace(q, 'measures', MEASURE_INDEXES.after, MEASURE_INDEXES.before);
  }
}

async function replace(q: QueryRunner, table: string, from: TableIndex[], to: TableIndex[]): Promise<void> {
  for (const index of from) await q.dropIndex(table, index.name!);
  await q.createIndices(
    table,
    to.map((index) => index.clone()),
  );
}
