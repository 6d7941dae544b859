import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { ChildProcess } from 'node:child_process';
import { MeasureEventEntity } from '../../libs/persistence/src/entities/measure-event.entity';
import { MeasureEntity } from '../../libs/persistence/src/entities/measure.entity';
import { NotificationRequestEntity } from '../../libs/persistence/src/entities/notification-request.entity';
import { MeasureWorkflowGateway } from '../../libs/temporal/src/measure-workflow.gateway';
import { eventually } from '../support/eventually';
import { followPlan } from '../support/follow-plan';
import { aPlanDocument } from '../support/plan-fixtures';
import { devServerAddress } from '../support/temporal-test-env';
import { createTestDatabase, TestDatabase, testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';
import { ended, releaseDeadWorker, WorkerProcesses } from '../support/worker-process';
import { firstLookAt, localActivityMarkers } from '../support/workflow-history';

const NAMESPACE = 'default';
const { PendingWorkflowTaskState } = temporal.api.enums.v1;

// The policy, in seconds from the deadline. The first worker dies right after the overdue
// notice's transaction commits, the second right after the supervision notice's; the third has
// no fault and finishes the ladder. The deadline is chosen LEAD_MS after the first worker polls.
const LADDER = [
  { kind: 'reminder', offset: '-PT3S', fromDueMs: -3_000, level: 0 },
  { kind: 'overdue_notice', offset: 'PT0S', fromDueMs: 0, level: 1 },
  { kind: 'supervision_notice', offset: 'PT2S', fromDueMs: 2_000, level: 2 },
  { kind: 'formal_talk', offset: 'PT4S', fromDueMs: 4_000, level: 3 },
];
const LEAD_MS = 6_000;
const KILLED = ['overdue_notice', 'supervision_notice'];
// A step is recorded by a local activity in the workflow task whose timer fired: the dead
// worker's workflow task times out (the server's default, 10 s) and the next worker replays and
// runs the record again. Its sticky queue is released so that retry goes to the next worker at once
// (see releaseDeadWorker; no activity is pending to shorten).
const ORPHAN_START_TO_CLOSE_MS = 5_000;

interface ExpectedStep {
  readonly kind: string;
  readonly level: number;
  readonly occurredAt: string;
  readonly catchUp: boolean;
}

// What the ladder must record, given the workflow's clock in its first workflow task: each step
// due after that once, at its own fire time; of those already due then, only the latest notice,
// as a catch-up. Crashes come later and change nothing here: a recovering worker replays the
// history and fires the steps that fell due meanwhile as scheduled, not as catch-ups.
function expectedLadder(dueAt: string, firstLookMs: number): ExpectedStep[] {
  const steps = LADDER.map((s) => ({ ...s, fireAtMs: Date.parse(dueAt) + s.fromDueMs }));
  const past = steps.filter((s) => s.fireAtMs <= firstLookMs);
  const caughtUp = past.filter((s) => s.kind !== 'reminder').slice(-1);
  const step = (s: (typeof steps)[number], catchUp: boolean): ExpectedStep => ({
    kind: s.kind,
    level: s.level,
    occurredAt: new Date(s.fireAtMs).toISOString(),
    catchUp,
  });
  return [
    ...caughtUp.map((s) => step(s, true)),
    ...steps.filter((s) => s.fireAtMs > firstLookMs).map((s) => step(s, false)),
  ];
}

// Each record the run made, in order, by its local activity's marker: the step it recorded and
// what the record answered. A record is one local activity and one transaction: its row (the
// `seq` is its place in the run), and the light change its step moved (亮灯, written in the same
// transaction, so with the same recording time); so the n-th marker is the n-th record. A record
// whose workflow task died has no marker yet.
interface RecordActivity {
  readonly kind: string;
  readonly attempt: number;
  readonly recorded: boolean | null;
}

async function recordActivities(
  client: Client,
  workflowId: string,
  records: MeasureEventEntity[],
): Promise<RecordActivity[]> {
  const markers = await localActivityMarkers<{ recorded: boolean }>(client, workflowId, 'recordMeasureEvent');
  const bySeq = [...records]
    .sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0))
    .filter(
      (e, i, all) =>
        !(e.kind === 'light_changed' && e.recordedAt.getTime() === all[i - 1]?.recordedAt.getTime()),
    );
  return (
    markers
      .map((m, i) => ({
        kind: bySeq[i]?.kind ?? '?',
        attempt: m.attempt,
        recorded: m.result?.recorded ?? null,
      }))
      // The ladder's records (a light change, 亮灯, told by its step, has its own tests).
      .filter((a) => a.kind !== 'light_changed')
  );
}

// The real worker app, built and started as its own process. Its fault hook makes it SIGKILL
// itself after a ladder step's transaction commits and before the local activity reports: the
// next worker replays the run and records the step again, finds the row (recorded:false), and
// every step is still recorded exactly once.
describe(`a worker process killed between a step's commit and its completion (${testEngine()})`, () => {
  let db: TestDatabase;
  let client: Client;
  let workers: WorkerProcesses;
  const taskQueue = uniqueCode('crash');

  beforeAll(async () => {
    db = await createTestDatabase();
    client = new Client({ connection: await Connection.connect({ address: devServerAddress() }) });
    workers = WorkerProcesses.build({ client, namespace: NAMESPACE, taskQueue, db });
  });
  afterAll(async () => {
    workers?.stop();
    await client?.connection.close();
    await db?.close();
  });

  const startWorker = (killAfterCommit: string | null) =>
    workers.start(`fault ${killAfterCommit ?? 'none'}`, {
      RECTIFY_FAULT_KILL_AFTER_COMMIT: killAfterCommit ?? undefined,
    });

  const allRows = () =>
    db.dataSource.getRepository(MeasureEventEntity).find({ order: { occurredAt: 'ASC', recordedAt: 'ASC' } });
  const rows = async () => (await allRows()).filter((e) => e.kind !== 'light_changed');
  const notifications = () => db.dataSource.getRepository(NotificationRequestEntity).find();
  const view = (e: MeasureEventEntity): ExpectedStep => ({
    kind: e.kind,
    level: e.level,
    occurredAt: e.occurredAt.toISOString(),
    catchUp: e.detail.catchUp === true,
  });

  // The worker died by its own SIGKILL with the step's row and notification committed, inside the
  // workflow task that fired it: that task never completed, so the history has no marker for the
  // step and the server still waits on the workflow task, with no activity pending.
  async function expectKilledAfterCommit(
    worker: ChildProcess,
    workflowId: string,
    kind: string,
    expected: ExpectedStep[],
  ): Promise<void> {
    expect(await workers.exited(worker)).toEqual({ exitCode: null, signal: 'SIGKILL' });
    const upTo = expected.slice(0, expected.findIndex((s) => s.kind === kind) + 1);
    expect((await rows()).map(view)).toEqual(upTo);
    expect((await notifications()).length).toBe(upTo.length);
    // Only records of workflow tasks that completed have markers: a prefix of the steps, without
    // the killed one (nor, at the second kill, the first: that worker recorded it again in the
    // same workflow task it died in).
    const marked = (await recordActivities(client, workflowId, await allRows())).map((r) => r.kind);
    expect(marked).toEqual(upTo.slice(0, marked.length).map((s) => s.kind));
    expect(marked).not.toContain(kind);
    const { raw } = await client.workflow.getHandle(workflowId).describe();
    expect(raw.pendingActivities ?? []).toEqual([]);
    expect([
      PendingWorkflowTaskState.PENDING_WORKFLOW_TASK_STATE_STARTED,
      PendingWorkflowTaskState.PENDING_WORKFLOW_TASK_STATE_SCHEDULED,
    ]).toContain(raw.pendingWorkflowTask?.state);
  }

  const recoverSooner = (workflowId: string) =>
    releaseDeadWorker(client, NAMESPACE, [workflowId], ORPHAN_START_TO_CLOSE_MS);

  it('records each step and its notification exactly once across two kills after commit', async () => {
    const gateway = new MeasureWorkflowGateway(client, taskQueue, { searchAttributes: true });
    const first = startWorker(KILLED[0]);
    // The measure starts only once a worker polls, so its first look comes right after the start.
    await workers.polling(first);

    // The local clock only picks a deadline near enough to watch; the expectations come from the
    // deadline, the policy and the server's history.
    const due = new Date(Date.now() + LEAD_MS).toISOString();
    const steps = LADDER.map(({ kind, offset }) => ({ kind, offset }));
    const [m] = await followPlan(
      aPlanDocument({ planCode: uniqueCode('GS'), due, steps, measures: 1 }),
      db.dataSource,
      gateway,
    );
    const expected = expectedLadder(due, await eventually(() => firstLookAt(client, m.workflowId)));
    // A machine so slow that the measure started after the supervision notice's time would skip
    // the first fault's step; say so rather than wait for a crash that cannot come.
    expect(expected.map((s) => s.kind)).toEqual(expect.arrayContaining(KILLED));

    await expectKilledAfterCommit(first, m.workflowId, KILLED[0], expected);
    await recoverSooner(m.workflowId);

    const second = startWorker(KILLED[1]);
    await expectKilledAfterCommit(second, m.workflowId, KILLED[1], expected);
    await recoverSooner(m.workflowId);

    const third = startWorker(null);
    const final = await eventually(
      async () => {
        const state = await gateway.state(m.workflowId);
        expect(state?.firedSteps).toHaveLength(expected.length);
        expect(state?.nextStep).toBeNull();
        return state!;
      },
      { timeoutMs: 120_000 },
    ).catch(workers.withOutput);

    // Each step once, at its scheduled time (deadline + offset), with one notification of its own.
    const recorded = await rows();
    expect(recorded.map(view)).toEqual(expected);
    const byEvent = new Map(recorded.map((e) => [e.id, e]));
    const sent = await notifications();
    // Below 督办 (level 2) the lead unit is told, from it on the lead leader.
    expect(
      sent
        .map((n) => [
          byEvent.get(n.eventId ?? '')?.kind,
          n.addressee,
          n.subject,
          n.createdAt.toISOString(),
          n.status,
        ])
        .sort(),
    ).toEqual(
      expected
        .map((s) => [
          s.kind,
          s.level >= 2 ? '分管副省长' : 'GS-HOUSING',
          `${s.kind} (final due ${due})`,
          s.occurredAt,
          'pending',
        ])
        .sort(),
    );
    expect(new Set(sent.map((n) => n.eventId)).size).toBe(recorded.length);

    // The killed steps were recorded again by the worker that replayed the run after the dead
    // one's workflow task timed out, and found the committed row; the others were new rows. Each
    // marker is a first attempt: a dead worker's attempt left nothing in the history.
    expect(await recordActivities(client, m.workflowId, await allRows())).toEqual(
      expected.map(({ kind }) => ({ kind, attempt: 1, recorded: !KILLED.includes(kind) })),
    );

    // The workflow's own account agrees, and the read model shows the last level reached.
    expect(
      final.firedSteps.map(({ kind, level, fireAt, catchUp }) => ({
        kind,
        level,
        occurredAt: fireAt,
        catchUp,
      })),
    ).toEqual(expected);
    const row = await db.dataSource.getRepository(MeasureEntity).findOneByOrFail({ id: m.id });
    expect(row.overdueLevel).toBe(expected.at(-1)!.level);

    expect(ended(third)).toEqual({ exitCode: null, signal: null });
    // Nest closes the app on SIGTERM (the worker drains), then lets the signal end the process.
    third.kill('SIGTERM');
    expect(await workers.exited(third)).toEqual({ exitCode: null, signal: 'SIGTERM' });
  });
});
