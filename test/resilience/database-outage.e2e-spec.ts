// The database goes away while measures wait on their ladders. On PostgreSQL the API and the
// worker reach it through a loopback TCP proxy that the test cuts (every connection destroyed,
// new ones refused), leaving the shared server alone; on SQLite another connection holds the
// write lock. Either way: readiness and commands answer 503 with a code (not 500), nothing is
// half-written, and once the database is back every step that fell due meanwhile is recorded
// once, dated when it fell due, with no operator action and no drift.
import { MeasureEntity } from '../../libs/persistence/src/entities/measure.entity';
import { UserEntity } from '../../libs/persistence/src/entities/user.entity';
import { MeasureRepository } from '../../libs/persistence/src/repositories/measure.repository';
import { checkConsistency } from '../../libs/temporal/src/consistency-check';
import { eventually } from '../support/eventually';
import { holdWrites } from '../support/hold-writes';
import { HttpAnswer, RectifyHarness, startRectify } from '../support/rectify-harness';
import { faultCounts, faultFree, ladderFired, ladderUnderWay, recordedSteps } from '../support/resilience';
import { TcpProxy } from '../support/tcp-proxy';
import { testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

const ENGINE = testEngine();
// Heavier on PostgreSQL only: on SQLite every write waiting on the held lock stops the whole
// process for the busy timeout, so twenty measures measure that timeout, not the recovery (a
// heavy run there outlived a 180 s test timeout without telling anything more).
const HEAVY = process.env.RECTIFY_RESILIENCE_HEAVY === '1' && ENGINE === 'postgres';
const MEASURES = HEAVY ? 20 : 2;
// The reminder falls due 20 s before the deadline (OUTAGE_LADDER), and the import comes first.
const LEAD_MS = HEAVY ? 45_000 : 32_000;
const DOWN_PAST_LAST_MS = HEAVY ? 30_000 : 3_000;
// Import, the outage and the recovery take longer than the default timeout on a loaded machine
// (a SQLite run under load took 209 s), twenty measures longer still.
const TEST_TIMEOUT_MS = HEAVY ? 600_000 : 300_000;

// Status and body, as plain data a failed expectation can print.
const answer = ({ status, body }: HttpAnswer) => ({ status, body });

describe(`a database outage while steps fall due (${ENGINE})`, () => {
  let proxy: TcpProxy | null = null;
  let rectify: RectifyHarness;

  beforeAll(async () => {
    if (ENGINE === 'postgres') {
      const url = new URL(process.env.DATABASE_URL!);
      proxy = await TcpProxy.start({ host: url.hostname, port: Number(url.port || 5432) });
    }
    rectify = await startRectify({
      routeDatabase: (db) => {
        if (db.kind !== 'postgres' || !proxy) return db;
        const url = new URL(db.url);
        url.hostname = '127.0.0.1';
        url.port = String(proxy.port);
        return { ...db, url: url.toString() };
      },
    });
  });
  afterAll(async () => {
    await proxy?.restore();
    await rectify?.stop();
    await proxy?.close();
  });

  it(
    'answers 503, records every step that fell due once when it is back, and leaves no drift',
    async () => {
      const ladder = await ladderUnderWay(rectify, { measures: MEASURES, leadMs: LEAD_MS });
      const [first] = await rectify.db.dataSource
        .getRepository(MeasureEntity)
        .find({ where: { workflowId: ladder.workflowIds[0] } });

      const release = proxy ? (await proxy.cut(), () => proxy!.restore()) : await holdWrites(rectify.db);
      const downAt = ladder.serverClock();
      expect(downAt).toBeLessThan(ladder.dueMs);

      const newUser = {
        email: `outage-${uniqueCode('u')}@rectify.test`,
        password: `pw-${uniqueCode('p')}-long-enough`,
        displayName: 'outage test',
        role: 'office',
        units: [],
        leaderName: null,
      };
      if (ENGINE === 'postgres') {
        // Nothing answers on the database's port: not ready, saying why; commands refused cleanly.
        const ready = await rectify.anonymous.request('GET', '/health/ready');
        expect(ready.status).toBe(503);
        expect(ready.body.error.database).toEqual({
          status: 'down',
          code: 'DATABASE_UNAVAILABLE',
          message: expect.any(String),
          responseTime: expect.any(Number),
        });
        expect(
          answer(await rectify.request('POST', `/measures/${first.id}/progress-reports`, { note: '进展' })),
        ).toEqual({
          status: 503,
          body: {
            code: 'DATABASE_UNAVAILABLE',
            message: 'the database cannot be reached now; try again later',
            details: [],
          },
        });
      }
      // On SQLite readiness is not asserted: readers could go on beside the lock (WAL), but each
      // write waiting on it (better-sqlite3 waits synchronously) holds this process's event loop,
      // and here the API shares its process with the worker, whose records wait on the lock too.

      // A write straight to the database, refused once the connection or the lock wait gives up;
      // awaited while the fault lasts, so that it cannot be served after it.
      expect(answer(await rectify.request('POST', '/users', newUser))).toEqual({
        status: 503,
        body: {
          code: 'DATABASE_UNAVAILABLE',
          message: 'the database cannot be reached now; try again later',
          details: [],
        },
      });

      await new Promise((r) =>
        setTimeout(r, Math.max(0, ladder.lastStepMs + DOWN_PAST_LAST_MS - ladder.serverClock())),
      );
      const upAt = ladder.serverClock();
      await release();

      await ladderFired(ladder, 180_000);
      await eventually(
        async () => expect(await recordedSteps(rectify.db.dataSource)).toHaveLength(ladder.expected.length),
        { timeoutMs: 60_000, intervalMs: 500 },
      );
      const recorded = await recordedSteps(rectify.db.dataSource);
      expect(recorded).toEqual(ladder.expected);
      // The refused progress report never reached the workflow.
      expect((await ladder.gateway.state(ladder.workflowIds[0]))?.progressReports).toBe(0);
      await eventually(async () =>
        expect((await rectify.anonymous.request('GET', '/health/ready')).status).toBe(200),
      );
      // The refused write left nothing: the same request now creates the account, once.
      expect((await rectify.request('POST', '/users', newUser)).status).toBe(201);
      expect(await rectify.db.dataSource.getRepository(UserEntity).countBy({ email: newUser.email })).toBe(1);

      const report = await checkConsistency(rectify.temporal, new MeasureRepository(rectify.db.dataSource), {
        taskQueue: rectify.config.temporal.taskQueue,
      });
      expect(report).toEqual({ workflows: MEASURES, rows: MEASURES, drift: [] });

      const fault =
        ENGINE === 'postgres'
          ? 'PostgreSQL cut at a TCP proxy (API and worker)'
          : 'SQLite write lock held by another connection';
      expect(faultCounts(ladder, { fault, downAt, upAt, recorded, drift: report.drift.length })).toEqual(
        faultFree(fault, MEASURES),
      );
    },
    TEST_TIMEOUT_MS,
  );
});
