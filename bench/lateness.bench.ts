// Timer lateness: how long after a step falls due its row is recorded (recordedAt − occurredAt,
// occurredAt being the step's due time as the workflow computed it), for reminders spread over a
// window and for overdue notices all due at one instant.
import { In } from 'typeorm';
import { MeasureEntity } from '../libs/persistence/src/entities/measure.entity';
import { MeasureEventEntity } from '../libs/persistence/src/entities/measure-event.entity';
import { planDocument } from './plan-document';
import { importPlan, settle, Stack } from './harness/stack';
import { median, quantile } from './harness/stats';

export interface Lateness {
  readonly count: number;
  readonly recorded: number;
  readonly medianMs: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

export interface LatenessFigures {
  readonly openMeasures: number;
  readonly windowSeconds: number;
  readonly spread: Lateness;
  readonly burst: Lateness & { readonly drainSeconds: number; readonly perSecond: number };
}

const KINDS = ['reminder', 'overdue_notice'] as const;

function summary(lateMs: number[], count: number): Lateness {
  return {
    count,
    recorded: lateMs.length,
    medianMs: median(lateMs),
    p99Ms: quantile(lateMs, 0.99),
    maxMs: Math.max(...lateMs),
  };
}

// `importRate` (measures/s from the import bench, until the workers caught up) sets how far ahead
// the steps are placed, so that every workflow is waiting before the first one falls due: 1.5
// times this import and its catch-up at that rate, 5 s to spare, and the time settle() may see the
// catch-up late (the wait is no measurement: the run's longest idle time at --quick's size).
export async function latenessBench(
  stack: Stack,
  n: number,
  windowSeconds: number,
  importRate: number,
): Promise<LatenessFigures> {
  const leadMs = (1.5 * n * 1000) / importRate + 5_000 + stack.statsLagMs;
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
  if (Date.now() > burstAt - windowSeconds * 1000)
    throw new Error('the workers caught up after the first step fell due: run with a smaller size');

  const events = () =>
    stack.ds
      .getRepository(MeasureEventEntity)
      .createQueryBuilder('e')
      .innerJoin(MeasureEntity, 'm', 'm.id = e.measureId')
      .where('m.planId = :planId', { planId })
      .andWhere({ kind: In([...KINDS]) });
  // Drained, or given up on a minute (or n/20 s) after the burst.
  const deadline = burstAt + Math.max(60_000, n * 50);
  while ((await events().getCount()) < 2 * n && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 1000));
  const rows = await events().getMany();
  const late = (kind: string) =>
    rows.filter((e) => e.kind === kind).map((e) => e.recordedAt.getTime() - e.occurredAt.getTime());
  const burst = late('overdue_notice');
  const lastBurst = Math.max(
    ...rows.filter((e) => e.kind === 'overdue_notice').map((e) => e.recordedAt.getTime()),
  );
  const drainSeconds = (lastBurst - burstAt) / 1000;
  return {
    openMeasures: n,
    windowSeconds,
    spread: summary(late('reminder'), n),
    burst: { ...summary(burst, n), drainSeconds, perSecond: burst.length / drainSeconds },
  };
}
