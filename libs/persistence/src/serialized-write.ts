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
  return queued(ds, name, () => locked(ds, name, work));
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

function locked<T>(ds: DataSource, name: string, work: (em: EntityManager) => Promise<T>): Promise<T> {
  if (ds.options.type !== 'postgres') return work(ds.manager);
  return ds.transaction(async (em) => {
    await em.query('SELECT pg_advisory_xact_lock($1)', [advisoryKey(name)]);
    return work(em);
  });
}

// A stable 48-bit key per name: fits a JavaScript number and PostgreSQL's bigint.
function advisoryKey(name: string): number {
  return parseInt(sha256(`rectify:${name}`).slice(0, 12), 16);
}

export function isUniqueViolation(e: unknown): boolean {
  return e instanceof Error && /unique|duplicate|primary key/i.test(e.message);
}

// A transaction that no other writer of the same name interleaves with: queued within the process
// and, on PostgreSQL, under the advisory lock, so a check and the write it guards stay together
// across replicas (an accountability case's decisions).
export function serializedTransaction<T>(
  ds: DataSource,
  name: string,
  work: (em: EntityManager) => Promise<T>,
): Promise<T> {
  return queued(ds, name, () =>
    ds.transaction(async (em) => {
      if (ds.options.type === 'postgres')
        await em.query('SELECT pg_advisory_xact_lock($1)', [advisoryKey(name)]);
      return work(em);
    }),
  );
}

// A transaction of the worker's busiest writes (a ladder step's record, a delivery's plan), which
// run many at once when steps fall due together. On SQLite TypeORM shares one connection per
// process: a second transaction opened beside the first fails its BEGIN and its ROLLBACK ends the
// first, whose remaining statements then commit one by one. There they take turns, within the
// process (the file's lock keeps other processes out). PostgreSQL gives each its own connection.
export function connectionSafeTransaction<T>(
  ds: DataSource,
  work: (em: EntityManager) => Promise<T>,
): Promise<T> {
  if (ds.options.type === 'postgres') return ds.transaction(work);
  return queued(ds, 'sqlite-worker-transaction', () => ds.transaction(work));
}
