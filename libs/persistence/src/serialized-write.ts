import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager } from 'typeorm';
import { sha256 } from './stable-id';

// Writes that must not interleave: counting failed sign-ins, creating the first account, and (with
// a connection of its own on SQLite, see AuditLogRepository) appending to the audit chain. Within a
// process they queue per name. On PostgreSQL they also hold a transaction-scoped advisory lock, so
// every API replica waits its turn. On SQLite they run on the shared connection without a
// transaction of their own: TypeORM shares one connection per process there and would nest another
// request's transaction inside ours; each statement is atomic.
const queues = new WeakMap<DataSource, Map<string, Promise<unknown>>>();

export function serializedWrite<T>(
  ds: DataSource,
  name: string,
  work: (em: EntityManager) => Promise<T>,
): Promise<T> {
  return queued(ds, name, () => {
    if (ds.options.type !== 'postgres') return work(ds.manager);
    return ds.transaction(async (em) => {
      await em.query('SELECT pg_advisory_xact_lock($1)', [advisoryKey(name)]);
      return work(em);
    });
  });
}

// One at a time per data source and name, in arrival order, within this process.
export function queued<T>(ds: DataSource, name: string, work: () => Promise<T>): Promise<T> {
  let byName = queues.get(ds);
  if (!byName) {
    byName = new Map();
    queues.set(ds, byName);
  }
  const queue = byName;
  const run = (queue.get(name) ?? Promise.resolve()).then(work, work);
  // The queue keeps only the tail; a failure is the caller's to handle, not the next writer's.
  const tail = run.catch(() => undefined);
  queue.set(name, tail);
  void tail.then(() => {
    if (queue.get(name) === tail) queue.delete(name);
  });
  return run;
}

// A stable 48-bit key per name: fits a JavaScript number and PostgreSQL's bigint.
function advisoryKey(name: string): number {
  return parseInt(sha256(`rectify:${name}`).slice(0, 12), 16);
}

export function isUniqueViolation(e: unknown): boolean {
  return e instanceof Error && /unique|duplicate|primary key/i.test(e.message);
}

// A transaction that no other writer of the same name interleaves with: on PostgreSQL queued
// within the process and under the advisory lock, so a check and the write it guards stay together
// across replicas (an accountability case's decisions). On SQLite the process's turn already keeps
// every other transaction out (and the file's lock other processes); a queue per name in front of
// it could wait on a writer that waits for the turn we hold.
export function serializedTransaction<T>(
  ds: DataSource,
  name: string,
  work: (em: EntityManager) => Promise<T>,
): Promise<T> {
  if (ds.options.type !== 'postgres') return connectionSafeTransaction(ds, work);
  return queued(ds, name, () =>
    ds.transaction(async (em) => {
      await em.query('SELECT pg_advisory_xact_lock($1)', [advisoryKey(name)]);
      return work(em);
    }),
  );
}

// Every transaction of the read model goes through here (eslint refuses `.transaction(` elsewhere).
// On SQLite TypeORM shares one connection per process: a second transaction opened beside the first
// becomes a savepoint inside it, so the first's COMMIT releases the other's savepoint and the other's
// failure rolls back what the first already answered as written. There they take turns within the
// process (the file's lock keeps other processes out); a transaction opened inside one that holds
// the turn runs at once, as the savepoint TypeORM makes of it. PostgreSQL gives each its own
// connection.
export function connectionSafeTransaction<T>(
  ds: DataSource,
  work: (em: EntityManager) => Promise<T>,
): Promise<T> {
  if (ds.options.type === 'postgres') return ds.transaction(work);
  return inSqliteTurn(ds, () => ds.transaction(work));
}

// Reads that must agree with each other (a measure's row and the events that set it) as of one
// moment. PostgreSQL's default READ COMMITTED gives each statement its own snapshot, so a row read
// before a commit and its events read after it disagree; REPEATABLE READ holds one snapshot for the
// whole transaction. On SQLite a read transaction sees one snapshot of the file already.
export function consistentRead<T>(ds: DataSource, work: (em: EntityManager) => Promise<T>): Promise<T> {
  if (ds.options.type === 'postgres') return ds.transaction('REPEATABLE READ', work);
  return connectionSafeTransaction(ds, work);
}

// The data sources whose SQLite turn the current async context holds.
const turnsHeld = new AsyncLocalStorage<ReadonlySet<DataSource>>();

function inSqliteTurn<T>(ds: DataSource, work: () => Promise<T>): Promise<T> {
  const held = turnsHeld.getStore();
  if (held?.has(ds)) return work();
  return queued(ds, 'sqlite-turn', () => turnsHeld.run(new Set([...(held ?? []), ds]), work));
}
