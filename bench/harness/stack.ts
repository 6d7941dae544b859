// The servers every benchmark runs against, started fresh for the run: a Temporal server (the dev
// server on a SQLite file as `npm start` runs it, or with --server full the full server on
// PostgreSQL, harness/temporal-server.ts), the read model (SQLite, or PostgreSQL with
// DATABASE_URL), the real measure worker, a worker for the bare baseline's workflow, and the real
// API over HTTP.
import { Client } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { INestApplication } from '@nestjs/common';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DataSource } from 'typeorm';
import { createApiApp } from '../../apps/api/src/api.factory';
import { newApiToken } from '../../apps/api/src/auth/create-api-token.use-case';
import { createMeasureWorker } from '../../apps/worker/src/measure-worker.factory';
import { parseConfig } from '../../libs/config/src/rectify-config';
import { noticeChannels } from '../../libs/notifications/src/notice-channels';
import { ApiTokenRepository } from '../../libs/persistence/src/repositories/api-token.repository';
import { createDataSource, runMigrations } from '../../libs/persistence/src/data-source';
import { ensureSearchAttributes } from '../../libs/temporal/src/ensure-search-attributes';
import { startTemporalServer, TemporalServerKind } from './temporal-server';

export const BARE_TASK_QUEUE = 'bench-bare';

export interface Stack {
  readonly url: string;
  readonly token: string;
  readonly app: INestApplication;
  // The API's own client: the baseline starts its workflows through the same connection.
  readonly client: Client;
  readonly ds: DataSource;
  // What served Temporal, for the machine line: its version and kind.
  readonly temporal: string;
  readonly taskQueue: string;
  // The environment the stack's configuration was read from: what a worker or API started as
  // its own process needs to join the same servers and database.
  readonly environment: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

// `maxCachedWorkflows`: the measure worker's workflow cache. The SDK's default (about 2,300 with a
// 4 GiB heap) ran its workflow thread out of memory at about 2,100 open measures; see BENCHMARKS.md.
// `measureWorker: false` leaves the measure queue to workers the caller starts as processes.
// `sqliteFile`: a SQLite read model kept after the stack closes (without DATABASE_URL).
export async function startStack(
  repo: string,
  maxCachedWorkflows: number,
  workflowThreads: number,
  server: TemporalServerKind,
  { measureWorker = true, sqliteFile }: { measureWorker?: boolean; sqliteFile?: string } = {},
): Promise<Stack> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-bench-'));
  const env = await startTemporalServer(repo, server, dir);
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
  const connection = await NativeConnection.connect({ address: env.address });
  const worker = measureWorker
    ? await createMeasureWorker({
        connection,
        namespace: 'default',
        taskQueue: config.temporal.taskQueue,
        dataSource: ds,
        maxCachedWorkflows,
        workflowThreads,
        workflows: { workflowsPath: require.resolve('../../workflows') },
        delivery: { client: env.client, channels: noticeChannels(config.delivery), ...config.delivery },
      })
    : null;
  const bare = await Worker.create({
    connection,
    namespace: 'default',
    taskQueue: BARE_TASK_QUEUE,
    workflowsPath: require.resolve('../bare.workflow'),
  });
  const running = [bare.run(), ...(worker ? [worker.run()] : [])];
  const app = await createApiApp(config, { logger: false });
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    url,
    token: minted.token,
    app,
    client: app.get(Client),
    ds,
    temporal: env.description,
    taskQueue: config.temporal.taskQueue,
    environment,
    async close() {
      await app.close();
      worker?.shutdown();
      bare.shutdown();
      await Promise.all(running);
      await connection.close();
      await ds.destroy();
      await env.teardown();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

// POST /plans as a client would; answers the import's result or throws with the API's words.
export async function importPlan(
  stack: Stack,
  document: unknown,
): Promise<{ planId: string; measures: number }> {
  const res = await fetch(`${stack.url}/plans`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.token}` },
    body: JSON.stringify(document),
  });
  if (res.status !== 201) throw new Error(`import answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as { planId: string; measures: number };
}

// Waits until no workflow or activity task waits on the measure and bare queues (twice in a row,
// the counts being approximate): the workers caught up with what was started. Starting is faster
// than the workers' first workflow task for each, so without this a run would pay for the last
// one's backlog, and timers placed ahead would be created after they fell due. Answers ms waited.
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
    await new Promise((r) => setTimeout(r, 500));
    // Task queue types 1 and 2: workflow and activity tasks.
    const counts = await Promise.all(
      [stack.taskQueue, BARE_TASK_QUEUE].flatMap((q) => [backlog(q, 1), backlog(q, 2)]),
    );
    quiet = counts.every((c) => c === 0) ? quiet + 1 : 0;
  }
  return Date.now() - start;
}
