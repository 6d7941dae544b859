import { DataSource } from 'typeorm';

export interface RateLimitWindow {
  readonly limit: number;
  readonly ttlMs: number;
  // How long a client that went over the limit is refused, from that moment.
  readonly blockMs: number;
}

export interface RateLimitHit {
  // Requests counted in the current window, this one included (a blocked one is not counted).
  readonly hits: number;
  readonly windowEndsInMs: number;
  // > 0: refused for this much longer.
  readonly blockedForMs: number;
}

// Windows that have ended are deleted by every this-many-th hit of a process, so the table holds
// the live windows and a bounded number of ended ones, without a timer.
const SWEEP_EVERY = 500;

// Request counters per throttler and client key in fixed windows, shared by every API replica:
// one statement counts the hit and answers the new state, so no two replicas can both take the
// last request of a window. Times come from the database's clock, so replicas whose clocks differ
// still agree on when a window ends.
export class RateLimitRepository {
  private hitsSinceSweep = 0;

  constructor(private readonly ds: DataSource) {}

  async hit(throttler: string, key: string, w: RateLimitWindow): Promise<RateLimitHit> {
    if (++this.hitsSinceSweep >= SWEEP_EVERY) {
      this.hitsSinceSweep = 0;
      await this.sweep();
    }
    const now = this.now();
    // Blocked: the row stays as it is. A window that ended, or a block that ran out, starts anew.
    const blocked = `c.blocked_until > ${now}`;
    const fresh = `(c.window_ends_at <= ${now} OR (c.blocked_until > 0 AND c.blocked_until <= ${now}))`;
    const counted = `CASE WHEN ${fresh} THEN 1 ELSE c.hits + 1 END`;
    const [sql, params] = this.ds.driver.escapeQueryWithParameters(
      `INSERT INTO rate_limit_counters AS c (throttler, key_hash, hits, window_ends_at, blocked_until)
       VALUES (:throttler, :key, 1, ${now} + :ttl, CASE WHEN 1 > :limit THEN ${now} + :block ELSE 0 END)
       ON CONFLICT (throttler, key_hash) DO UPDATE SET
         hits = CASE WHEN ${blocked} THEN c.hits ELSE ${counted} END,
         window_ends_at = CASE WHEN ${blocked} THEN c.window_ends_at
                               WHEN ${fresh} THEN ${now} + :ttl ELSE c.window_ends_at END,
         blocked_until = CASE WHEN ${blocked} THEN c.blocked_until
                              WHEN ${counted} > :limit THEN ${now} + :block ELSE 0 END
       RETURNING hits, window_ends_at, blocked_until, ${now} AS now`,
      { throttler, key, ttl: w.ttlMs, limit: w.limit, block: w.blockMs },
      {},
    );
    const rows = (await this.ds.query(sql, params)) as Record<string, string | number>[];
    // PostgreSQL answers bigints as strings.
    const r = rows[0];
    const at = Number(r.now);
    return {
      hits: Number(r.hits),
      windowEndsInMs: Math.max(0, Number(r.window_ends_at) - at),
      blockedForMs: Math.max(0, Number(r.blocked_until) - at),
    };
  }

  // Deletes the windows that have ended and are not holding a block.
  async sweep(): Promise<void> {
    const now = this.now();
    await this.ds.query(
      `DELETE FROM rate_limit_counters WHERE window_ends_at <= ${now} AND blocked_until <= ${now}`,
    );
  }

  // Milliseconds since the epoch on the database's clock, fixed for the whole statement.
  private now(): string {
    return this.ds.options.type === 'postgres'
      ? '(floor(extract(epoch from statement_timestamp()) * 1000))::bigint'
      : "CAST(unixepoch('subsec') * 1000 AS INTEGER)";
  }
}
