// Temporal itself goes away: the test's own dev server (state in a file) is killed with SIGKILL
// while measures wait on their ladders, stays down past several steps, and comes back on the
// same file and port. The worker and the API keep their connections and carry on; every step
// that fell due meanwhile is recorded once, dated when it fell due, and nothing drifts.
import { MeasureRepository } from '../../libs/persistence/src/repositories/measure.repository';
import { checkConsistency } from '../../libs/temporal/src/consistency-check';
import { OwnDevServer } from '../support/own-dev-server';
import { RectifyHarness, startRectify } from '../support/rectify-harness';
import { faultCounts, faultFree, ladderFired, ladderUnderWay, recordedSteps } from '../support/resilience';
import { testEngine } from '../support/test-database';

const HEAVY = process.env.RECTIFY_RESILIENCE_HEAVY === '1';
const MEASURES = HEAVY ? 20 : 2;
// From the server's clock reading to the deadline: time to import and start every measure.
// The reminder falls due 20 s before the deadline (OUTAGE_LADDER), and the import comes first.
const LEAD_MS = HEAVY ? 45_000 : 32_000;
// How long past the last step the server stays down.
const DOWN_PAST_LAST_MS = HEAVY ? 20_000 : 3_000;

describe(`a Temporal server killed and restarted on its file (${testEngine()})`, () => {
  let server: OwnDevServer;
  let rectify: RectifyHarness;

  beforeAll(async () => {
    server = await OwnDevServer.create();
    await server.start();
    rectify = await startRectify({ env: { TEMPORAL_ADDRESS: server.address } });
  });
  afterAll(async () => {
    // The worker drains against a live server; a failed test may have left it down.
    if (server && rectify) await server.start().catch(() => undefined);
    await rectify?.stop();
    await server?.remove();
  });

  it('records each step that fell due while it was down exactly once, dated when it fell due', async () => {
    const ladder = await ladderUnderWay(rectify, { measures: MEASURES, leadMs: LEAD_MS });
    await server.kill();
    const downAt = ladder.serverClock();
    // A machine too slow to stop the server before the deadline cannot show what this test is about.
    expect(downAt).toBeLessThan(ladder.dueMs);
    await new Promise((r) => setTimeout(r, ladder.lastStepMs + DOWN_PAST_LAST_MS - ladder.serverClock()));
    const upAt = ladder.serverClock();
    await server.start();

    await ladderFired(ladder, 120_000);
    const recorded = await recordedSteps(rectify.db.dataSource);
    expect(recorded).toEqual(ladder.expected);
    const report = await checkConsistency(rectify.temporal, new MeasureRepository(rectify.db.dataSource), {
      taskQueue: rectify.config.temporal.taskQueue,
    });
    expect(report).toEqual({ workflows: MEASURES, rows: MEASURES, drift: [] });

    const fault = 'Temporal dev server SIGKILLed, restarted on its file and port';
    expect(faultCounts(ladder, { fault, downAt, upAt, recorded, drift: report.drift.length })).toEqual(
      faultFree(fault, MEASURES),
    );
  });
});
