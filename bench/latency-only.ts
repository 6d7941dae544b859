// `--latency-only`: the latency phase alone, to iterate on the API's speed in minutes instead of a
// full run. The plan it loads is the full run's largest (planDocument's shape, deadlines 60 days
// ahead), with 3,000 measures of other plans beside it as the full run has; imported once into the
// read model that is kept (DATABASE_URL's database, or a SQLite file), found by its code on every
// later run. Each run's Temporal server is fresh, so the kept plans' workflows are gone: the stack
// runs without the measure worker, which would have nothing to do (in the full run it is idle by
// then too), and the endpoints loaded read the read model only.
import { PlanEntity } from '../libs/persistence/src/entities/plan.entity';
import { profiled } from './harness/cpu-profile';
import { machine, machineAtEnd, machineAtStart } from './harness/machine';
import type { Options } from './harness/options';
import { printTable, Report, Row, writeJson } from './harness/report';
import { importPlan, Stack, startStack } from './harness/stack';
import { median } from './harness/stats';
import { EndpointLatency, LatencyFigures, latencyBench } from './latency.bench';
import { planDocument } from './plan-document';
import { seededHistory } from './harness/plan-history';

const OTHER_PLANS = 3;
const OTHER_MEASURES = 1000;

// The plan of `size` measures, imported after the others when the read model lacks it.
async function keptPlan(stack: Stack, size: number): Promise<string> {
  const code = `BENCH-LATENCY-${size}`;
  const kept = await stack.ds.getRepository(PlanEntity).findOne({ where: { code }, select: { id: true } });
  if (kept) {
    console.error(`latency: plan ${code} kept from an earlier run`);
    return kept.id;
  }
  // As importBench's plans: every deadline 60 days ahead, a milestone at 30.
  const farDue = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  const shape = () => ({ due: farDue(60), milestoneDue: farDue(30) });
  for (let k = 0; k < OTHER_PLANS; k++)
    await importPlan(stack, planDocument(`BENCH-LATENCY-OTHER-${Date.now()}-${k}`, OTHER_MEASURES, shape));
  const started = Date.now();
  const { planId } = await importPlan(stack, planDocument(code, size, shape));
  console.error(`latency: imported ${code} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return planId;
}

export async function latencyOnly(repo: string, options: Options): Promise<void> {
  const size = options.importSizes[0];
  const only = options.latencyOnly ?? [];
  const start = machineAtStart();
  const startedAt = new Date().toISOString();
  const stack = await startStack(repo, options.maxCachedWorkflows, options.workflowThreads, options.server, {
    measureWorker: false,
    sqliteFile: process.env.DATABASE_URL ? undefined : options.sqliteFile,
  });
  try {
    const planId = await keptPlan(stack, size);
    const historyEvents = await seededHistory(stack.ds, planId, options.history);
    const bounds = {
      seconds: options.latencySeconds,
      requests: options.latencyRequests,
      connections: options.latencyConnections,
    };
    const runs: LatencyFigures[] = [];
    for (let r = 0; r < options.runsOf(size); r++)
      runs.push(
        await profiled(options.cpuProfileDir, `latency-${only.join('-')}-${Date.now()}`, () =>
          latencyBench(stack, planId, size, bounds, only),
        ),
      );
    const rows: Row[] = runs[0].endpoints.map((e, i) => {
      const of = (f: (x: EndpointLatency) => number) => median(runs.map((r) => f(r.endpoints[i]))).toFixed(1);
      return {
        what: `API ${e.name}, ${size} measures${runs.length > 1 ? ` (median of ${runs.length})` : ''}`,
        result:
          `p50 ${of((x) => x.p50Ms)} ms, p95 ${of((x) => x.p95Ms)} ms, p99 ${of((x) => x.p99Ms)} ms (${of((x) => x.perSecond)}/s` +
          `${e.renderings == null ? '' : `, ${of((x) => x.renderings!)} renderings for ${of((x) => x.requests)} requests`}` +
          `${e.kept == null ? '' : `, ${of((x) => x.kept!)} of them the kept file`}` +
          // Beside ledgers, the stalls are few requests: the max shows them, the p95 does not.
          `${e.ledgersBeside === undefined ? '' : `, ${of((x) => x.ledgersBeside!)} ledgers beside, max ${of((x) => x.maxMs)} ms`}; first ${of((x) => x.firstMs)} ms)`,
      };
    });
    const report: Report = {
      startedAt,
      mode: 'latency only',
      machine: machineAtEnd(machine(repo, stack.temporal, start)),
      rows,
      figures: { options, historyEvents, latency: runs },
    };
    printTable(report);
    writeJson(report, options.out);
  } finally {
    await stack.close();
  }
}
