import { DataSource, EntityManager } from 'typeorm';
import { sha256 } from './stable-id';

// Writes that must not interleave: appending to the audit chain, counting failed sign-ins,
// creating the first account. Within a process they queue per name. On PostgreSQL they also hold
// a transaction-scoped advisory lock, so every API replica waits its turn. On SQLite they run
// without a transaction: TypeORM shares one connection per process there and would nest a second
// transaction of another request inside ours. Each statement is atomic, and callers whose
// correctness needs more (the audit chain) detect a lost race through a unique key and retry.
const queues = new WeakMap<DataSource, Map<string, Promise<unknown>>>();

export function serializedWrite<T>(ds: DataSource, name: string, work: (em: EntityManager) => Promise<T>): Promise<T> {
  let byName = queues.get(ds);
  if (!byName) {
    byName = new Map();
    queues.set(ds, byName);
  }
  const previous = byName.get(name) ?? Promise.resolve();
  const run = previous.then(
    () => locked(ds, name, work),
    () => locked(ds, name, work),
  );
  // The queue keeps only the tail; a failure is the caller's to handle, not the next writer's.
  const tail = run.catch(() => undefined);
  byName.set(name, tail);
  void tail.then(() => {
    if (byName.get(name) === tail) byName.delete(name);
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
