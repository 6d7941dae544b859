// Temporal itself goes away: the test's own dev server (state in a file) is killed with SIGKILL
// while measures wait on their ladders, stays down past several steps, and comes back on the
// same file and port. The worker and the API keep their connections and carry on; every step
// that fell due meanwhile is recorded once, dated when it fell due, and nothing drifts.
import { MeasureRepository } from '../../libs/persistence/src/repositories/measure.repository';
import { measureWorkflowId } from '../../libs/domain/src/measure-identity';
import { checkConsistency } from '../../libs/temporal/src/consistency-check';
import { MeasureWorkflowGateway } from '../../libs/temporal/src/measure-workflow.gateway';
import { eventually } from '../support/eventually';
import { OwnDevServer, serverNow } from '../support/own-dev-server';
import { aPlanDocument } from '../support/plan-fixtures';
import { RectifyHarness, startRectify } from '../support/rectify-harness';
import { duplicates, expectedSteps, LadderRung, recordedSteps, reportFaults } from '../support/resilience';
import { testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

const HEAVY = process.env.RECTIFY_RESILIENCE_HEAVY === '1';
const MEASURES = HEAVY ? 20 : 2;
// The reminder falls due with the server up; the three notices after it while it is down.
const LADDER: LadderRung[] = [
  { kind: 'reminder', offset: '-PT8S', fromDueMs: -8_000, level: 0 },
  { kind: 'overdue_notice', offset: 'PT0S', fromDueMs: 0, level: 1 },
  { kind: 'supervision_notice', offset: 'PT3S', fromDueMs: 3_000, level: 2 },
  { kind: 'formal_talk', offset: 'PT6S', fromDueMs: 6_000, level: 3 },
];
// From the server's clock reading to the deadline: time to import and start every measure.
const LEAD_MS = HEAVY ? 30_000 : 20_000;
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
    const client = rectify.temporal;
    const taskQueue = rectify.config.temporal.taskQueue;
    const gateway = new MeasureWorkflowGateway(client, taskQueue);
    // The server's clock, and how far this process's clock is from it, for the waits below.
    const now = await serverNow(client);
    const skew = now - Date.now();
    const serverClock = () => Date.now() + skew;
    const dueMs = Math.ceil((now + LEAD_MS) / 1000) * 1000;
    const planCode = uniqueCode('GS');
    const doc = aPlanDocument({
      planCode,
      due: new Date(dueMs).toISOString(),
      steps: LADDER.map(({ kind, offset }) => ({ kind, offset })),
      measures: MEASURES,
    });
    expect((await rectify.request('POST', '/plans', doc)).status).toBe(201);
    const ids = Array.from({ length: MEASURES }, (_, i) => measureWorkflowId(planCode, `P01-M${i + 1}`));
    const expected = expectedSteps(ids, dueMs, LADDER);

    // Down once every reminder is recorded, before the deadline.
    await eventually(
      async () =>
        expect(await recordedSteps(rectify.db.dataSource)).toEqual(expected.filter((s) => s.level === 0)),
      { timeoutMs: LEAD_MS + 30_000 },
    );
    await server.kill();
    const downAt = serverClock();
    // A machine too slow to stop the server before the deadline cannot show what this test is about.
    expect(downAt).toBeLessThan(dueMs);

    const lastMs = dueMs + LADDER[LADDER.length - 1].fromDueMs;
    await new Promise((r) => setTimeout(r, lastMs + DOWN_PAST_LAST_MS - serverClock()));
    const upAt = serverClock();
    await server.start();

    await eventually(
      async () => {
        for (const id of ids) {
          const state = await gateway.state(id);
          expect(state?.firedSteps).toHaveLength(LADDER.length);
          expect(state?.nextStep).toBeNull();
        }
      },
      { timeoutMs: 120_000, intervalMs: 500 },
    );
    const recorded = await recordedSteps(rectify.db.dataSource);
    expect(recorded).toEqual(expected);

    const report = await checkConsistency(client, new MeasureRepository(rectify.db.dataSource), {
      taskQueue,
    });
    expect(report).toEqual({ workflows: MEASURES, rows: MEASURES, drift: [] });

    const dueDuringFault = expected.filter((s) => {
      const at = Date.parse(s.occurredAt);
      return at > downAt && at < upAt;
    }).length;
    expect(
      reportFaults({
        fault: 'Temporal dev server SIGKILLed, restarted on its file and port',
        injected: 1,
        dueDuringFault,
        stepsExpected: expected.length,
        stepsRecorded: recorded.length,
        duplicates: duplicates(recorded),
        drift: report.drift.length,
      }),
    ).toEqual({
      fault: 'Temporal dev server SIGKILLed, restarted on its file and port',
      injected: 1,
      dueDuringFault: 3 * MEASURES,
      stepsExpected: 4 * MEASURES,
      stepsRecorded: 4 * MEASURES,
      duplicates: 0,
      drift: 0,
    });
  });
});
