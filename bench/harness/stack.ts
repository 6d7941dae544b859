// The servers every benchmark runs against, started fresh for the run: a Temporal server (the dev
// server on a SQLite file as `npm start` runs it, or with --server full the full server on
// PostgreSQL, harness/temporal-server.ts), the read model (SQLite, or PostgreSQL with
// DATABASE_URL), the real measure worker, a worker for the bare baseline's workflow, and the real
// API over HTTP.
import { Client } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import type { INestApplication } from '@nestjs/common';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DataSource } from 'typeorm';
import { createApiApp } from '../../apps/api/src/api.factory';
import { newApiToken } from '../../apps/api/src/auth/create-api-token.use-case';
import {
  concurrencyOptions,
  createMeasureWorker,
  WorkerConcurrency,
} from '../../apps/worker/src/measure-worker.factory';
import { parseConfig } from '../../libs/config/src/rectify-config';
import { noticeChannels } from '../../libs/notifications/src/notice-channels';
import { ApiTokenRepository } from '../../libs/persistence/src/repositories/api-token.repository';
import { createDataSource, runMigrations } from '../../libs/persistence/src/data-source';
import { ensureSearchAttributes } from '../../libs/temporal/src/ensure-search-attributes';
import { WORKFLOW_INTERCEPTOR_MODULES } from '../../libs/temporal/src/workflow-source';
import { startTemporalServer, TemporalServerKind } from './temporal-server';

export const BARE_TASK_QUEUE = 'bench-bare';
// The unit whose desk the latency bench loads: in the bench's plans it leads or co-leads 7.5 % of
// the measures.
export const DESK_UNIT = 'U7';

export interface Stack {
  readonly url: string;
  readonly token: string;
  // A unit's own token (责任单位 U7, whose desk the latency bench loads through its scope).
  readonly unitToken: string;
  readonly app: INestApplication;
  // The API's own client: the baseline starts its workflows through the same connection.
  readonly client: Client;
  readonly ds: DataSource;
  // What served Temporal, for the machine line: its version and kind.
  readonly temporal: string;
  // How late settle() may see the workers catch up (the server's statistics' age at most).
  readonly statsLagMs: number;
  // The Temporal server's processes, for the CPU it uses.
  temporalProcessIds(): number[];
  readonly taskQueue: string;
  // The environment the stack's configuration was read from: what a worker or API started as
  // its own process needs to join the same servers and database.
  readonly environment: Readonly<Record<string, string>>;
  // Shuts the measure worker down and starts it again with the same settings, its workflow cache
  // empty: every measure's next task a replay, as after a restart or long after it last ran.
  restartMeasureWorker(): Promise<void>;
  // The measure worker's process: this one, or its own (--worker-process, app-processes.ts).
  measureWorkerPid(): number;
  close(): Promise<void>;
}

// Workflow code bundled as a worker bundles it at its start; `interceptorModules` built in, as
// `npm run build` ships the measure workflows.
export async function bundleWorkflows(
  workflowsPath: string,
  interceptorModules: readonly string[] = [],
): Promise<string> {
  const quiet = () => undefined;
  const { code } = await bundleWorkflowCode({
    workflowsPath,
    workflowInterceptorModules: [...interceptorModules],
    logger: { trace: quiet, debug: quiet, info: quiet, log: quiet, warn: console.warn, error: console.error },
  });
  return code;
}

// `maxCachedWorkflows`: the measure worker's workflow cache (RECTIFY_WORKER_MAX_CACHED_WORKFLOWS's
// default unless --cache is given; BENCHMARKS.md, "The workflow cache").
// `measureWorker: false` leaves the measure queue to workers the caller starts as processes.
// `concurrency`: the polls and task slots of the measure worker and of the baseline's worker alike,
// so that the baseline meets the same worker settings (the SDK's defaults unless given); the cache
// and the workflow threads are the same too.
// `sqliteFile`: a SQLite read model kept after the stack closes (without DATABASE_URL).
export async function startStack(
  repo: string,
  maxCachedWorkflows: number,
  workflowThreads: number,
  server: TemporalServerKind,
  {
    measureWorker = true,
    concurrency = {},
    sqliteFile,
  }: { measureWorker?: boolean; concurrency?: WorkerConcurrency; sqliteFile?: string } = {},
): Promise<Stack> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-bench-'));
  // The Temporal server starts, a process of its own, while this one bundles the workflow code.
  const starting = startTemporalServer(repo, server, dir);
  try {
    const [env, measureCode, bareCode] = await Promise.all([
      starting,
      measureWorker ? bundleWorkflows(require.resolve('../../workflows'), WORKFLOW_INTERCEPTOR_MODULES) : '',
      bundleWorkflows(require.resolve('../bare.workflow')),
    ]);
    // As the worker checks at start: a server without them fails every measure's workflow task.
    await ensureSearchAttributes(env.client.connection, {
      address: env.address,
      namespace: 'default',
      searchAttributes: true,
    });
    const environment: Record<string, string> = {
      TEMPORAL_ADDRESS: env.address,
      PORT: '0',
      RECTIFY_SQLITE_PATH: sqliteFile ?? path.join(dir, 'rectify.sqlite'),
      // The report is the output: no request log lines between its numbers.
      RECTIFY_LOG_LEVEL: 'warn',
      RECTIFY_WORKER_MAX_CACHED_WORKFLOWS: String(maxCachedWorkflows),
      RECTIFY_WORKER_WORKFLOW_THREADS: String(workflowThreads),
      ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
      // To measure the gathering of report requests, and the ledgers kept, at other settings than
      // the default (RECTIFY_REPORT_KEEP=0: every ledger written anew).
      ...(process.env.RECTIFY_REPORT_GATHER
        ? { RECTIFY_REPORT_GATHER: process.env.RECTIFY_REPORT_GATHER }
        : {}),
      ...(process.env.RECTIFY_REPORT_KEEP ? { RECTIFY_REPORT_KEEP: process.env.RECTIFY_REPORT_KEEP } : {}),
      ...(process.env.RECTIFY_WORKER_HEAP_GROWING_PERCENT
        ? { RECTIFY_WORKER_HEAP_GROWING_PERCENT: process.env.RECTIFY_WORKER_HEAP_GROWING_PERCENT }
        : {}),
    };
    const config = parseConfig(environment);
    const ds = await createDataSource(config.database).initialize();
    await runMigrations(ds);
    // An admin token for the API, minted as `rectify create-api-token` does.
    const minted = newApiToken({
      name: 'bench',
      role: 'admin',
      units: [],
      leaderName: null,
      expiresInDays: 1,
      createdBy: 'bench',
      now: new Date(),
    });
    await new ApiTokenRepository(ds).insert(minted.row);
    const unit = newApiToken({
      name: 'bench-unit',
      role: 'unit',
      units: [DESK_UNIT],
      leaderName: null,
      expiresInDays: 1,
      createdBy: 'bench',
      now: new Date(),
    });
    await new ApiTokenRepository(ds).insert(unit.row);
    const connection = await NativeConnection.connect({ address: env.address });
    const startMeasureWorker = () =>
      createMeasureWorker({
        connection,
        namespace: 'default',
        taskQueue: config.temporal.taskQueue,
        dataSource: ds,
        maxCachedWorkflows,
        workflowThreads,
        heapGrowingPercent: config.worker.heapGrowingPercent,
        concurrency,
        workflows: { workflowBundle: { code: measureCode } },
        delivery: { client: env.client, channels: noticeChannels(config.delivery), ...config.delivery },
      });
    let worker = measureWorker ? await startMeasureWorker() : null;
    const bare = await Worker.create({
      connection,
      namespace: 'default',
      taskQueue: BARE_TASK_QUEUE,
      workflowBundle: { code: bareCode },
      // The burst's baseline waits on timers as the measures do: the same cache and threads.
      maxCachedWorkflows,
      workflowThreadPoolSize: workflowThreads,
      ...concurrencyOptions(concurrency),
    });
    const bareRun = bare.run();
    let measureRun = worker?.run();
    const app = await createApiApp(config, { logger: false });
    await app.listen(0, '127.0.0.1');
    const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    return {
      url,
      token: minted.token,
      unitToken: unit.token,
      app,
      client: app.get(Client),
      ds,
      temporal: env.description,
      statsLagMs: env.statsLagMs,
      temporalProcessIds: () => env.processIds(),
      taskQueue: config.temporal.taskQueue,
      environment,
      measureWorkerPid: () => process.pid,
      async restartMeasureWorker() {
        if (!worker) throw new Error('this stack runs no measure worker: its workers are processes');
        worker.shutdown();
        await measureRun;
        worker = await startMeasureWorker();
        measureRun = worker.run();
      },
      async close() {
        await app.close();
        worker?.shutdown();
        bare.shutdown();
        await Promise.all([bareRun, measureRun]);
        await connection.close();
        await ds.destroy();
        await env.teardown();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    // The Temporal server is a process of its own: a stack that failed half-built would leave it
    // running after the bench exits (a full server was found so an hour after such a failure).
    await starting.then((env) => env.teardown()).catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

// POST /plans as the CLI does: answers the import's result or throws with the API's words. It
// accepts the progress stream: a plan of 50,000 measures takes longer to start than fetch waits
// for a response's headers (five minutes); the stream's first line comes once workflows start.
export async function importPlan(
  stack: Stack,
  document: unknown,
): Promise<{ planId: string; measures: number }> {
  const res = await fetch(`${stack.url}/plans`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/x-ndjson, application/json',
      authorization: `Bearer ${stack.token}`,
    },
    body: JSON.stringify(document),
  });
  const text = await res.text();
  if (!(res.headers.get('content-type') ?? '').startsWith('application/x-ndjson')) {
    if (res.status !== 201) throw new Error(`import answered ${res.status}: ${text}`);
    return JSON.parse(text) as { planId: string; measures: number };
  }
  const last = JSON.parse(text.trimEnd().split('\n').at(-1) ?? '{}') as {
    result?: { planId: string; measures: number; outcome: string };
    error?: unknown;
  };
  if (last.result?.outcome !== 'created') throw new Error(`import answered ${JSON.stringify(last)}`);
  return last.result;
}

// Waits until no workflow or activity task waits on the measure and bare queues (twice in a row,
// the counts being approximate): the workers caught up with what was started. Starting is faster
// than the workers' first workflow task for each, so without this a run would pay for the last
// one's backlog, and timers placed ahead would be created after they fell due. Answers ms waited:
// looking every 250 ms, it ends within about half a second of the backlog's end, plus the age of
// the server's statistics (stack.statsLagMs).
export async function settle(stack: Stack, timeoutMs = 600_000): Promise<number> {
  const start = Date.now();
  const backlog = async (name: string, taskQueueType: number) => {
    const r = await stack.client.workflowService.describeTaskQueue({
      namespace: 'default',
      taskQueue: { name },
      taskQueueType,
      reportStats: true,
    });
    return Number(r.stats?.approximateBacklogCount ?? 0);
  };
  let quiet = 0;
  while (quiet < 2) {
    if (Date.now() - start > timeoutMs)
      throw new Error(`the workers did not catch up in ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
    // Task queue types 1 and 2: workflow and activity tasks.
    const counts = await Promise.all(
      [stack.taskQueue, BARE_TASK_QUEUE].flatMap((q) => [backlog(q, 1), backlog(q, 2)]),
    );
    quiet = counts.every((c) => c === 0) ? quiet + 1 : 0;
  }
  return Date.now() - start;
}
