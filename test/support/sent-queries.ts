// For the specs that read back how SQLite plans the board's statements: the statements a data
// source sends while `run` runs, and SQLite's plan of one of them.
import type { DataSource, Logger, QueryRunner } from 'typeorm';

export interface SentQuery {
  readonly sql: string;
  readonly parameters: unknown[];
}

// The statements matching `pattern` that `ds` sends while `run` runs, in order; its logger is
// given back afterwards, whatever `run` does.
export async function sentQueries(
  ds: DataSource,
  pattern: RegExp,
  run: () => Promise<unknown>,
): Promise<SentQuery[]> {
  const sent: SentQuery[] = [];
  const logger = ds.logger;
  // The logger itself underneath, so that its other methods (on its class, which a spread of its
  // own properties would leave out) still answer while the capture is in place.
  const capture: Logger = Object.assign(Object.create(logger) as Logger, {
    logQuery: (sql: string, parameters?: unknown[], runner?: QueryRunner) => {
      if (pattern.test(sql)) sent.push({ sql, parameters: parameters ?? [] });
      logger.logQuery(sql, parameters, runner);
    },
  });
  Object.assign(ds, { logger: capture });
  try {
    await run();
  } finally {
    Object.assign(ds, { logger });
  }
  return sent;
}

// SQLite's plan of a statement, one detail a step (EXPLAIN QUERY PLAN).
export async function sqlitePlan(ds: DataSource, q: SentQuery): Promise<string[]> {
  return ((await ds.query(`EXPLAIN QUERY PLAN ${q.sql}`, q.parameters)) as { detail: string }[]).map(
    (s) => s.detail,
  );
}
