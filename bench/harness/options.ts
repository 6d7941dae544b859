// The command line of `npm run bench`.
import * as os from 'node:os';
import * as path from 'node:path';
import { LATENCY_ENDPOINT_KEYS, type LatencyEndpoint } from '../latency.bench';
import type { Pollers, WorkerConcurrency } from '../../apps/worker/src/measure-worker.factory';
import type { TemporalServerKind } from './temporal-server';
import { DEFAULT_MAX_CACHED_WORKFLOWS } from '../../libs/config/src/rectify-config';

export interface Options {
  readonly mode: 'quick' | 'full';
  readonly server: TemporalServerKind;
  readonly importSizes: number[];
  // The import before them, not reported: it pays for the plan reader's thread and cold code paths.
  readonly warmUpMeasures: number;
  // Runs of each import size: a size of 10,000 or more runs once unless --runs is given, each
  // such run taking minutes with its catch-up (the full run must stay under 30 minutes).
  readonly runsOf: (size: number) => number;
  readonly latenessMeasures: number;
  readonly windowSeconds: number;
  // The API latency phase: seconds and requests at most per endpoint, and concurrent connections.
  readonly latencySeconds: number;
  readonly latencyRequests: number;
  readonly latencyConnections: number;
  readonly out: string;
  readonly maxCachedWorkflows: number;
  // The measure worker's workflow threads (RECTIFY_WORKER_WORKFLOW_THREADS).
  readonly workflowThreads: number;
  // The measure worker's polls and task slots (and the baseline worker's: the same settings for
  // both); unset ones are the SDK's defaults.
  readonly workerConcurrency: WorkerConcurrency;
  // The measure worker as a process of its own, as production runs it (its memory and CPU apart
  // from the API's and the imports'); by default it runs in the bench's process.
  readonly workerProcess: boolean;
  // The plan of real shapes (sources, flat categories, groups, office deadlines); 0: not run.
  readonly shapesMeasures: number;
  // The lateness phase's burst of measures not cached (its worker restarted before it): about 20 s
  // more, so --quick leaves it out unless --uncached-burst is given.
  readonly uncachedBurst: boolean;
  // The scale-out phase's plan size (1 vs 2 worker processes, 1 vs 2 API processes); 0: not run.
  readonly scaleOutMeasures: number;
  // Its runs: one unless --runs is given (each setup waits for a burst and the catch-up; the full
  // run must stay under 30 minutes).
  readonly scaleOutRuns: number;
  // --latency-only: these endpoints' latency alone, on a plan kept between runs (latency-only.ts);
  // null: the whole bench.
  readonly latencyOnly: readonly LatencyEndpoint[] | null;
  // Where --latency-only keeps its read model when DATABASE_URL names none.
  readonly sqliteFile: string;
  // --cpu-profile DIR: a CPU profile of the main thread (the API's) over each load alone; in a
  // run that is not --latency-only, over each burst of the lateness phase.
  readonly cpuProfileDir: string | null;
  // --history N: --latency-only's plan with N recorded events a measure (harness/plan-history.ts).
  readonly history: number;
}

function value(argv: readonly string[], flag: string): string | undefined {
  const i = argv.indexOf(flag);
  return i >= 0 ? argv[i + 1] : undefined;
}

function positive(argv: readonly string[], flag: string, fallback: number): number {
  const v = value(argv, flag);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 10 || n % 10 !== 0)
    throw new Error(`${flag} takes a whole number of measures, a multiple of 10 (got ${v})`);
  return n;
}

// A flag's whole number of 1 or more, or `fallback` when the flag is not given (the bench's own
// scripts read theirs with it too).
export function whole(argv: readonly string[], flag: string, fallback: number): number {
  const v = value(argv, flag);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} takes a whole number ≥ 1 (got ${v})`);
  return n;
}

// --quick (under 2 minutes on 2 cores with its build, as #14 asks; BENCHMARKS.md): a warm-up of 20
// measures, a 100-measure import ×3 with its baseline, lateness at 100 open measures over 6 s, API
// latency 1 s an endpoint. It drops the large plans and the plan of real shapes (30 s of a 2 min
// 37 s run with it): its figures are a smoke test of every phase. The import ratio at this size is
// dominated by per-run fixed costs (a catch-up's tail of about 4 s), and the catch-up, lateness and
// memory figures only show their limits from about 1,000 open workflows on.
// Default (full, under 30 minutes on 2 idle cores): 1k imports ×3 and one of 10k, then lateness of
// 1,000 steps over 60 s with those 13,000 measures open, latency 20 s an endpoint.
// --size N replaces the import sizes and the lateness size with N (50000 is the large
// plan; see BENCHMARKS.md for how long it takes); --open N sets the lateness size alone; --cache N
// the measure worker's workflow cache (default 2,000, as RECTIFY_WORKER_MAX_CACHED_WORKFLOWS);
// --workflow-threads N its workflow threads (default 2, as RECTIFY_WORKER_WORKFLOW_THREADS);
// --workflow-pollers N|autoscaling,
// --non-sticky-ratio R, --workflow-slots N, --activity-pollers N|autoscaling, --activity-slots N
// the measure and baseline workers' polls and task slots (the SDK's defaults unless given; see
// workerConcurrency below); --server full the full Temporal server on PostgreSQL instead of the
// dev server (DATABASE_URL's, else one the bench starts and stops: harness/postgres-server.ts);
// --shapes N the plan of real shapes (default 5,000 measures; off in --quick unless given; 0 skips
// it); --scale-out [N] the scale-out phase on plans of N measures (default --open's size, at most
// 1,000, which keeps it to a few minutes; on in the full run, off in --quick unless given;
// --scale-out 0 skips it); --uncached-burst the lateness phase's burst of measures not cached in
// --quick too (always in the full run); --worker-process runs the measure worker as a process of its
// own (not with the poll and slot flags, which the process does not take).
// --latency-only [page,desk,tree,overview,bulletin,ledger,beside] loads only these endpoints (all by default),
// --runs times each, on a plan of --size measures (default 10,000) with 3,000 measures of other plans
// beside it, as in the full run: imported on the first run into DATABASE_URL's database or the
// SQLite file --sqlite FILE (default in the temporary directory, named after the size) and found
// there by its code afterwards; --cpu-profile DIR writes a CPU profile of each load (of each
// lateness burst, in a run that is not --latency-only).
export function parseOptions(argv: readonly string[], defaultOut: string): Options {
  const quick = argv.includes('--quick');
  const size = value(argv, '--size') === undefined ? undefined : positive(argv, '--size', 0);
  const latencyOnly = argv.includes('--latency-only') ? endpoints(value(argv, '--latency-only')) : null;
  const server = value(argv, '--server') ?? 'dev';
  if (server !== 'dev' && server !== 'full') throw new Error(`--server takes dev or full (got ${server})`);
  const concurrency = workerConcurrency(argv);
  const open = positive(argv, '--open', size ?? (quick ? 100 : 1000));
  const workerProcess = argv.includes('--worker-process');
  // Another process's memory and CPU are read from /proc: elsewhere the figures would be this one's.
  if (workerProcess && os.platform() !== 'linux')
    throw new Error(
      `--worker-process reads the worker's memory and CPU from /proc: Linux only (this is ${os.platform()})`,
    );
  if (workerProcess && Object.values(concurrency).some((v) => v !== undefined))
    throw new Error(
      '--worker-process takes no poll or slot flag: the worker process reads only its environment',
    );
  return {
    mode: quick ? 'quick' : 'full',
    server,
    importSizes: size ? [size] : latencyOnly ? [10_000] : quick ? [100] : [1000, 10_000],
    warmUpMeasures: quick ? 20 : 100,
    runsOf: (n) => whole(argv, '--runs', n >= 10_000 ? 1 : 3),
    latenessMeasures: open,
    windowSeconds: whole(argv, '--window', quick ? 6 : 60),
    latencySeconds: whole(argv, '--latency-seconds', quick ? 1 : 20),
    latencyRequests: whole(argv, '--latency-requests', quick ? 500 : 5000),
    latencyConnections: whole(argv, '--latency-connections', 10),
    out: value(argv, '--out') ?? defaultOut,
    maxCachedWorkflows: positive(argv, '--cache', DEFAULT_MAX_CACHED_WORKFLOWS),
    workflowThreads: whole(argv, '--workflow-threads', 2),
    workerConcurrency: concurrency,
    workerProcess,
    shapesMeasures: value(argv, '--shapes') === '0' ? 0 : positive(argv, '--shapes', quick ? 0 : 5000),
    uncachedBurst: !quick || argv.includes('--uncached-burst'),
    scaleOutRuns: whole(argv, '--runs', 1),
    scaleOutMeasures: scaleOut(argv, quick, open),
    latencyOnly,
    sqliteFile:
      value(argv, '--sqlite') ?? path.join(os.tmpdir(), `rectify-bench-latency-${size ?? 10_000}.sqlite`),
    cpuProfileDir: value(argv, '--cpu-profile') ?? null,
    history: whole(argv, '--history', 0),
  };
}

// A number of polls, or `autoscaling`; undefined when the flag is not given.
function pollers(argv: readonly string[], flag: string): Pollers | undefined {
  const v = value(argv, flag);
  return v === undefined || v === 'autoscaling' ? v : whole(argv, flag, 0);
}

function share(argv: readonly string[], flag: string): number | undefined {
  const v = value(argv, flag);
  if (v === undefined) return undefined;
  const x = Number(v);
  if (!(x > 0 && x <= 1)) throw new Error(`${flag} takes a share above 0 and at most 1 (got ${v})`);
  return x;
}

// Each setting is the SDK's default unless its flag is given.
function workerConcurrency(argv: readonly string[]): WorkerConcurrency {
  const given = (flag: string) => (value(argv, flag) === undefined ? undefined : whole(argv, flag, 0));
  return {
    // Workflow task polls open at once, a number or `autoscaling` (the SDK: at most 10).
    workflowTaskPollers: pollers(argv, '--workflow-pollers'),
    // Their share on the task queue itself, where new workflows' first tasks wait (the SDK: 0.2).
    nonStickyToStickyPollRatio: share(argv, '--non-sticky-ratio'),
    // Workflow tasks run at once (the SDK: 40).
    workflowTaskSlots: given('--workflow-slots'),
    // Activity task polls open at once (the SDK: at most 10) and activities run at once (100).
    activityTaskPollers: pollers(argv, '--activity-pollers'),
    activityTaskSlots: given('--activity-slots'),
  };
}

function endpoints(v: string | undefined): LatencyEndpoint[] {
  if (v === undefined || v.startsWith('--')) return [...LATENCY_ENDPOINT_KEYS];
  const keys = v.split(',');
  const unknown = keys.filter((k) => !(LATENCY_ENDPOINT_KEYS as readonly string[]).includes(k));
  if (unknown.length)
    throw new Error(`--latency-only takes endpoints among ${LATENCY_ENDPOINT_KEYS.join(', ')} (got ${v})`);
  return keys as LatencyEndpoint[];
}

function scaleOut(argv: readonly string[], quick: boolean, open: number): number {
  const v = value(argv, '--scale-out');
  if (v === '0' || (quick && !argv.includes('--scale-out'))) return 0;
  return v !== undefined && /^\d+$/.test(v) ? positive(argv, '--scale-out', 0) : Math.min(open, 1000);
}
