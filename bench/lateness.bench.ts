// Timer lateness: how long after a step falls due its row is recorded (recordedAt − occurredAt,
// occurredAt being the step's due time as the workflow computed it), for reminders spread over a
// window and for overdue notices all due at one instant; beside it, the same burst of bare timers.
import { In } from 'typeorm';
import { inLanes } from '../libs/temporal/src/in-lanes';
import { startOnce } from '../libs/temporal/src/start-once';
import { MeasureEntity } from '../libs/persistence/src/entities/measure.entity';
import { MeasureEventEntity } from '../libs/persistence/src/entities/measure-event.entity';
import { IMPORT_CONCURRENCY } from './import.bench';
import { planDocument } from './plan-document';
import { CpuSampler, CpuShare, sampleCpu } from './harness/cpu';
import { profiled } from './harness/cpu-profile';
import { BARE_TASK_QUEUE, importPlan, settle, Stack } from './harness/stack';
import { drainSeconds, median, quantile } from './harness/stats';

export interface Lateness {
  readonly count: number;
  readonly recorded: number;
  readonly medianMs: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

// Where the CPU went while a burst drained, and what each step cost of it: Rectify's milliseconds
// of CPU a step (the API, the activities and the workflow threads, in this process and the measure
// worker's if it runs apart; for the bare timers their worker's), the Temporal server's, and the
// whole machine's (two cores give
// 2,000 ms a second: a burst that takes them all drains at 2,000 / machineMsPerStep a second).
export type BurstCpu = CpuShare & {
  readonly ownMsPerStep: number;
  readonly serverMsPerStep: number;
  readonly machineMsPerStep: number;
};

type Burst = Lateness & {
  readonly drainSeconds: number;
  readonly perSecond: number;
  // Linux only.
  readonly cpu: BurstCpu | null;
};

export interface LatenessFigures {
  readonly openMeasures: number;
  readonly windowSeconds: number;
  readonly spread: Lateness;
  readonly burst: Burst;
  // The same number of bare workflows, each with one timer due at one instant (after the
  // measures' burst, with the measures still open): lateness is the run's close − the instant.
  readonly bareBurst: Burst;
  // As many measures again, each with one overdue notice due at one instant, their worker
  // restarted after they started: each step a replay of its measure's history, as for measures
  // that last ran longer ago than the workflow cache remembers (the burst above falls on measures
  // whose reminders ran the minute before).
  readonly uncachedBurst?: Burst;
}

const KINDS = ['reminder', 'overdue_notice'] as const;

// The CPU of the server's processes and of Rectify's: this one and the measure worker's, if apart.
function sampleStack(stack: Stack): CpuSampler {
  const worker = stack.measureWorkerPid();
  return sampleCpu(stack.temporalProcessIds(), worker === process.pid ? [] : [worker]);
}

function summary(lateMs: number[], count: number): Lateness {
  return {
    count,
    recorded: lateMs.length,
    medianMs: median(lateMs),
    p99Ms: quantile(lateMs, 0.99),
    maxMs: Math.max(...lateMs),
  };
}

// What the lateness phase's leads must cover, each scaled to its n: importing the measures with
// the workers' catch-up after it, and starting the bare workflows with theirs (main.ts: the
// slowest of the import bench's runs).
export interface LatenessLeads {
  readonly importMs: number;
  readonly bareMs: number;
}

// Each burst's instant is placed ahead so that every workflow waits on its timer before the first
// one falls due: 1.3 times what the lead must cover, 3 s to spare, and the time settle() may see
// the catch-up late. The wait is no measurement (the run's longest idle time at --quick's size);
// how much of it was to spare is on stderr, and a lead too short fails the run rather than
// measure the import.
export async function latenessBench(
  stack: Stack,
  n: number,
  windowSeconds: number,
  leads: LatenessLeads,
  {
    uncached = true,
    cpuProfileDir = null,
  }: {
    readonly uncached?: boolean;
    // A CPU profile of this process's main thread while each burst runs (the cached one with the
    // spread reminders before it; the API's only, when the measure worker runs apart).
    readonly cpuProfileDir?: string | null;
  } = {},
): Promise<LatenessFigures> {
  const lead = (coverMs: number) => 1.3 * coverMs + 3_000 + stack.statsLagMs;
  const leadMs = lead(leads.importMs);
  await settle(stack);
  const burstAt = Math.ceil((Date.now() + leadMs + windowSeconds * 1000) / 1000) * 1000;
  // Every measure falls due at the burst instant (its overdue notice); its reminder is placed by
  // its own policy, measure i at second ⌊i·W/n⌋ of the window before it.
  const code = `BENCH-LATE-${n}-${Date.now()}`;
  const document = planDocument(code, n, (i) => {
    const before = windowSeconds - Math.floor((i * windowSeconds) / n);
    return {
      due: new Date(burstAt).toISOString(),
      escalationPolicy: {
        version: `bench-${before}`,
        steps: [
          { kind: 'reminder', offset: `-PT${before}S` },
          { kind: 'overdue_notice', offset: 'PT0S' },
        ],
      },
    };
  });
  const { planId } = await importPlan(stack, document);
  console.error(
    `lateness ${n}: imported; reminders from ${new Date(burstAt - windowSeconds * 1000).toISOString()}, burst at ${new Date(burstAt).toISOString()}`,
  );
  // Every workflow must be waiting on its timers before the first falls due, or its lateness
  // would be the import's.
  await settle(stack);
  const spare = burstAt - windowSeconds * 1000 - Date.now();
  if (spare < 0)
    throw new Error('the workers caught up after the first step fell due: run with a smaller size');
  console.error(`lateness ${n}: workers caught up ${(spare / 1000).toFixed(1)} s before the first step`);

  const cpu = sampleStack(stack);
  const rows = await profiled(cpuProfileDir, `steps-cached-${n}`, () =>
    recordedSteps(stack, planId, KINDS, 2 * n, burstAt),
  );
  cpu.stop();
  return {
    openMeasures: n,
    windowSeconds,
    spread: summary(late(rows, 'reminder'), n),
    burst: measuresBurst(rows, n, burstAt, cpu),
    bareBurst: await bareBurst(stack, n, lead(leads.bareMs), cpuProfileDir),
    // The worker's restart (its workflow threads and the bundle loaded again; a process of its own
    // started anew) before the instant.
    ...(uncached
      ? {
          uncachedBurst: await uncachedBurst(
            stack,
            n,
            leadMs + (stack.measureWorkerPid() === process.pid ? 5_000 : 20_000),
            cpuProfileDir,
          ),
        }
      : {}),
  };
}

// The plan's recorded steps of these kinds, once `expected` are (or a minute, or 25 ms an expected
// step, after the burst instant: a burst not drained by then is reported as what was recorded).
async function recordedSteps(
  stack: Stack,
  planId: string,
  kinds: readonly string[],
  expected: number,
  burstAt: number,
): Promise<MeasureEventEntity[]> {
  const events = () =>
    stack.ds
      .getRepository(MeasureEventEntity)
      .createQueryBuilder('e')
      .innerJoin(MeasureEntity, 'm', 'm.id = e.measureId')
      .where('m.planId = :planId', { planId })
      .andWhere({ kind: In([...kinds]) });
  const deadline = burstAt + Math.max(60_000, expected * 25);
  while ((await events().getCount()) < expected && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 1000));
  return events().getMany();
}

function late(rows: readonly MeasureEventEntity[], kind: string): number[] {
  return rows.filter((e) => e.kind === kind).map((e) => e.recordedAt.getTime() - e.occurredAt.getTime());
}

function measuresBurst(
  rows: readonly MeasureEventEntity[],
  n: number,
  burstAt: number,
  cpu: CpuSampler,
): Burst {
  const lateMs = late(rows, 'overdue_notice');
  const drained = drainSeconds(
    rows.filter((e) => e.kind === 'overdue_notice').map((e) => e.recordedAt.getTime()),
    burstAt,
  );
  const perSecond = lateMs.length / drained;
  return {
    ...summary(lateMs, n),
    drainSeconds: drained,
    perSecond,
    cpu: burstCpu(cpu, burstAt, drained, perSecond),
  };
}

// The cores' use over the drain, each divided by the drain's rate: CPU a step.
function burstCpu(cpu: CpuSampler, burstAt: number, drained: number, perSecond: number): BurstCpu | null {
  const share = cpu.between(burstAt, burstAt + drained * 1000);
  if (!share) return null;
  const perStep = (cores: number) => Math.round((cores * 1000 * 10) / perSecond) / 10;
  return {
    ...share,
    ownMsPerStep: perStep(share.ownCores),
    serverMsPerStep: perStep(share.serverCores),
    machineMsPerStep: perStep(share.machineCores),
  };
}

// n measures of a plan of their own, each with one overdue notice due at one instant; once every
// one waits on its timer, the measure worker restarts, so that each step replays its measure.
async function uncachedBurst(
  stack: Stack,
  n: number,
  leadMs: number,
  cpuProfileDir: string | null,
): Promise<Burst> {
  await settle(stack);
  const burstAt = Math.ceil((Date.now() + leadMs) / 1000) * 1000;
  const document = planDocument(`BENCH-UNCACHED-${n}-${Date.now()}`, n, () => ({
    due: new Date(burstAt).toISOString(),
    escalationPolicy: { version: 'bench-uncached', steps: [{ kind: 'overdue_notice', offset: 'PT0S' }] },
  }));
  const { planId } = await importPlan(stack, document);
  await settle(stack);
  await stack.restartMeasureWorker();
  if (Date.now() > burstAt)
    throw new Error('the measures were not all waiting, their worker restarted, when their steps fell due');
  console.error(
    `lateness ${n}: measure worker restarted, uncached burst at ${new Date(burstAt).toISOString()}`,
  );
  const cpu = sampleStack(stack);
  const rows = await profiled(cpuProfileDir, `steps-replayed-${n}`, () =>
    recordedSteps(stack, planId, ['overdue_notice'], n, burstAt),
  );
  cpu.stop();
  return measuresBurst(rows, n, burstAt, cpu);
}

// n bare workflows started through the same client and lanes as the import's baseline, each
// waiting on one timer due at one instant; drained when every one has closed (or a minute, or
// n/20 s, after the instant). A run's close comes after its last workflow task, a little later in
// the pipeline than a measure's record (written within its task): no advantage to the baseline.
async function bareBurst(
  stack: Stack,
  n: number,
  leadMs: number,
  cpuProfileDir: string | null,
): Promise<Burst> {
  const run = `bench-bare-timer:${Date.now()}:`;
  const query = `WorkflowType = 'benchBareTimer' AND ExecutionStatus = 'Completed'`;
  // Bare timers of an earlier burst on the same server are not this one's.
  const before = (await stack.client.workflow.count(query)).count;
  const atMs = Math.ceil((Date.now() + leadMs) / 1000) * 1000;
  await inLanes(
    Array.from({ length: n }, (_, i) => `${run}${i}`),
    IMPORT_CONCURRENCY,
    async (workflowId) => {
      await startOnce(stack.client, 'benchBareTimer', {
        workflowId,
        taskQueue: BARE_TASK_QUEUE,
        args: [atMs],
      });
    },
  );
  await settle(stack);
  if (Date.now() > atMs)
    throw new Error('the bare workflows were not all waiting when their timers fell due');
  console.error(
    `lateness ${n}: bare timers started, due at ${new Date(atMs).toISOString()}, ${((atMs - Date.now()) / 1000).toFixed(1)} s after their catch-up`,
  );
  const cpu = sampleStack(stack);
  const deadline = atMs + Math.max(60_000, n * 50);
  await profiled(cpuProfileDir, `steps-bare-${n}`, async () => {
    while ((await stack.client.workflow.count(query)).count < before + n && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 1000));
  });
  cpu.stop();
  const closedAt: number[] = [];
  for await (const w of stack.client.workflow.list({ query }))
    if (w.workflowId.startsWith(run) && w.closeTime) closedAt.push(w.closeTime.getTime());
  const drained = drainSeconds(closedAt, atMs);
  const perSecond = closedAt.length / drained;
  return {
    ...summary(
      closedAt.map((t) => t - atMs),
      n,
    ),
    drainSeconds: drained,
    perSecond,
    cpu: burstCpu(cpu, atMs, drained, perSecond),
  };
}
