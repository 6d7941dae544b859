import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { DomainError } from '../../libs/domain/src/domain-error';
import { MeasureEntity } from '../../libs/persistence/src/entities/measure.entity';
import { MeasureEventRepository } from '../../libs/persistence/src/repositories/measure-event.repository';
import { MeasureWorkflowGateway } from '../../libs/temporal/src/measure-workflow.gateway';
import { eventually } from '../support/eventually';
import { followPlan } from '../support/follow-plan';
import { aPlanDocument } from '../support/plan-fixtures';
import { startTimeSkippingServer, testMeasureWorker } from '../support/temporal-test-env';
import { createTestDatabase, TestDatabase, testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

const DAY = 86_400_000;
const LADDER = [
  { kind: 'reminder', offset: '-P7D' },
  { kind: 'reminder', offset: '-P1D' },
  { kind: 'overdue_notice', offset: 'PT0S' },
  { kind: 'supervision_notice', offset: 'P3D' },
];

describe(`measure workflow on the time-skipping server (${testEngine()})`, () => {
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;
  let gateway: MeasureWorkflowGateway;
  let events: MeasureEventRepository;
  let worker: Worker;
  let running: Promise<void>;
  const taskQueue = uniqueCode('measures');

  // One worker for the file, as in production: a worker shut down between tests would leave its
  // sticky workflow tasks waiting while the test server holds time still.
  beforeAll(async () => {
    [env, db] = await Promise.all([startTimeSkippingServer(), createTestDatabase()]);
    gateway = new MeasureWorkflowGateway(env.client, taskQueue);
    events = new MeasureEventRepository(db.dataSource);
    worker = await testMeasureWorker({
      connection: env.nativeConnection,
      namespace: 'default',
      taskQueue,
      dataSource: db.dataSource,
    });
    running = worker.run();
  });
  afterAll(async () => {
    if (worker?.getState() === 'RUNNING') worker.shutdown();
    await running;
    await env?.teardown();
    await db?.close();
  });

  // Deadline `days` from the server's current time, written as an instant.
  async function planDueIn(days: number, measures = 1): Promise<MeasureEntity[]> {
    const due = new Date((await env.currentTimeMs()) + days * DAY).toISOString();
    return followPlan(
      aPlanDocument({ planCode: uniqueCode('GS'), due, steps: LADDER, measures }),
      db.dataSource,
      gateway,
    );
  }

  const recorded = async (m: MeasureEntity) =>
    (await events.listForMeasure(m.id)).map((e) => [
      e.kind,
      Math.round((e.occurredAt.getTime() - m.dueAt.getTime()) / DAY),
    ]);

  it('sends the reminders of a 30-day deadline at T-7d and T-1d, then the overdue notice, each recorded once', async () => {
    {
      const [m] = await planDueIn(30);
      await env.sleep(30 * DAY + 60_000);
      expect(await recorded(m)).toEqual([
        ['reminder', -7],
        ['reminder', -1],
        ['overdue_notice', 0],
      ]);
      const state = await gateway.state(m.workflowId);
      expect(state).toMatchObject({
        status: 'assigned',
        overdueLevel: 1,
        nextStep: { kind: 'supervision_notice' },
      });
      expect(state?.firedSteps.map((s) => s.key)).toEqual([
        'reminder@-P7D',
        'reminder@-P1D',
        'overdue_notice@PT0S',
      ]);
    }
  });

  it('stops the ladder when the measure is completed, and records the completion with its note', async () => {
    {
      const [m] = await planDueIn(30);
      await env.sleep(24 * DAY);
      const after = await gateway.complete(m.workflowId, {
        actor: 'GS-HOUSING',
        note: '26,500 households renovated',
      });
      expect(after.status).toBe('completed');
      await env.sleep(40 * DAY);
      expect(await recorded(m)).toEqual([
        ['reminder', -7],
        ['completed', -6],
      ]);
      const stored = await events.listForMeasure(m.id);
      expect(stored[1]).toMatchObject({
        actor: 'GS-HOUSING',
        detail: { note: '26,500 households renovated' },
      });
      const row = await db.dataSource.getRepository(MeasureEntity).findOneByOrFail({ id: m.id });
      expect([row.status, row.completedAt?.toISOString()]).toEqual([
        'completed',
        stored[1].occurredAt.toISOString(),
      ]);
      expect(await env.client.workflow.getHandle(m.workflowId).result()).toMatchObject({
        status: 'completed',
      });
    }
  });

  it('refuses a second completion and a completion without a note, naming why', async () => {
    {
      const [m, other] = await planDueIn(10, 2);
      await expect(gateway.complete(other.workflowId, { actor: 'x', note: '  ' })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [{ path: 'note', message: 'say what was done' }],
      });
      await gateway.complete(m.workflowId, { actor: 'x', note: 'done' });
      const second = gateway.complete(m.workflowId, { actor: 'x', note: 'again' });
      await expect(second).rejects.toBeInstanceOf(DomainError);
      await expect(second).rejects.toMatchObject({ code: 'COMMAND_REFUSED' });
      expect((await recorded(m)).filter(([k]) => k === 'completed')).toHaveLength(1);
    }
  });

  it('starts a measure imported after its deadline at the level it has reached, without stale reminders', async () => {
    {
      const [m] = await planDueIn(-4);
      await env.sleep(60_000);
      expect(await recorded(m)).toEqual([['supervision_notice', 3]]);
      const [event] = await events.listForMeasure(m.id);
      expect(event.detail).toMatchObject({
        catchUp: true,
        skipped: ['reminder@-P7D', 'reminder@-P1D', 'overdue_notice@PT0S'],
      });
      expect((await gateway.state(m.workflowId))?.overdueLevel).toBe(2);
    }
  });

  it('does not start a second workflow or write twice when the same plan is followed again', async () => {
    {
      const due = new Date((await env.currentTimeMs()) + 2 * DAY).toISOString();
      const doc = aPlanDocument({ planCode: uniqueCode('GS'), due, steps: LADDER });
      const [m] = await followPlan(doc, db.dataSource, gateway);
      await env.sleep(1.2 * DAY);
      expect(await gateway.startForMeasures(doc.plan.code, [m])).toEqual({ running: 1, closed: 0 });
      await gateway.complete(m.workflowId, { actor: 'x', note: 'done' });
      await env.client.workflow.getHandle(m.workflowId).result();
      expect(await gateway.startForMeasures(doc.plan.code, [m])).toEqual({ running: 0, closed: 1 });
      expect(await recorded(m)).toEqual([
        ['reminder', -1],
        ['completed', -1],
      ]);
    }
  });

  it('records every step exactly once when another worker takes over mid-ladder', async () => {
    // Workers without a cache: each workflow task replays the history, as after a crash.
    const queue = uniqueCode('takeover');
    const takeoverGateway = new MeasureWorkflowGateway(env.client, queue);
    const spawn = () =>
      testMeasureWorker({
        connection: env.nativeConnection,
        namespace: 'default',
        taskQueue: queue,
        dataSource: db.dataSource,
        maxCachedWorkflows: 0,
      });
    const due = new Date((await env.currentTimeMs()) + 10 * DAY).toISOString();
    const doc = aPlanDocument({ planCode: uniqueCode('GS'), due, steps: LADDER });
    let m!: MeasureEntity;
    await (
      await spawn()
    ).runUntil(async () => {
      [m] = await followPlan(doc, db.dataSource, takeoverGateway);
      await env.sleep(3.5 * DAY);
    });
    expect(await recorded(m)).toEqual([['reminder', -7]]);
    await (
      await spawn()
    ).runUntil(async () => {
      await env.sleep(14 * DAY);
      await eventually(async () => expect(await recorded(m)).toHaveLength(4));
    });
    expect(await recorded(m)).toEqual([
      ['reminder', -7],
      ['reminder', -1],
      ['overdue_notice', 0],
      ['supervision_notice', 3],
    ]);
  });

  it('reports an unknown workflow as refused, not as an outage', async () => {
    await expect(gateway.complete('measure:none:none', { actor: 'x', note: 'y' })).rejects.toMatchObject({
      code: 'COMMAND_REFUSED',
    });
    expect(await gateway.state('measure:none:none')).toBeNull();
  });
});
