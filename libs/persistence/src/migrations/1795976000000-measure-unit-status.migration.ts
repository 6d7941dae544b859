import { MigrationInterface, QueryRunner } from 'typeorm';

// The board's count for a unit's desk (plan, unit, status) checked each of the unit's measures'
// status in the measures table: 1.8 ms on SQLite and 11 ms on PostgreSQL (a hash join over the
// plan's index entries of that status) for 3,750 matches at 50,000 measures, the largest part of
// the filtered page left (BENCHMARKS.md, "The unit's desk at 50,000"). measure_units now carries
// its measure's status, so that count is one range of its unit index.
//
// The database keeps the copy, not the writers: a measure's status is written by event
// projections, re-imports, adjustments and sub-measure registration, and a row of measure_units is
// written by imports and lead-unit changes. Triggers on both tables copy the status in the
// writer's own statement, so no reader ever sees the two disagree.
export class MeasureUnitStatus1795976000000 implements MigrationInterface {
  name = 'MeasureUnitStatus1795976000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE measure_units ADD COLUMN status varchar(24)`);
    await q.query(
      `UPDATE measure_units SET status = (SELECT m.status FROM measures m WHERE m.id = measure_units.measure_id)`,
    );
    await q.query(`DROP INDEX ix_measure_units_unit`);
    await q.query(
      `CREATE INDEX ix_measure_units_unit ON measure_units (unit_code, plan_id, status, measure_id)`,
    );
    for (const sql of q.connection.options.type === 'postgres' ? POSTGRES_UP : SQLITE_UP) await q.query(sql);
    // PostgreSQL plans the board's statements by statistics, which the new column has none of
    // until autovacuum comes round: without them it counted a unit's scope by parallel workers.
    if (q.connection.options.type === 'postgres') await q.query(`ANALYZE measure_units`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of q.connection.options.type === 'postgres' ? POSTGRES_DOWN : SQLITE_DOWN)
      await q.query(sql);
    await q.query(`DROP INDEX ix_measure_units_unit`);
    await q.query(`CREATE INDEX ix_measure_units_unit ON measure_units (unit_code, plan_id, measure_id)`);
    await q.query(`ALTER TABLE measure_units DROP COLUMN status`);
  }
}

// SQLite's triggers cannot change the row being inserted, so a new row of measure_units is given
// its measure's status by an update right after; a measure inserted after its unit rows (or whose
// status changes) passes it on to them.
const SQLITE_UP = [
  `CREATE TRIGGER tr_measure_units_status_on_insert AFTER INSERT ON measure_units
   BEGIN
     UPDATE measure_units SET status = (SELECT m.status FROM measures m WHERE m.id = NEW.measure_id)
      WHERE measure_id = NEW.measure_id AND unit_code = NEW.unit_code;
   END`,
  `CREATE TRIGGER tr_measure_units_status_on_move AFTER UPDATE OF measure_id ON measure_units
   BEGIN
     UPDATE measure_units SET status = (SELECT m.status FROM measures m WHERE m.id = NEW.measure_id)
      WHERE measure_id = NEW.measure_id AND unit_code = NEW.unit_code;
   END`,
  `CREATE TRIGGER tr_measures_status_on_insert AFTER INSERT ON measures
   BEGIN
     UPDATE measure_units SET status = NEW.status WHERE measure_id = NEW.id;
   END`,
  `CREATE TRIGGER tr_measures_status_on_update AFTER UPDATE OF status, id ON measures
   WHEN NEW.status IS NOT OLD.status OR NEW.id IS NOT OLD.id
   BEGIN
     UPDATE measure_units SET status = NEW.status WHERE measure_id = NEW.id;
   END`,
];
const SQLITE_DOWN = [
  `DROP TRIGGER tr_measures_status_on_update`,
  `DROP TRIGGER tr_measures_status_on_insert`,
  `DROP TRIGGER tr_measure_units_status_on_move`,
  `DROP TRIGGER tr_measure_units_status_on_insert`,
];

const POSTGRES_UP = [
  `CREATE FUNCTION rectify_measure_unit_status() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     NEW.status := (SELECT m.status FROM measures m WHERE m.id = NEW.measure_id);
     RETURN NEW;
   END $$`,
  `CREATE TRIGGER tr_measure_units_status BEFORE INSERT OR UPDATE ON measure_units
   FOR EACH ROW EXECUTE FUNCTION rectify_measure_unit_status()`,
  `CREATE FUNCTION rectify_measure_status_to_units() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     UPDATE measure_units SET status = NEW.status WHERE measure_id = NEW.id AND status IS DISTINCT FROM NEW.status;
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER tr_measures_status AFTER INSERT OR UPDATE OF status, id ON measures
   FOR EACH ROW EXECUTE FUNCTION rectify_measure_status_to_units()`,
];
const POSTGRES_DOWN = [
  `DROP TRIGGER tr_measures_status ON measures`,
  `DROP FUNCTION rectify_measure_status_to_units()`,
  `DROP TRIGGER tr_measure_units_status ON measure_units`,
  `DROP FUNCTION rectify_measure_unit_status()`,
];

// The triggers as this migration makes and drops them: 1795980000000 drops them by the same names
// and puts these back when it is undone.
export const STATUS_TRIGGERS = {
  sqlite: { create: SQLITE_UP, drop: SQLITE_DOWN },
  postgres: { create: POSTGRES_UP, drop: POSTGRES_DOWN },
} as const;
