import { MigrationInterface, QueryRunner } from 'typeorm';
import { STATUS_TRIGGERS } from './1795976000000-measure-unit-status.migration';

// A unit's desk (a unit's measures in a plan with one status, in deadline order) walked the plan's
// measures of that status by deadline, checking each against the unit's list, until it had a page:
// at 10,000 measures the page's statement took 1.7 ms on SQLite, half of it that walk
// (BENCHMARKS.md, "The desk in deadline order"). measure_units now carries its measure's deadline
// and code beside its status, so the unit index gives the desk's page in the board's order and the
// page reads only its own measures.
//
// As with the status (1795976000000-measure-unit-status.migration.ts), the database keeps the copy:
// the triggers that copied the status copy the deadline and the code with it, so an extension
// approved, a re-import or a repair in SQL moves the unit rows in the writer's own statement. The
// triggers keep their names.
export class MeasureUnitDeadline1795980000000 implements MigrationInterface {
  name = 'MeasureUnitDeadline1795980000000';

  async up(q: QueryRunner): Promise<void> {
    const postgres = q.connection.options.type === 'postgres';
    await q.query(`ALTER TABLE measure_units ADD COLUMN due_at ${postgres ? 'timestamptz' : 'datetime'}`);
    await q.query(`ALTER TABLE measure_units ADD COLUMN code varchar(64)`);
    await q.query(
      `UPDATE measure_units SET (due_at, code) = (SELECT m.due_at, m.code FROM measures m WHERE m.id = measure_units.measure_id)`,
    );
    await q.query(`DROP INDEX ix_measure_units_unit`);
    await q.query(
      `CREATE INDEX ix_measure_units_unit ON measure_units (unit_code, plan_id, status, due_at, code, measure_id)`,
    );
    const before = STATUS_TRIGGERS[postgres ? 'postgres' : 'sqlite'];
    for (const sql of [...before.drop, ...(postgres ? POSTGRES_TRIGGERS : SQLITE_TRIGGERS)])
      await q.query(sql);
    if (postgres) await q.query(`ANALYZE measure_units`);
  }

  async down(q: QueryRunner): Promise<void> {
    const before = STATUS_TRIGGERS[q.connection.options.type === 'postgres' ? 'postgres' : 'sqlite'];
    for (const sql of [...before.drop, ...before.create]) await q.query(sql);
    await q.query(`DROP INDEX ix_measure_units_unit`);
    await q.query(
      `CREATE INDEX ix_measure_units_unit ON measure_units (unit_code, plan_id, status, measure_id)`,
    );
    await q.query(`ALTER TABLE measure_units DROP COLUMN code`);
    await q.query(`ALTER TABLE measure_units DROP COLUMN due_at`);
  }
}

// The triggers of 1795976000000 under the same names, copying the deadline and the code too.
const SQLITE_TRIGGERS = [
  `CREATE TRIGGER tr_measure_units_status_on_insert AFTER INSERT ON measure_units
   BEGIN
     UPDATE measure_units SET (status, due_at, code) =
       (SELECT m.status, m.due_at, m.code FROM measures m WHERE m.id = NEW.measure_id)
      WHERE measure_id = NEW.measure_id AND unit_code = NEW.unit_code;
   END`,
  `CREATE TRIGGER tr_measure_units_status_on_move AFTER UPDATE OF measure_id ON measure_units
   BEGIN
     UPDATE measure_units SET (status, due_at, code) =
       (SELECT m.status, m.due_at, m.code FROM measures m WHERE m.id = NEW.measure_id)
      WHERE measure_id = NEW.measure_id AND unit_code = NEW.unit_code;
   END`,
  `CREATE TRIGGER tr_measures_status_on_insert AFTER INSERT ON measures
   BEGIN
     UPDATE measure_units SET status = NEW.status, due_at = NEW.due_at, code = NEW.code
      WHERE measure_id = NEW.id;
   END`,
  `CREATE TRIGGER tr_measures_status_on_update AFTER UPDATE OF status, due_at, code, id ON measures
   WHEN NEW.status IS NOT OLD.status OR NEW.due_at IS NOT OLD.due_at OR NEW.code IS NOT OLD.code
     OR NEW.id IS NOT OLD.id
   BEGIN
     UPDATE measure_units SET status = NEW.status, due_at = NEW.due_at, code = NEW.code
      WHERE measure_id = NEW.id;
   END`,
];

const POSTGRES_TRIGGERS = [
  `CREATE FUNCTION rectify_measure_unit_status() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     SELECT m.status, m.due_at, m.code INTO NEW.status, NEW.due_at, NEW.code
       FROM measures m WHERE m.id = NEW.measure_id;
     RETURN NEW;
   END $$`,
  `CREATE TRIGGER tr_measure_units_status BEFORE INSERT OR UPDATE ON measure_units
   FOR EACH ROW EXECUTE FUNCTION rectify_measure_unit_status()`,
  `CREATE FUNCTION rectify_measure_status_to_units() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     UPDATE measure_units SET status = NEW.status, due_at = NEW.due_at, code = NEW.code
      WHERE measure_id = NEW.id
        AND (status, due_at, code) IS DISTINCT FROM (NEW.status, NEW.due_at, NEW.code);
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER tr_measures_status AFTER INSERT OR UPDATE OF status, due_at, code, id ON measures
   FOR EACH ROW EXECUTE FUNCTION rectify_measure_status_to_units()`,
];
