// The real worker app as its own process, for tests that kill it: built once per test file into
// an ignored folder of the repo, started with the test's database, task queue and environment,
// and watched through the server (its poller identity) and its exit. Also the server-side steps
// that let a dead worker's work resume within seconds instead of minutes.
import type { Client } from '@temporalio/client';
import { msToTs, tsToMs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { compiledApps, CompiledApps } from './compiled-apps';
import { eventually } from './eventually';
import { devServerAddress, workflowBundlePath } from './temporal-test-env';
import type { TestDatabase } from './test-database';

const REPO = path.resolve(__dirname, '../..');
const { PendingActivityState, TaskQueueType, WorkflowExecutionStatus } = temporal.api.enums.v1;

export interface ProcessEnd {
  readonly exitCode: number | null;
  readonly signal: string | null;
}

export class WorkerProcesses {
  private readonly started: ChildProcess[] = [];
  // Every worker's output, tagged, for failure messages: a worker that cannot start says why.
  private output = '';

  private constructor(
    private readonly apps: CompiledApps,
    private readonly client: Client,
    private readonly namespace: string,
    private readonly taskQueue: string,
    private readonly db: TestDatabase,
  ) {}

  // The apps as `npm run build` compiles them, shared with the run's other tests.
  static build(o: {
    client: Client;
    namespace: string;
    taskQueue: string;
    db: TestDatabase;
  }): WorkerProcesses {
    const apps = compiledApps();
    return new WorkerProcesses(apps, o.client, o.namespace, o.taskQueue, o.db);
  }

  // Starts `node apps/worker/src/main.js` with this test's server, queue and database; `env`
  // adds to (or, with undefined, removes from) the test process's environment.
  start(label: string, env: Record<string, string | undefined> = {}): ChildProcess {
    const all: Record<string, string | undefined> = {
      ...process.env,
      TEMPORAL_ADDRESS: devServerAddress(),
      TEMPORAL_NAMESPACE: this.namespace,
      TEMPORAL_TASK_QUEUE: this.taskQueue,
      RECTIFY_WORKFLOW_BUNDLE: workflowBundlePath(),
      ...(this.db.config.kind === 'postgres'
        ? { DATABASE_URL: this.db.config.url }
        : { DATABASE_URL: undefined, RECTIFY_SQLITE_PATH: this.db.config.file }),
      ...env,
    };
    for (const k of Object.keys(all)) if (all[k] === undefined) delete all[k];
    const child = spawn(process.execPath, [path.join(this.apps.dir, 'apps/worker/src/main.js')], {
      cwd: REPO,
      env: all,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const tag = `[worker ${this.started.length + 1}, ${label}] `;
    const keep = (d: Buffer) => (this.output += d.toString().replace(/^(?=.)/gm, tag));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.started.push(child);
    return child;
  }

  // Rethrows a failed expectation with what the workers printed.
  readonly withOutput = (e: unknown): never => {
    throw new Error(`${(e as Error).message}\nworker output:\n${this.output}`);
  };

  // Polling, as the server sees it: this process's identity among the task queue's pollers.
  async polling(worker: ChildProcess): Promise<void> {
    await eventually(
      async () => {
        expect(ended(worker)).toEqual({ exitCode: null, signal: null });
        for (const taskQueueType of [
          TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
          TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY,
        ]) {
          const { pollers } = await this.client.workflowService.describeTaskQueue({
            namespace: this.namespace,
            taskQueue: { name: this.taskQueue },
            taskQueueType,
          });
          expect((pollers ?? []).map((p) => p.identity?.split('@')[0])).toContain(String(worker.pid));
        }
      },
      { timeoutMs: 120_000 },
    ).catch(this.withOutput);
  }

  async exited(worker: ChildProcess): Promise<ProcessEnd> {
    await eventually(
      async () => {
        if (worker.exitCode === null && worker.signalCode === null)
          throw new Error(`worker process ${worker.pid} is still running`);
      },
      { timeoutMs: 120_000 },
    ).catch(this.withOutput);
    return ended(worker);
  }

  // Kills what is still running and removes the build.
  stop(): void {
    for (const w of this.started) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
    this.apps.release();
  }
}

export function ended(worker: ChildProcess): ProcessEnd {
  return { exitCode: worker.exitCode, signal: worker.signalCode };
}

// A killed worker tells the server nothing. The server gives up on an orphaned activity attempt
// after its start-to-close timeout (minutes), and sends a workflow's next task to the dead
// worker's sticky queue until that times out (10 s). This shortens both through the server's own
// APIs, for the given workflows: each started attempt's timeout (its retries keep the shorter
// one, ample for one activity here) and the sticky queue, released as a worker that shuts down
// releases it. Only the timing changes: retries run on the next worker as in production, and
// that worker replays each history from the start either way. Answers the attempts it shortened.
export async function releaseDeadWorker(
  client: Client,
  namespace: string,
  workflowIds: readonly string[],
  startToCloseMs: number,
): Promise<{ workflowId: string; activityId: string; activityType: string; lastStartedMs: number }[]> {
  const shortened = [];
  for (const workflowId of workflowIds) {
    const { raw } = await client.workflow.getHandle(workflowId).describe();
    for (const a of raw.pendingActivities ?? []) {
      if (a.state !== PendingActivityState.PENDING_ACTIVITY_STATE_STARTED) continue;
      await client.workflowService.updateActivityOptions({
        namespace,
        execution: { workflowId },
        id: a.activityId,
        activityOptions: { startToCloseTimeout: msToTs(startToCloseMs) },
        updateMask: { paths: ['start_to_close_timeout'] },
      });
      shortened.push({
        workflowId,
        activityId: a.activityId!,
        activityType: a.activityType?.name ?? '?',
        lastStartedMs: tsToMs(a.lastStartedTime),
      });
    }
    if (raw.workflowExecutionInfo?.status === WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING)
      await client.workflowService.resetStickyTaskQueue({ namespace, execution: { workflowId } });
  }
  return shortened;
}
