// Scale-out: what a second measure-worker process on the same task queue buys over one, and what a
// second API replica behind a loopback proxy buys over one. Its own stack, started after the other
// phases' is closed: a fresh Temporal server and database, so neither configuration meets the
// thousands of workflows the earlier phases left open.
//
// Workers: the stack starts without its in-process measure worker, and 1 and 2 mean worker
// processes (apps/worker as production runs it), so both configurations are alike: the bench
// process keeps the API, the baseline's idle worker and the client, and no measure workflow runs
// in it. One worker stays up for the whole phase; the second is started or stopped between
// configurations, whose order alternates per run (1, 2, then 2, 1), so neither always meets a
// warmer server. Per configuration and run, one plan of N measures whose one ladder step (the
// overdue notice) falls due for all at one instant: the import's speed, the workers' catch-up
// after it (the task queue's backlog back to 0, settle()), then that burst's drain.
//
// API: two API processes, each a replica as production runs it, behind a round-robin TCP proxy in
// the bench process; "1" sends every connection to the first, "2" alternates. The filtered
// measure page of the last plan imported is loaded by latency.bench.ts's loop through the proxy
// at the same concurrency either way.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { In } from 'typeorm';
import { MeasureEntity } from '../libs/persistence/src/entities/measure.entity';
import { MeasureEventEntity } from '../libs/persistence/src/entities/measure-event.entity';
import {
  AppProcess,
  startApiProcess,
  startWorkerProcess,
  writeWorkflowBundle,
} from './harness/app-processes';
import type { Options } from './harness/options';
import type { Row } from './harness/report';
import { startRoundRobinProxy } from './harness/round-robin-proxy';
import { DESK_UNIT, importPlan, settle, Stack, startStack } from './harness/stack';
import { drainSeconds, median, quantile, timed } from './harness/stats';
import { EndpointLatency, load } from './latency.bench';
import { planDocument } from './plan-document';

export interface WorkerRun {
  readonly planId: string;
  readonly importMs: number;
  readonly catchUpMs: number;
  readonly drainSeconds: number;
  readonly recorded: number;
  readonly burstP99Ms: number;
}

export interface WorkerScaling {
  readonly processes: number;
  readonly runs: WorkerRun[];
  readonly measuresPerSecond: number;
  readonly catchUpMs: number;
  // Measures imported per second until the workers caught up too.
  readonly endToEndPerSecond: number;
  readonly drainSeconds: number;
  // The fewest overdue notices recorded in a run (of `measures`): all of them, or the drain gave up.
  readonly recorded: number;
  readonly drainPerSecond: number;
  readonly burstP99Ms: number;
}

export interface ApiScaling {
  readonly replicas: number;
  readonly runs: EndpointLatency[];
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly perSecond: number;
  readonly errors: number;
}

export interface ScaleOutFigures {
  readonly measures: number;
  readonly workers: WorkerScaling[];
  readonly api: ApiScaling[];
  readonly apiPath: string;
  readonly connections: number;
  readonly phaseSeconds: number;
}

const BURST_POLICY = { version: 'bench-burst', steps: [{ kind: 'overdue_notice', offset: 'PT0S' }] };

// One plan of n measures whose overdue notices all fall due `leadMs` from now: imported, caught up.
async function importPlanDue(stack: Stack, n: number, leadMs: number) {
  await settle(stack);
  const burstAt = Math.ceil((Date.now() + leadMs) / 1000) * 1000;
  const code = `BENCH-SCALE-${n}-${Date.now()}`;
  const due = new Date(burstAt).toISOString();
  const document = planDocument(code, n, () => ({ due, escalationPolicy: BURST_POLICY }));
  const [{ planId }, importMs] = await timed(() => importPlan(stack, document));
  const catchUpMs = await settle(stack);
  return { planId, burstAt, importMs, catchUpMs };
}

// The same, then that burst drained; or, when the workers caught up after the burst fell due (the
// drain would be the import's), how long the import and catch-up took, for a longer lead.
async function importAndBurst(
  stack: Stack,
  n: number,
  leadMs: number,
  label: string,
): Promise<WorkerRun | { lateAfterMs: number }> {
  const { planId, burstAt, importMs, catchUpMs } = await importPlanDue(stack, n, leadMs);
  if (Date.now() > burstAt) {
    console.error(`scale-out ${label}: the workers caught up after the burst fell due; again`);
    return { lateAfterMs: importMs + catchUpMs };
  }
  const notices = () =>
    stack.ds
      .getRepository(MeasureEventEntity)
      .createQueryBuilder('e')
      .innerJoin(MeasureEntity, 'm', 'm.id = e.measureId')
      .where('m.planId = :planId', { planId })
      .andWhere({ kind: In(['overdue_notice']) });
  // Drained, or given up on a minute (or n/20 s) after the burst, as the lateness phase does.
  const deadline = burstAt + Math.max(60_000, n * 50);
  while ((await notices().getCount()) < n && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 500));
  const rows = await notices().getMany();
  const recordedAt = rows.map((e) => e.recordedAt.getTime());
  const run = {
    planId,
    importMs,
    catchUpMs,
    drainSeconds: drainSeconds(recordedAt, burstAt),
    recorded: rows.length,
    burstP99Ms: quantile(
      rows.map((e) => e.recordedAt.getTime() - e.occurredAt.getTime()),
      0.99,
    ),
  };
  console.error(
    `scale-out ${label}: import ${(importMs / 1000).toFixed(1)} s, caught up +${(catchUpMs / 1000).toFixed(1)} s; burst ${rows.length}/${n} drained in ${run.drainSeconds.toFixed(1)} s`,
  );
  return run;
}

function workerScaling(processes: number, n: number, runs: WorkerRun[]): WorkerScaling {
  return {
    processes,
    runs,
    measuresPerSecond: median(runs.map((r) => (n / r.importMs) * 1000)),
    catchUpMs: median(runs.map((r) => r.catchUpMs)),
    endToEndPerSecond: median(runs.map((r) => (n / (r.importMs + r.catchUpMs)) * 1000)),
    drainSeconds: median(runs.map((r) => r.drainSeconds)),
    recorded: Math.min(...runs.map((r) => r.recorded)),
    drainPerSecond: median(runs.map((r) => r.recorded / r.drainSeconds)),
    burstP99Ms: median(runs.map((r) => r.burstP99Ms)),
  };
}

export async function scaleOutBench(repo: string, options: Options): Promise<ScaleOutFigures> {
  const n = options.scaleOutMeasures;
  const started = Date.now();
  const stack = await startStack(repo, options.maxCachedWorkflows, options.workflowThreads, options.server, {
    measureWorker: false,
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-bench-scale-'));
  const processes: AppProcess[] = [];
  try {
    const bundle = await writeWorkflowBundle(path.join(dir, 'workflow-bundle.js'));
    const first = await startWorkerProcess(stack, 'worker 1', bundle);
    processes.push(first);
    // Not reported, their bursts weeks ahead: the first import pays for cold paths; the second
    // sizes how far ahead the first run's burst falls.
    const warm = 100;
    await importPlanDue(stack, warm, 30 * 86_400_000);
    const warmRun = await importPlanDue(stack, warm, 30 * 86_400_000);
    let estimateMs = ((warmRun.importMs + warmRun.catchUpMs) * n) / warm;

    let second: AppProcess | null = null;
    const runs = new Map<number, WorkerRun[]>([
      [1, []],
      [2, []],
    ]);
    let lastPlan = warmRun.planId;
    for (let r = 0; r < options.scaleOutRuns; r++) {
      for (const k of r % 2 === 0 ? [1, 2] : [2, 1]) {
        if (k === 2 && !second) {
          second = await startWorkerProcess(stack, 'worker 2', bundle);
          processes.push(second);
        }
        if (k === 1 && second) {
          await second.stop();
          processes.splice(processes.indexOf(second), 1);
          second = null;
        }
        // 1.5 times an import and catch-up (the slowest seen at this size), and 10 s to spare;
        // a burst that fell due before the workers caught up is tried again (three times at most).
        for (let attempt = 1; ; attempt++) {
          const run = await importAndBurst(
            stack,
            n,
            1.5 * estimateMs + 10_000,
            `${k} worker(s), run ${r + 1}`,
          );
          const seen = [...runs.values()].flat().map((x) => x.importMs + x.catchUpMs);
          const tookMs = 'lateAfterMs' in run ? run.lateAfterMs : run.importMs + run.catchUpMs;
          estimateMs = Math.max(tookMs, ...seen);
          if (!('lateAfterMs' in run)) {
            runs.get(k)!.push(run);
            lastPlan = run.planId;
            break;
          }
          if (attempt === 3) throw new Error(`scale-out: the workers never caught up before the burst`);
        }
      }
    }
    const workers = [1, 2].map((k) => workerScaling(k, n, runs.get(k)!));

    const apiPath = `/measures?plan=${lastPlan}&unit=${DESK_UNIT}&status=assigned&limit=50`;
    const replicas = [await startApiProcess(stack, 'API 1'), await startApiProcess(stack, 'API 2')];
    processes.push(...replicas);
    const bounds = {
      seconds: options.latencySeconds,
      requests: options.latencyRequests,
      connections: options.latencyConnections,
    };
    const apiRuns = new Map<number, EndpointLatency[]>([
      [1, []],
      [2, []],
    ]);
    for (let r = 0; r < options.scaleOutRuns; r++) {
      for (const k of r % 2 === 0 ? [1, 2] : [2, 1]) {
        const proxy = await startRoundRobinProxy(replicas.slice(0, k).map((p) => p.url!));
        try {
          const f = await load(
            { url: proxy.url, token: stack.token },
            'filtered measure page',
            apiPath,
            bounds,
          );
          console.error(
            `scale-out ${k} API replica(s), run ${r + 1}: ${f.requests} requests, p50 ${f.p50Ms.toFixed(1)} ms, p95 ${f.p95Ms.toFixed(1)} ms, ${f.perSecond.toFixed(0)}/s`,
          );
          apiRuns.get(k)!.push(f);
        } finally {
          await proxy.close();
        }
      }
    }
    const api = [1, 2].map((k) => {
      const rs = apiRuns.get(k)!;
      return {
        replicas: k,
        runs: rs,
        p50Ms: median(rs.map((f) => f.p50Ms)),
        p95Ms: median(rs.map((f) => f.p95Ms)),
        p99Ms: median(rs.map((f) => f.p99Ms)),
        perSecond: median(rs.map((f) => f.perSecond)),
        errors: rs.reduce((s, f) => s + f.errors, 0),
      };
    });
    return {
      measures: n,
      workers,
      api,
      apiPath,
      connections: bounds.connections,
      phaseSeconds: Math.round((Date.now() - started) / 1000),
    };
  } finally {
    await Promise.all(processes.map((p) => p.stop()));
    await stack.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function scaleOutRows(f: ScaleOutFigures, runs: number): Row[] {
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const [w1, w2] = f.workers;
  const [a1, a2] = f.api;
  const worker = (w: WorkerScaling) =>
    `import ${w.measuresPerSecond.toFixed(0)}/s, caught up +${s(w.catchUpMs)} (${w.endToEndPerSecond.toFixed(0)}/s end to end); ` +
    `burst ${w.recorded}/${f.measures} drained in ${w.drainSeconds.toFixed(2)} s (${w.drainPerSecond.toFixed(0)}/s, p99 late ${s(w.burstP99Ms)})`;
  const api = (a: ApiScaling) =>
    `p50 ${a.p50Ms.toFixed(1)} ms, p95 ${a.p95Ms.toFixed(1)} ms, p99 ${a.p99Ms.toFixed(1)} ms, ` +
    `${a.perSecond.toFixed(0)}/s${a.errors ? `, ${a.errors} errors` : ''}`;
  return [
    { what: `scale-out, ${f.measures} measures (median of ${runs}): 1 worker process`, result: worker(w1) },
    {
      what: `  2 worker processes`,
      result: `${worker(w2)}; ×${(w2.endToEndPerSecond / w1.endToEndPerSecond).toFixed(2)} end to end, ×${(w2.drainPerSecond / w1.drainPerSecond).toFixed(2)} drain`,
    },
    { what: `  filtered measure page, 1 API process behind the proxy`, result: api(a1) },
    {
      what: `  2 API processes, round robin`,
      result: `${api(a2)}; ×${(a2.perSecond / a1.perSecond).toFixed(2)} throughput (${f.connections} connections)`,
    },
  ];
}
