// The Temporal server a bench run uses, started for the run and stopped after it:
// - `dev`: the Temporal CLI's dev server on a SQLite file, as `npm start` runs it;
// - `full`: the full server (go.temporal.io/server) on DATABASE_URL's PostgreSQL, the production
//   shape, through scripts/temporal-full-server.mjs (which builds it on first use), in two
//   databases of its own that each run starts afresh.
import { Client, Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { spawn, spawnSync } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';
import { loadTemporalTools } from '../../libs/temporal/src/temporal-tools';
import { MEASURE_SEARCH_ATTRIBUTES } from '../../workflows/measure/measure.contract';
import { processTree } from './cpu';

export type TemporalServerKind = 'dev' | 'full';

export interface TemporalServer {
  readonly address: string;
  readonly client: Client;
  // Version and kind, for the machine line.
  readonly description: string;
  // How long the server keeps a task queue's statistics: settle() sees a backlog's end that late
  // at most.
  readonly statsLagMs: number;
  // The server's processes (Linux), for the CPU it uses.
  processIds(): number[];
  teardown(): Promise<void>;
}

export async function startTemporalServer(
  repo: string,
  kind: TemporalServerKind,
  dir: string,
): Promise<TemporalServer> {
  return kind === 'full' ? fullServer(repo, dir) : devServer(repo, dir);
}

// matching.TaskQueueInfoByBuildIdTTL (server 1.29): how long DescribeTaskQueue's statistics are
// cached on a queue's root partition.
const STATS_TTL_KEY = 'matching.TaskQueueInfoByBuildIdTTL';
const STATS_TTL_MS = 100;
// The full server's (no dynamic configuration in deploy/temporal/config, as production runs it).
const SERVER_STATS_TTL_MS = 5_000;

async function devServer(repo: string, dir: string): Promise<TemporalServer> {
  const cli = loadTemporalTools(repo).temporalCli ?? 'temporal';
  const version = spawnSync(cli, ['--version'], { encoding: 'utf8' }).stdout.trim() || 'temporal CLI';
  const dbFilename = path.join(dir, 'temporal.sqlite');
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: cli },
      ip: '127.0.0.1',
      ui: false,
      dbFilename,
      searchAttributes: MEASURE_SEARCH_ATTRIBUTES,
      extraArgs: [
        '--sqlite-pragma',
        'journal_mode=WAL',
        '--sqlite-pragma',
        'synchronous=OFF',
        // The task queue backlog settle() waits on: the server keeps a queue's statistics 5 s by
        // default, so a backlog that reached 0 was seen up to 5 s late, and each wait ended late.
        '--dynamic-config-value',
        `${STATS_TTL_KEY}="${STATS_TTL_MS}ms"`,
      ],
    },
  });
  return {
    address: env.address,
    client: env.client,
    description: `${version} (dev server, SQLite file)`,
    statsLagMs: STATS_TTL_MS,
    // The CLI the SDK started, found by the file only it was given.
    processIds: () => processTree(dbFilename),
    teardown: () => env.teardown(),
  };
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

// The full server takes 14 ports from its base (deploy/temporal/config/rectify-postgres.yaml): a
// base whose whole range is free, on loopback, away from a dev server's 7233, and below 32,768:
// Temporal's PostgreSQL schema keeps a member's port as a smallint (cluster_membership.rpc_port),
// and the server stops at start ("out of range for type smallint") on a higher one.
async function freePortRange(width: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * (32_768 - width - 20_000));
    const ports = Array.from({ length: width }, (_, i) => base + i);
    if ((await Promise.all(ports.map(portFree))).every(Boolean)) return base;
  }
  throw new Error(`no ${width} free consecutive ports on 127.0.0.1 for the Temporal server`);
}

// Building the server on first use takes minutes; starting it, seconds.
const FULL_SERVER_START_MS = 30 * 60_000;

async function fullServer(repo: string, dir: string): Promise<TemporalServer> {
  if (!process.env.DATABASE_URL)
    throw new Error(
      '--server full keeps Temporal on PostgreSQL: set DATABASE_URL (its role must CREATE DATABASE)',
    );
  const port = await freePortRange(14);
  const logFile = path.join(dir, 'temporal-server.log');
  const script = path.join(repo, 'scripts', 'temporal-full-server.mjs');
  const args = [
    script,
    'start',
    '--port',
    String(port),
    '--fresh',
    '--database',
    'rectify_bench_temporal',
    '--visibility-database',
    'rectify_bench_temporal_visibility',
    '--log',
    logFile,
  ];
  // The script's own lines (building, failures) show as they come; stdout carries the ready line.
  const child = spawn(process.execPath, args, { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<{ version: string; address: string }>((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      out += d;
      const m = /Temporal server (\S+) ready at (\S+)/.exec(out);
      if (m) resolve({ version: m[1], address: m[2] });
    });
    void exited.then((code) => reject(new Error(`scripts/temporal-full-server.mjs stopped (exit ${code})`)));
    setTimeout(
      () =>
        reject(new Error(`the full Temporal server was not ready in ${FULL_SERVER_START_MS / 60_000} min`)),
      FULL_SERVER_START_MS,
    ).unref();
  });
  const stop = async () => {
    child.kill('SIGTERM');
    const timer = new Promise<'late'>((r) => setTimeout(() => r('late'), 30_000).unref());
    if ((await Promise.race([exited, timer])) === 'late') {
      child.kill('SIGKILL');
      await exited;
    }
  };
  try {
    const { version, address } = await ready;
    const connection = await Connection.connect({ address });
    return {
      address,
      client: new Client({ connection, namespace: 'default' }),
      description: `Temporal server ${version} (full server, PostgreSQL)`,
      statsLagMs: SERVER_STATS_TTL_MS,
      // The script and the server it started, found by the log file only they were given.
      processIds: () => processTree(logFile),
      async teardown() {
        await connection.close();
        await stop();
      },
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
