import type { DataSource } from 'typeorm';

// Undoes the last migration. SQLite drops a column by rebuilding its table, and the rebuild's DROP
// TABLE fails while rows of other tables reference it with foreign keys on: SQLite's own procedure
// turns them off around the rebuild (outside any transaction) and checks every reference after.
export async function undoLastMigration(ds: DataSource): Promise<void> {
  if (ds.options.type === 'postgres') return ds.undoLastMigration({ transaction: 'each' });
  await ds.query('PRAGMA foreign_keys = OFF');
  try {
    await ds.undoLastMigration({ transaction: 'each' });
  } finally {
    await ds.query('PRAGMA foreign_keys = ON');
  }
  const dangling: unknown[] = await ds.query('PRAGMA foreign_key_check');
  if (dangling.length) throw new Error(`references left dangling: ${JSON.stringify(dangling)}`);
}
