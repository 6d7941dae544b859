import { DataSource } from 'typeorm';
import { createDataSource } from '../../libs/persistence/src/data-source';
import { RateLimits1795910000000 } from '../../libs/persistence/src/migrations/1795910000000-rate-limits.migration';
import {
  RateLimitHit,
  RateLimitRepository,
} from '../../libs/persistence/src/repositories/rate-limit.repository';
import { eventually } from '../support/eventually';
import { createTestDatabase, TestDatabase, testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

const HOUR = 3_600_000;

describe(`rate-limit counters shared through the database (${testEngine()})`, () => {
  let db: TestDatabase;
  // A second process's view of the same database: its own connection(s).
  let other: DataSource;
  let counters: RateLimitRepository;
  let replica: RateLimitRepository;

  beforeAll(async () => {
    db = await createTestDatabase();
    other = await createDataSource(db.config).initialize();
    counters = new RateLimitRepository(db.dataSource);
    replica = new RateLimitRepository(other);
  });
  afterAll(async () => {
    if (other?.isInitialized) await other.destroy();
    await db?.close();
  });

  it('counts hits in a window, refuses the one over the limit, and does not count refused ones', async () => {
    const key = uniqueCode('k');
    const w = { limit: 3, ttlMs: HOUR, blockMs: HOUR };
    const hits: RateLimitHit[] = [];
    for (let i = 0; i < 6; i++) hits.push(await (i % 2 ? replica : counters).hit('feedback', key, w));
    expect(hits.map((h) => h.hits)).toEqual([1, 2, 3, 4, 4, 4]);
    expect(hits.map((h) => h.blockedForMs > 0)).toEqual([false, false, false, true, true, true]);
    for (const h of hits) {
      expect(h.windowEndsInMs).toBeGreaterThan(0);
      expect(h.windowEndsInMs).toBeLessThanOrEqual(HOUR);
      expect(h.blockedForMs).toBeLessThanOrEqual(HOUR);
    }
    // Another client, another limit: counted apart.
    expect((await counters.hit('feedback', uniqueCode('k'), w)).hits).toBe(1);
    expect((await counters.hit('login', key, w)).hits).toBe(1);
  });

  it('lets exactly `limit` of many simultaneous hits through from two replicas, each with its own count', async () => {
    const key = uniqueCode('k');
    const w = { limit: 15, ttlMs: HOUR, blockMs: HOUR };
    const all = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? replica : counters).hit('public-read', key, w)),
    );
    const through = all.filter((h) => h.blockedForMs === 0);
    expect(through).toHaveLength(15);
    // No two requests were handed the same count: each increment saw the one before.
    expect(through.map((h) => h.hits).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 15 }, (_, i) => i + 1),
    );
  });

  it('starts a new window once the block has run out', async () => {
    const key = uniqueCode('k');
    const w = { limit: 1, ttlMs: 1_000, blockMs: 1_000 };
    expect((await counters.hit('login', key, w)).blockedForMs).toBe(0);
    const blocked = await replica.hit('login', key, w);
    expect(blocked.blockedForMs).toBeGreaterThan(0);
    expect(blocked.blockedForMs).toBeLessThanOrEqual(1_000);
    await eventually(async () => {
      const again = await counters.hit('login', key, w);
      expect(again).toMatchObject({ hits: 1, blockedForMs: 0 });
    });
  });

  it('sweeps windows that have ended, and keeps the live ones and the blocks', async () => {
    const [ended, live, blocked] = [uniqueCode('ended'), uniqueCode('live'), uniqueCode('blocked')];
    await counters.hit('sweep', ended, { limit: 5, ttlMs: 1, blockMs: 1 });
    await counters.hit('sweep', live, { limit: 5, ttlMs: HOUR, blockMs: HOUR });
    const once = { limit: 1, ttlMs: HOUR, blockMs: HOUR };
    await counters.hit('sweep', blocked, once);
    expect((await counters.hit('sweep', blocked, once)).blockedForMs).toBeGreaterThan(0);
    const rows = async () =>
      (
        (await db.dataSource.query("SELECT key_hash FROM rate_limit_counters WHERE throttler = 'sweep'")) as {
          key_hash: string;
        }[]
      )
        .map((r) => r.key_hash)
        .sort();
    await eventually(async () => {
      await replica.sweep();
      expect(await rows()).toEqual([blocked, live].sort());
    });
  });

  it('migrates down and up', async () => {
    const migration = new RateLimits1795910000000();
    const q = db.dataSource.createQueryRunner();
    try {
      await migration.down(q);
      expect(await q.hasTable('rate_limit_counters')).toBe(false);
      await migration.up(q);
      expect(await q.hasTable('rate_limit_counters')).toBe(true);
    } finally {
      await q.release();
    }
    expect(
      (await counters.hit('login', uniqueCode('k'), { limit: 1, ttlMs: HOUR, blockMs: HOUR })).hits,
    ).toBe(1);
  });
});
