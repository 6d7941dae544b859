import { Client, Connection } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { msToTs, tsToMs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MeasureEventEntity } from '../../libs/persistence/src/entities/measure-event.entity';
import { MeasureEntity } from '../../libs/persistence/src/entities/measure.entity';
import { NotificationRequestEntity } from '../../libs/persistence/src/entities/notification-request.entity';
import { MeasureWorkflowGateway } from '../../libs/temporal/src/measure-workflow.gateway';
import { eventually } from '../support/eventually';
import { followPlan } from '../support/follow-plan';
import { aPlanDocument } from '../support/plan-fixtures';
import { devServerAddress, workflowBundlePath } from '../support/temporal-test-env';
import { createTestDatabase, TestDatabase, testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

const REPO = path.resolve(__dirname, '../..');
const NAMESPACE = 'default';
const { EventType, PendingActivityState, TaskQueueType, TimeoutType } = temporal.api.enums.v1;

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
// A killed worker tells the server nothing. The server gives up on the orphaned attempt after its
// start-to-close timeout (a minute for ladder records), and sends the next workflow task to the
// dead worker's sticky queue until that times out (10 s). The test shortens both through the
// server's own APIs, so recovery takes seconds: the orphaned activity's timeout (its retry keeps
// the shorter one, ample for one transaction), and the sticky queue, released as a worker that
// shuts down releases it. Only the timing changes: the retry runs on the next worker as in
// production, and that worker replays the history from the start either way.
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

// Each recordMeasureEvent activity in the history: the step it recorded, its activity id, and,
// once completed, whether the completing attempt was a retry, what failed the attempt before it
// and what the activity answered.
interface RecordActivity {
  readonly activityId: string;
  readonly kind: string;
  readonly retried: boolean | null;
  readonly previousAttempt: string | null;
  readonly recorded: boolean | null;
}

async function recordActivities(client: Client, workflowId: string): Promise<RecordActivity[]> {
  const { events } = await client.workflow.getHandle(workflowId).fetchHistory();
  const byScheduled = new Map<string, { activityId: string; kind: string }>();
  const started = new Map<string, { attempt: number; lastFailure: string | null }>();
  const completed = new Map<string, boolean>();
  for (const e of events ?? []) {
    const id = String(e.eventId);
    if (e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
      const a = e.activityTaskScheduledEventAttributes!;
      if (a.activityType?.name !== 'recordMeasureEvent') continue;
      const input = defaultPayloadConverter.fromPayload<{ kind: string }>(a.input!.payloads![0]);
      byScheduled.set(id, { activityId: a.activityId!, kind: input.kind });
    } else if (e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED) {
      const a = e.activityTaskStartedEventAttributes!;
      const timeout = a.lastFailure?.timeoutFailureInfo?.timeoutType;
      started.set(String(a.scheduledEventId), {
        attempt: a.attempt ?? 0,
        lastFailure: a.lastFailure ? (timeout ? TimeoutType[timeout] : (a.lastFailure.message ?? '?')) : null,
      });
    } else if (e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED) {
      const a = e.activityTaskCompletedEventAttributes!;
      const result = defaultPayloadConverter.fromPayload<{ recorded: boolean }>(a.result!.payloads![0]);
      completed.set(String(a.scheduledEventId), result.recorded);
    }
  }
  return [...byScheduled].map(([scheduledId, s]) => {
    const attempt = started.get(scheduledId);
    return {
      ...s,
      retried: attempt ? attempt.attempt > 1 : null,
      previousAttempt: attempt?.lastFailure ?? null,
      recorded: completed.get(scheduledId) ?? null,
    };
  });
}

// The workflow's clock in its first workflow task (what Date.now() reads there), from the
// server's history: the started time of the first workflow task that completed.
async function firstLookAt(client: Client, workflowId: string): Promise<number> {
  const { events } = await client.workflow.getHandle(workflowId).fetchHistory();
  const all = events ?? [];
  const completed = all.findIndex((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
  const started = all
    .slice(0, completed)
    .filter((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED);
  if (completed < 0 || !started.length) throw new Error(`${workflowId} has not completed a workflow task`);
  return tsToMs(started[started.length - 1].eventTime);
}

// The real worker app, built and started as its own process. Its fault hook makes it SIGKILL
// itself after a ladder step's transaction commits and before the activity reports: the retry on
// the next worker finds the row (recorded:false), and every step is still recorded exactly once.
describe(`a worker process killed between a step's commit and its completion (${testEngine()})`, () => {
  let out: string;
  let db: TestDatabase;
  let client: Client;
  const taskQueue = uniqueCode('crash');
  const workers: ChildProcess[] = [];
  let workerOutput = '';

  beforeAll(async () => {
    // Inside the repo (an ignored folder), so the built files resolve node_modules.
    fs.mkdirSync(path.join(REPO, '.tools'), { recursive: true });
    out = fs.mkdtempSync(path.join(REPO, '.tools', 'test-build-'));
    execFileSync(path.join(REPO, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json', '--outDir', out], {
      cwd: REPO,
      stdio: 'inherit',
    });
    db = await createTestDatabase();
    client = new Client({ connection: await Connection.connect({ address: devServerAddress() }) });
  });
  afterAll(async () => {
    for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
    await client?.connection.close();
    await db?.close();
    if (out) fs.rmSync(out, { recursive: true, force: true });
  });

  function startWorker(killAfterCommit: string | null): ChildProcess {
    const env: Record<string, string | undefined> = {
      ...process.env,
      TEMPORAL_ADDRESS: devServerAddress(),
      TEMPORAL_TASK_QUEUE: taskQueue,
      RECTIFY_WORKFLOW_BUNDLE: workflowBundlePath(),
      RECTIFY_FAULT_KILL_AFTER_COMMIT: killAfterCommit ?? undefined,
      ...(db.config.kind === 'postgres'
        ? { DATABASE_URL: db.config.url }
        : { DATABASE_URL: undefined, RECTIFY_SQLITE_PATH: db.config.file }),
    };
    for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
    const child = spawn(process.execPath, [path.join(out, 'apps/worker/src/main.js')], {
      cwd: REPO,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Kept for failure messages: a worker that cannot start says why.
    const tag = `[worker ${workers.length + 1}, fault ${killAfterCommit ?? 'none'}] `;
    const keep = (d: Buffer) => (workerOutput += d.toString().replace(/^(?=.)/gm, tag));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    workers.push(child);
    return child;
  }

  const withOutput = (e: unknown): never => {
    throw new Error(`${(e as Error).message}\nworker output:\n${workerOutput}`);
  };

  // Polling, as the server sees it: this process's identity among the task queue's pollers.
  async function polling(worker: ChildProcess): Promise<void> {
    await eventually(
      async () => {
        expect({ exitCode: worker.exitCode, signal: worker.signalCode }).toEqual({
          exitCode: null,
          signal: null,
        });
        for (const taskQueueType of [
          TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
          TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY,
        ]) {
          const { pollers } = await client.workflowService.describeTaskQueue({
            namespace: NAMESPACE,
            taskQueue: { name: taskQueue },
            taskQueueType,
          });
          expect((pollers ?? []).map((p) => p.identity?.split('@')[0])).toContain(String(worker.pid));
        }
      },
      { timeoutMs: 120_000 },
    ).catch(withOutput);
  }

  async function exited(worker: ChildProcess): Promise<{ exitCode: number | null; signal: string | null }> {
    await eventually(
      async () => {
        if (worker.exitCode === null && worker.signalCode === null)
          throw new Error(`worker process ${worker.pid} is still running`);
      },
      { timeoutMs: 120_000 },
    ).catch(withOutput);
    return { exitCode: worker.exitCode, signal: worker.signalCode };
  }

  const rows = () =>
    db.dataSource.getRepository(MeasureEventEntity).find({ order: { occurredAt: 'ASC', recordedAt: 'ASC' } });
  const notifications = () => db.dataSource.getRepository(NotificationRequestEntity).find();
  const view = (e: MeasureEventEntity): ExpectedStep => ({
    kind: e.kind,
    level: e.level,
    occurredAt: e.occurredAt.toISOString(),
    catchUp: e.detail.catchUp === true,
  });

  // The worker died by its own SIGKILL with the step's row and notification committed, while the
  // server still waits for the activity's first attempt: the completion, and only it, was lost.
  async function expectKilledAfterCommit(
    worker: ChildProcess,
    workflowId: string,
    kind: string,
    expected: ExpectedStep[],
  ): Promise<string> {
    expect(await exited(worker)).toEqual({ exitCode: null, signal: 'SIGKILL' });
    const upTo = expected.slice(0, expected.findIndex((s) => s.kind === kind) + 1);
    expect((await rows()).map(view)).toEqual(upTo);
    expect((await notifications()).length).toBe(upTo.length);
    const recording = (await recordActivities(client, workflowId)).find((a) => a.kind === kind);
    expect(recording).toMatchObject({ retried: null, recorded: null });
    const { raw } = await client.workflow.getHandle(workflowId).describe();
    const pending = (raw.pendingActivities ?? []).map((a) => ({
      activityId: a.activityId,
      state: a.state,
      attempt: a.attempt,
    }));
    expect(pending).toEqual([
      {
        activityId: recording!.activityId,
        state: PendingActivityState.PENDING_ACTIVITY_STATE_STARTED,
        attempt: 1,
      },
    ]);
    return recording!.activityId;
  }

  async function recoverSooner(workflowId: string, orphanedActivityId: string): Promise<void> {
    await client.workflowService.updateActivityOptions({
      namespace: NAMESPACE,
      execution: { workflowId },
      id: orphanedActivityId,
      activityOptions: { startToCloseTimeout: msToTs(ORPHAN_START_TO_CLOSE_MS) },
      updateMask: { paths: ['start_to_close_timeout'] },
    });
    await client.workflowService.resetStickyTaskQueue({ namespace: NAMESPACE, execution: { workflowId } });
  }

  it('records each step and its notification exactly once across two kills after commit', async () => {
    const gateway = new MeasureWorkflowGateway(client, taskQueue, { searchAttributes: true });
    const first = startWorker(KILLED[0]);
    // The measure starts only once a worker polls, so its first look comes right after the start.
    await polling(first);

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

    const firstOrphan = await expectKilledAfterCommit(first, m.workflowId, KILLED[0], expected);
    await recoverSooner(m.workflowId, firstOrphan);

    const second = startWorker(KILLED[1]);
    const secondOrphan = await expectKilledAfterCommit(second, m.workflowId, KILLED[1], expected);
    await recoverSooner(m.workflowId, secondOrphan);

    const third = startWorker(null);
    const final = await eventually(
      async () => {
        const state = await gateway.state(m.workflowId);
        expect(state?.firedSteps).toHaveLength(expected.length);
        expect(state?.nextStep).toBeNull();
        return state!;
      },
      { timeoutMs: 120_000 },
    ).catch(withOutput);

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

    // The killed steps completed on a retry after the orphaned attempt timed out, and the retry
    // found the committed row; the others were recorded by their first attempt.
    expect(
      (await recordActivities(client, m.workflowId)).map(({ kind, retried, previousAttempt, recorded }) => ({
        kind,
        retried,
        previousAttempt,
        recorded,
      })),
    ).toEqual(
      expected.map(({ kind }) =>
        KILLED.includes(kind)
          ? { kind, retried: true, previousAttempt: 'TIMEOUT_TYPE_START_TO_CLOSE', recorded: false }
          : { kind, retried: false, previousAttempt: null, recorded: true },
      ),
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

    expect({ exitCode: third.exitCode, signal: third.signalCode }).toEqual({ exitCode: null, signal: null });
    // Nest closes the app on SIGTERM (the worker drains), then lets the signal end the process.
    third.kill('SIGTERM');
    expect(await exited(third)).toEqual({ exitCode: null, signal: 'SIGTERM' });
  });
});
