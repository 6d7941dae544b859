// For the specs of migrations that add indexes: an index's columns as the engine holds them, and
// the migrations undone down to and including one of them.
import type { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../libs/persistence/src/data-source';
import { testEngine } from './test-database';

// The index's columns in order, none when it does not exist (TypeORM's table reader does not keep
// PostgreSQL's order).
export async function indexColumns(ds: DataSource, index: string): Promise<string[]> {
  if (testEngine() === 'sqlite')
    return (
      (await ds.query(`SELECT name FROM pragma_index_info(?) ORDER BY seqno`, [index])) as { name: string }[]
    ).map((c) => c.name);
  return (
    (
      (await ds.query(`SELECT indexdef FROM pg_indexes WHERE indexname = $1`, [index])) as {
        indexdef: string;
      }[]
    )
      // PostgreSQL quotes a column named by a keyword (position).
      .flatMap((i) =>
        /\((.*)\)$/
          .exec(i.indexdef)![1]
          .split(', ')
          .map((c) => c.replace(/"/g, '')),
      )
  );
}

// Undoes the migrations run after `migration`, then `migration` itself.
export async function undoMigrationsThrough(ds: DataSource, migration: string): Promise<void> {
  const last = (await ds.query(`SELECT name FROM migrations ORDER BY id DESC`)) as { name: string }[];
  for (let i = 0; i < MIGRATIONS.length && last[i].name !== migration; i++)
    await ds.undoLastMigration({ transaction: 'each' });
  await ds.undoLastMigration({ transaction: 'each' });
}
