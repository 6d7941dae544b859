// `npm run bench`: how fast Rectify takes in a plan and works through its ladders on this machine,
// beside what the same Temporal server does bare, against real servers started for the run (see
// harness/stack.ts). Prints a table and writes the same figures as JSON; asserts nothing.
// Options: harness/options.ts; BENCHMARKS.md has a run and what limits each figure.
import 'reflect-metadata';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import * as path from 'node:path';
import { withMeasureWorkerProcess } from './harness/app-processes';
import { machine, machineAtEnd, machineAtStart } from './harness/machine';
import { parseOptions } from './harness/options';
import { benchOnOwnPostgres, needsOwnPostgres } from './harness/postgres-server';
import { printTable, Report, Row, writeJson } from './harness/report';
import { startStack } from './harness/stack';
import { ImportFigures, importBench, type ImportRun } from './import.bench';
import { latencyBench } from './latency.bench';
import { latencyOnly } from './latency-only';
import { latenessBench } from './lateness.bench';
import { ResidentByKind, resourcePhase, ResourceSample } from './resources.bench';
import { scaleOutBench, scaleOutRows } from './scale-out.bench';
import { shapesBench } from './shapes.bench';
import { soak } from './soak';

const REPO = path.resolve(__dirname, '../..');

const perSecond = (x: number) => `${x.toFixed(0)}/s`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const residentLine = (r: ResidentByKind) =>
  `V8 pages ${r.v8PagesMiB}, malloc ${r.mallocArenasMiB}, other ${r.otherAnonymousMiB}, files ${r.filesMiB} MiB`;

async function main(): Promise<void> {
  const rows: Row[] = [];
  const figures: Record<string, unknown> = { options };
  const startedAt = new Date().toISOString();
  // Each phase's end on stderr, seconds since the start: where a run's time goes.
  const t0 = Date.now();
  const mark = (what: string) => console.error(`+${((Date.now() - t0) / 1000).toFixed(1)} s: ${what}`);

  const start = machineAtStart();
  rows.push({ what: 'planLadder (6 steps)', result: `${perSecond(start.laddersPerSecond)} ladders` });

  const started = await startStack(
    REPO,
    options.maxCachedWorkflows,
    options.workflowThreads,
    options.server,
    {
      concurrency: options.workerConcurrency,
      measureWorker: !options.workerProcess,
    },
  );
  const stack = options.workerProcess ? await withMeasureWorkerProcess(started) : started;
  mark('servers, workers and API started');
  const worker = options.workerProcess ? 'measure worker process (its own)' : 'worker process';
  const host = machine(REPO, stack.temporal, start);
  try {
    // Measure workflows open so far, each waiting on timers weeks ahead (baseline workflows end
    // after their one task).
    let open = 0;
    const resources: ResourceSample[] = [];
    // Not reported: the first import pays for the plan reader's thread and cold code paths.
    const warm = resourcePhase(`warm-up import of ${options.warmUpMeasures}`, stack.measureWorkerPid());
    await importBench(stack, options.warmUpMeasures, 1);
    open += options.warmUpMeasures;
    resources.push(warm(open));
    mark('warm-up import');
    const imports: ImportFigures[] = [];
    for (const n of options.importSizes) {
      const runs = options.runsOf(n);
      const phase = resourcePhase(`imports of ${n} ×${runs} and catch-up`, stack.measureWorkerPid());
      const f = await importBench(stack, n, runs);
      open += n * runs;
      resources.push(phase(open));
      imports.push(f);
      mark(`imports of ${n}`);
      rows.push({
        what: runs > 1 ? `import ${n} measures (median of ${runs})` : `import ${n} measures (one run)`,
        result:
          `${perSecond(f.measuresPerSecond)} measures; bare ${perSecond(f.bareStartsPerSecond)} starts; ` +
          `ratio ${f.ratio.toFixed(2)}`,
      });
      rows.push({
        what: `  until the workers caught up too`,
        result:
          `import +${seconds(f.catchUpMs)}, bare +${seconds(f.bareCatchUpMs)}; ` +
          `ratio ${f.ratioWithCatchUp.toFixed(2)}`,
      });
      rows.push({
        what: `  where the import's time goes`,
        result: Object.entries(f.phasesMs)
          .map(([phase, ms]) => `${phase} ${seconds(ms)}`)
          .join(', '),
      });
    }
    figures.imports = imports;

    // API latency on the largest plan imported, its workflows all started and caught up.
    const largest = imports.reduce((a, b) => (b.measures > a.measures ? b : a));
    const latency = await latencyBench(stack, largest.runs[0].planId, largest.measures, {
      seconds: options.latencySeconds,
      requests: options.latencyRequests,
      connections: options.latencyConnections,
    });
    figures.latency = latency;
    mark('API latency');
    for (const e of latency.endpoints)
      rows.push({
        what: `API ${e.name}, ${largest.measures} measures`,
        result:
          `p50 ${e.p50Ms.toFixed(1)} ms, p95 ${e.p95Ms.toFixed(1)} ms, p99 ${e.p99Ms.toFixed(1)} ms ` +
          `(${e.requests} requests, ${perSecond(e.perSecond)}${e.errors ? `, ${e.errors} errors` : ''}` +
          `${e.renderings == null ? '' : `, ${e.renderings} renderings`}` +
          `${e.kept == null ? '' : `, ${e.kept} of them the kept file`}` +
          `${e.ledgersBeside === undefined ? '' : `, ${e.ledgersBeside} ledgers beside, max ${e.maxMs.toFixed(0)} ms`}; first ${e.firstMs.toFixed(0)} ms)`,
      });

    const n = options.latenessMeasures;
    const nearest = imports.find((f) => f.measures === n) ?? imports[0];
    // The slowest of its runs, with the workers' catch-up, scaled to n: what the lateness phase's
    // leads must cover, for the measures and for the bare timers.
    const slowest = (ms: (r: ImportRun) => number) =>
      (Math.max(...nearest.runs.map(ms)) * n) / nearest.measures;
    const late = await latenessBench(
      stack,
      n,
      options.windowSeconds,
      {
        importMs: slowest((r) => r.importMs + r.catchUpMs),
        bareMs: slowest((r) => r.bareMs + r.bareCatchUpMs),
      },
      {
        uncached: options.uncachedBurst,
        cpuProfileDir: options.cpuProfileDir,
      },
    );
    figures.lateness = late;
    mark('lateness');
    const line = (l: { recorded: number; count: number; medianMs: number; p99Ms: number; maxMs: number }) =>
      `${l.recorded}/${l.count} recorded; median ${seconds(l.medianMs)}, p99 ${seconds(l.p99Ms)}, max ${seconds(l.maxMs)}`;
    rows.push({
      what: `lateness, ${n} reminders spread over ${late.windowSeconds} s`,
      result: line(late.spread),
    });
    rows.push({ what: `lateness, ${n} overdue notices due at one instant`, result: line(late.burst) });
    rows.push({ what: `  ${n} bare timers due at one instant`, result: line(late.bareBurst) });
    rows.push({
      what: `  burst drain`,
      result:
        `${seconds(late.burst.drainSeconds * 1000)} (${perSecond(late.burst.perSecond)}); ` +
        `bare ${seconds(late.bareBurst.drainSeconds * 1000)} (${perSecond(late.bareBurst.perSecond)}); ` +
        `ratio ${(late.burst.perSecond / late.bareBurst.perSecond).toFixed(2)}`,
    });
    const uncached = late.uncachedBurst;
    if (uncached)
      rows.push({
        what: `  ${n} more, their worker restarted: each a replay`,
        result:
          `${line(uncached)}; drained in ${seconds(uncached.drainSeconds * 1000)} ` +
          `(${perSecond(uncached.perSecond)}); ratio to bare ` +
          `${(uncached.perSecond / late.bareBurst.perSecond).toFixed(2)}`,
      });
    for (const [what, burst] of [
      ['cached', late.burst],
      ['bare', late.bareBurst],
      ['replayed', uncached],
    ] as const)
      if (burst?.cpu)
        rows.push({
          what: `  CPU while the ${what} burst drained`,
          result:
            `machine ${burst.cpu.machineCores} cores (${burst.cpu.machineMsPerStep} ms a step): ` +
            `Rectify ${burst.cpu.ownCores} (${burst.cpu.ownMsPerStep} ms; main thread ` +
            `${burst.cpu.mainThreadCores}, others ${burst.cpu.otherThreadCores.join(', ') || 'none'}), ` +
            `Temporal server ${burst.cpu.serverCores} (${burst.cpu.serverMsPerStep} ms), ` +
            `elsewhere ${burst.cpu.elsewhereCores}`,
        });

    if (options.shapesMeasures) {
      const wide = await shapesBench(stack, options.shapesMeasures);
      figures.shapes = wide;
      mark('plan of real shapes');
      rows.push({
        what: `import ${wide.measures} measures of real shapes (+${wide.subMeasures} sub-measures)`,
        result: `${seconds(wide.importMs)} (${perSecond((wide.measures / wide.importMs) * 1000)}); workers caught up +${seconds(wide.catchUpMs)}`,
      });
      rows.push({
        what: `  its bulletin (HTML) and ledger (XLSX), once each`,
        result: `bulletin ${seconds(wide.bulletinMs)} (${Math.round(wide.bulletinBytes / 1024)} KiB), ledger ${seconds(wide.ledgerMs)} (${Math.round(wide.ledgerBytes / 1024)} KiB)`,
      });
    }

    figures.resources = resources;
    for (const r of resources)
      rows.push({
        what: `${worker}, ${r.openMeasureWorkflows} measures open, cache ${options.maxCachedWorkflows}, ${options.workflowThreads} workflow threads`,
        result:
          `RSS ${r.rssMiB} MiB${r.resident ? ` (${residentLine(r.resident)})` : ''}, ` +
          `over the phase median ${r.rssMedianMiB}, peak ${r.rssPeakMiB} MiB; ` +
          `${r.heapUsedMiB === null ? '' : `main heap ${r.heapUsedMiB} MiB; `}` +
          `${r.cpuCores} cores over ${r.what} (${r.phaseSeconds} s)`,
      });
  } finally {
    await stack.close();
    mark('stopped');
  }
  if (options.scaleOutMeasures) {
    const scaleOut = await scaleOutBench(REPO, options);
    figures.scaleOut = scaleOut;
    mark('scale-out');
    rows.push(...scaleOutRows(scaleOut, options.scaleOutRuns));
  }

  const report: Report = { startedAt, mode: options.mode, machine: machineAtEnd(host), rows, figures };
  printTable(report);
  writeJson(report, options.out);
}

if (process.argv.includes('--soak')) soak(REPO);
const options = parseOptions(process.argv.slice(2), path.join(REPO, 'bench/results/latest.json'));
if (needsOwnPostgres(options.server)) {
  benchOnOwnPostgres(REPO).then(
    (code) => process.exit(code),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
} else {
  Runtime.install({
    logger: new DefaultLogger('WARN'),
    telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } },
  });
  (options.latencyOnly ? latencyOnly(REPO, options) : main()).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
