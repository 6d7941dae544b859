// Holds the database's write lock from a second connection, so a recording activity stays in
// flight (blocked, retried) for as long as a test needs: the way to make "while a command is
// being recorded" a fact rather than a race.
import { createDataSource } from '../../libs/persistence/src/data-source';
import type { TestDatabase } from './test-database';

export async function holdWrites(db: TestDatabase): Promise<() => Promise<void>> {
  const other = await createDataSource(db.config).initialize();
  const runner = other.createQueryRunner();
  await runner.connect();
  if (db.config.kind === 'sqlite') {
    await runner.query('BEGIN EXCLUSIVE');
  } else {
    await runner.query('BEGIN');
    await runner.query('LOCK TABLE measure_events IN EXCLUSIVE MODE');
  }
  return async () => {
    await runner.query('ROLLBACK');
    await runner.release();
    await other.destroy();
  };
}
