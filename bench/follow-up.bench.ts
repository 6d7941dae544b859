// `npm run bench`: how fast Rectify takes in a plan and works through its ladders, on this machine,
// against a real Temporal dev server (SQLite-backed, as `npm start` runs it) and a real database.
// Prints a table; asserts nothing. Set BENCH_MEASURES to change the plan size (default 1000).
import 'reflect-metadata';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection, Runtime, DefaultLogger, Worker } from '@temporalio/worker';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createApiApp } from '../apps/api/src/api.factory';
import { newApiToken } from '../apps/api/src/auth/create-api-token.use-case';
import { ApiTokenRepository } from '../libs/persistence/src/repositories/api-token.repository';
import { createMeasureWorker } from '../apps/worker/src/measure-worker.factory';
import { parseConfig, RectifyConfig } from '../libs/config/src/rectify-config';
import { createDataSource, runMigrations } from '../libs/persistence/src/data-source';
import { MeasureEventEntity } from '../libs/persistence/src/entities/measure-event.entity';
import { planLadder, DEFAULT_ESCALATION_POLICY } from '../libs/domain/src/escalation-ladder';
import { loadTemporalTools } from '../libs/temporal/src/temporal-tools';
import { noticeChannels } from '../libs/notifications/src/notice-channels';
import { MEASURE_SEARCH_ATTRIBUTES } from '../workflows/measure/measure.contract';

const REPO = path.resolve(__dirname, '../..');
const N = Number(process.env.BENCH_MEASURES ?? 1000);

function planDocument(n: number, dueAt: string) {
  const units = Array.from({ length: 20 }, (_, i) => ({ code: `U${i}`, name: `单位${i}`, level: 'county' }));
  return {
    formatVersion: 1,
    inspection: {
      code: 'BENCH-I',
      name: 'bench',
      inspectingBody: 'b',
      inspectedOrganisation: 'o',
      onSiteFrom: '2026-01-01',
      onSiteTo: '2026-01-31',
      feedbackDate: '2026-02-15',
    },
    plan: {
      code: `BENCH-${Date.now()}`,
      title: 'bench',
      escalationPolicy: {
        version: 'bench',
        steps: [
          { kind: 'reminder', offset: '-PT20S' },
          { kind: 'overdue_notice', offset: 'PT0S' },
        ],
      },
    },
    units,
    categories: [
      {
        code: 'C',
        title: 'c',
        aspects: [
          {
            code: 'A',
            title: 'a',
            problems: Array.from({ length: n / 10 }, (_, p) => ({
              code: `P${p}`,
              title: `problem ${p}`,
              track: 'immediate',
              measures: Array.from({ length: 10 }, (_, m) => ({
                code: `P${p}-M${m}`,
                title: `measure ${p}.${m}`,
                leadLeader: 'leader',
                leadUnit: `U${(p + m) % 20}`,
                due: dueAt,
              })),
            })),
          },
        ],
      },
    ],
  };
}

async function time<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t = process.hrtime.bigint();
  const r = await f();
  return [r, Number(process.hrtime.bigint() - t) / 1e6];
}

async function main(): Promise<void> {
  Runtime.install({
    logger: new DefaultLogger('WARN'),
    telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } },
  });
  const rows: [string, string][] = [];

  const ladderRuns = 100_000;
  const [, ladderMs] = await time(async () => {
    for (let i = 0; i < ladderRuns; i++) planLadder(Date.UTC(2026, 0, 1) + i, DEFAULT_ESCALATION_POLICY);
  });
  rows.push(['planLadder (6 steps)', `${((ladderRuns / ladderMs) * 1000).toFixed(0)} ladders/s`]);

  const tools = loadTemporalTools(REPO);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-bench-'));
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: tools.temporalCli ?? 'temporal' },
      ip: '127.0.0.1',
      ui: false,
      dbFilename: path.join(dir, 'temporal.sqlite'),
      searchAttributes: MEASURE_SEARCH_ATTRIBUTES,
      extraArgs: ['--sqlite-pragma', 'journal_mode=WAL', '--sqlite-pragma', 'synchronous=OFF'],
    },
  });
  const base = parseConfig({
    TEMPORAL_ADDRESS: env.address,
    PORT: '0',
    RECTIFY_SQLITE_PATH: path.join(dir, 'rectify.sqlite'),
    // The report is the output: no request log lines between its numbers.
    RECTIFY_LOG_LEVEL: 'warn',
    ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
  });
  const config: RectifyConfig = base;
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
  const worker: Worker = await createMeasureWorker({
    connection,
    namespace: 'default',
    taskQueue: config.temporal.taskQueue,
    dataSource: ds,
    workflows: { workflowsPath: require.resolve('../workflows') },
    delivery: { client: env.client, channels: noticeChannels(config.delivery), ...config.delivery },
  });
  const running = worker.run();
  const app = await createApiApp(config, { logger: false });
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');

  try {
    const token = minted.token;
    const dueAt = new Date(Date.now() + 120_000).toISOString();
    const body = JSON.stringify(planDocument(N, dueAt));
    const [res, importMs] = await time(() =>
      fetch(`${url}/plans`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body,
      }),
    );
    if (res.status !== 201) throw new Error(`import answered ${res.status}: ${await res.text()}`);
    rows.push([
      `import ${N} measures (validate, store, start workflows)`,
      `${(importMs / 1000).toFixed(1)} s (${((N / importMs) * 1000).toFixed(0)} measures/s)`,
    ]);

    // Reminders fall due 100 s from now for every measure at once: how long until all are recorded?
    const reminderAt = Date.parse(dueAt) - 20_000;
    const waitStart = Date.now();
    const count = () => ds.getRepository(MeasureEventEntity).count({ where: { kind: 'reminder' } });
    while ((await count()) < N && Date.now() - waitStart < 600_000)
      await new Promise((r) => setTimeout(r, 500));
    const done = Date.now();
    const recorded = await count();
    rows.push([
      `${N} reminders falling due at once`,
      `${recorded} recorded ${((done - reminderAt) / 1000).toFixed(1)} s after they fell due`,
    ]);
  } finally {
    await app.close();
    worker.shutdown();
    await running;
    await connection.close();
    await ds.destroy();
    await env.teardown();
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(
    `\nRectify benchmark — ${os.cpus().length} cores, ${process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite'}, Temporal dev server (SQLite file)`,
  );
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
}

// `npm run bench -- --soak`: the resilience suite's heavy variants (20 measures, longer outages,
// 60 hostile cases an operation), which `npm test` runs light; on PostgreSQL too when DATABASE_URL
// is set. Their counts are printed as `resilience summary` and `fuzz summary` lines.
function soak(): never {
  const projects = ['integration:sqlite', ...(process.env.DATABASE_URL ? ['integration:postgres'] : [])];
  const r = spawnSync(
    path.join(REPO, 'node_modules/.bin/jest'),
    ['-c', 'jest.config.js', 'test/resilience', '--selectProjects', ...projects],
    { cwd: REPO, stdio: 'inherit', env: { ...process.env, RECTIFY_RESILIENCE_HEAVY: '1' } },
  );
  process.exit(r.status ?? 1);
}

if (process.argv.includes('--soak')) soak();
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
