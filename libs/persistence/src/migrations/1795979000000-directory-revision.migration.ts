import { MigrationInterface, QueryRunner } from 'typeorm';

// The directory (通讯录: persons, posts, channels) was read whole for every notice planned: a
// burst of 1,000 overdue notices read it 1,000 times, and a province's directory runs to thousands
// of people (BENCHMARKS.md, "A notice reads the directory only when it changed"). Each process now
// keeps the directory it read with the revision it read it at, and reads it again only when the
// revision has moved (DeliveryRepository.directory).
//
// The database counts the changes, not the writers: PeopleRepository writes the three tables today,
// and a writer added later that forgot to count its change would leave notices going to whoever
// the directory named before. A trigger on each table moves the revision in the writer's own
// transaction, so a reader that sees a change sees the new revision too.
export class DirectoryRevision1795979000000 implements MigrationInterface {
  name = 'DirectoryRevision1795979000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE directory_revision (id integer PRIMARY KEY NOT NULL, revision integer NOT NULL)`,
    );
    await q.query(`INSERT INTO directory_revision (id, revision) VALUES (1, 0)`);
    for (const sql of q.connection.options.type === 'postgres' ? POSTGRES_UP : SQLITE_UP) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of q.connection.options.type === 'postgres' ? POSTGRES_DOWN : SQLITE_DOWN)
      await q.query(sql);
    await q.query(`DROP TABLE directory_revision`);
  }
}

const DIRECTORY_TABLES = ['persons', 'posts', 'person_channels'] as const;
const OPERATIONS = ['insert', 'update', 'delete'] as const;
const BUMP = `UPDATE directory_revision SET revision = revision + 1 WHERE id = 1`;

const SQLITE_UP = DIRECTORY_TABLES.flatMap((t) =>
  OPERATIONS.map(
    (op) => `CREATE TRIGGER tr_${t}_directory_${op} AFTER ${op.toUpperCase()} ON ${t} BEGIN ${BUMP}; END`,
  ),
);
const SQLITE_DOWN = DIRECTORY_TABLES.flatMap((t) =>
  OPERATIONS.map((op) => `DROP TRIGGER tr_${t}_directory_${op}`),
);

// Once a statement, not once a row: a statement that writes many rows moves it once.
const POSTGRES_UP = [
  `CREATE FUNCTION rectify_directory_changed() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     ${BUMP};
     RETURN NULL;
   END $$`,
  ...DIRECTORY_TABLES.map(
    (t) =>
      `CREATE TRIGGER tr_${t}_directory AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${t}
       FOR EACH STATEMENT EXECUTE FUNCTION rectify_directory_changed()`,
  ),
];
const POSTGRES_DOWN = [
  ...DIRECTORY_TABLES.map((t) => `DROP TRIGGER tr_${t}_directory ON ${t}`),
  `DROP FUNCTION rectify_directory_changed()`,
];
