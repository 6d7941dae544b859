// Import throughput beside a bare Temporal baseline, in the same run, through the same client.
import { IsolatedPlanFileReader } from '../libs/plan-io/src/isolated-plan-file.reader';
import { PlanRepository } from '../libs/persistence/src/repositories/plan.repository';
import { inLanes } from '../libs/temporal/src/in-lanes';
import { MeasureWorkflowGateway } from '../libs/temporal/src/measure-workflow.gateway';
import { startOnce } from '../libs/temporal/src/start-once';
import { MeasureEntity } from '../libs/persistence/src/entities/measure.entity';
import { planDocument } from './plan-document';
import { BARE_TASK_QUEUE, importPlan, settle, Stack } from './harness/stack';
import { median, timed } from './harness/stats';

// The lanes MeasureWorkflowGateway.startForMeasures starts a plan's workflows in.
export const IMPORT_CONCURRENCY = 16;

const PHASES = ['read and validate', 'store rows', 'start workflows'] as const;
type Phase = (typeof PHASES)[number];

export interface ImportRun {
  readonly planId: string;
  readonly importMs: number;
  readonly bareMs: number;
  readonly catchUpMs: number;
  readonly bareCatchUpMs: number;
  readonly phasesMs: Record<Phase | 'rest (HTTP, mapping, cadence)', number>;
}

export interface ImportFigures {
  readonly measures: number;
  readonly runs: ImportRun[];
  readonly measuresPerSecond: number;
  readonly bareStartsPerSecond: number;
  readonly ratio: number;
  // Until the workers ran every new workflow's first task too: the import's answer and the
  // baseline's last start do not wait for it.
  readonly catchUpMs: number;
  readonly bareCatchUpMs: number;
  readonly ratioWithCatchUp: number;
  readonly phasesMs: Record<string, number>;
}

// The bare baseline: the same client, the same lanes, the same start options (startOnce), N
// workflows that do nothing but wait, on a queue a worker of this process polls. A queue without
// workers would spare the server the first workflow task each measure workflow costs it, which
// the import pays too.
async function bare(stack: Stack, run: string, n: number): Promise<number> {
  const ids = Array.from({ length: n }, (_, i) => `bench-bare:${run}:${i}`);
  const [, ms] = await timed(() =>
    inLanes(ids, IMPORT_CONCURRENCY, async (workflowId) => {
      await startOnce(stack.client, 'benchBare', { workflowId, taskQueue: BARE_TASK_QUEUE, args: [] });
    }),
  );
  return ms;
}

// Times one method of a service the import use case holds, without changing what it does.
function clock<T extends object>(target: T, method: keyof T & string, add: (ms: number) => void): () => void {
  const original = target[method] as (...a: unknown[]) => Promise<unknown>;
  (target as Record<string, unknown>)[method] = async (...a: unknown[]) => {
    const start = process.hrtime.bigint();
    try {
      return await original.apply(target, a);
    } finally {
      add(Number(process.hrtime.bigint() - start) / 1e6);
    }
  };
  return () => {
    (target as Record<string, unknown>)[method] = original;
  };
}

export async function importBench(stack: Stack, n: number, runs: number): Promise<ImportFigures> {
  const results: ImportRun[] = [];
  const farDue = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  for (let r = 0; r < runs; r++) {
    const code = `BENCH-IMPORT-${n}-${Date.now()}-${r}`;
    const document = planDocument(code, n, () => ({ due: farDue(60), milestoneDue: farDue(30) }));
    // The baseline first on even runs, second on odd ones: neither always meets a warmer server.
    const bareFirst = r % 2 === 0;
    // A catch-up grows with the plan (about 20 ms a measure at 10k on 2 cores): the wait for it too.
    const limitMs = Math.max(600_000, n * 60);
    const say = (what: string) => n >= 10_000 && console.error(`import ${n}, run ${r + 1}/${runs}: ${what}`);
    await settle(stack, limitMs);
    const bareMs = bareFirst ? await bare(stack, code, n) : 0;
    if (bareFirst) say(`bare starts ${(bareMs / 1000).toFixed(1)} s`);
    const bareCatchUpMs = bareFirst ? await settle(stack, limitMs) : 0;
    if (bareFirst) say(`bare caught up ${(bareCatchUpMs / 1000).toFixed(1)} s after`);
    const phases: Record<Phase, number> = { 'read and validate': 0, 'store rows': 0, 'start workflows': 0 };
    const restore = [
      clock(stack.app.get(IsolatedPlanFileReader), 'read', (ms) => (phases['read and validate'] += ms)),
      clock(stack.app.get(PlanRepository), 'savePlan', (ms) => (phases['store rows'] += ms)),
      clock(
        stack.app.get(MeasureWorkflowGateway),
        'startForMeasures',
        (ms) => (phases['start workflows'] += ms),
      ),
    ];
    const [result, importMs] = await timed(() => importPlan(stack, document)).finally(() =>
      restore.forEach((f) => f()),
    );
    const rows = await stack.ds.getRepository(MeasureEntity).count({ where: { planId: result.planId } });
    if (result.measures !== n || rows !== n)
      throw new Error(`import of ${n} answered ${result.measures}, stored ${rows}`);
    // The workers' catching up after the import: the part of its cost the HTTP answer does not wait for.
    say(`imported in ${(importMs / 1000).toFixed(1)} s`);
    const catchUpMs = await settle(stack, limitMs);
    const bareAfter = bareFirst ? bareMs : await bare(stack, code, n);
    const bareCatchUpAfter = bareFirst ? bareCatchUpMs : await settle(stack, limitMs);
    const known = PHASES.reduce((s, p) => s + phases[p], 0);
    console.error(
      `import ${n}, run ${r + 1}/${runs}: ${(importMs / 1000).toFixed(1)} s; bare ${(bareAfter / 1000).toFixed(1)} s; workers caught up ${(catchUpMs / 1000).toFixed(1)} s after the import, ${(bareCatchUpAfter / 1000).toFixed(1)} s after the bare starts`,
    );
    results.push({
      planId: result.planId,
      importMs,
      bareMs: bareAfter,
      catchUpMs,
      bareCatchUpMs: bareCatchUpAfter,
      phasesMs: { ...phases, 'rest (HTTP, mapping, cadence)': importMs - known },
    });
  }
  const measuresPerSecond = median(results.map((x) => (n / x.importMs) * 1000));
  const bareStartsPerSecond = median(results.map((x) => (n / x.bareMs) * 1000));
  const phaseNames = Object.keys(results[0].phasesMs) as (keyof ImportRun['phasesMs'])[];
  return {
    measures: n,
    runs: results,
    measuresPerSecond,
    bareStartsPerSecond,
    ratio: median(results.map((x) => x.bareMs / x.importMs)),
    catchUpMs: median(results.map((x) => x.catchUpMs)),
    bareCatchUpMs: median(results.map((x) => x.bareCatchUpMs)),
    ratioWithCatchUp: median(results.map((x) => (x.bareMs + x.bareCatchUpMs) / (x.importMs + x.catchUpMs))),
    phasesMs: Object.fromEntries(phaseNames.map((p) => [p, median(results.map((x) => x.phasesMs[p]))])),
  };
}
