// A year of recorded steps for a plan kept by `--latency-only` (`--history N`): N events for each
// of its measures, as deliveries, reminders, progress reports, light changes and notices leave
// them. The bench's plans are imported without a worker that would record them, and a plan in use
// has a history that can run to hundreds of thousands of rows: what a report of a day reads of it
// is what this measures.
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  MeasureEventEntity,
  type MeasureEventKind,
} from '../../libs/persistence/src/entities/measure-event.entity';
import { MeasureEntity } from '../../libs/persistence/src/entities/measure.entity';

const KINDS: readonly MeasureEventKind[] = [
  'assignment_delivered',
  'assignment_acknowledged',
  'reminder',
  'progress_reported',
  'light_changed',
  'overdue_notice',
  'progress_reported',
  'reminder',
  'light_changed',
  'progress_reported',
];
const YEAR_MS = 365 * 86_400_000;
const CHUNK = 500;
const KEY = 'bench-history';

// Typed as TypeORM's insert takes a JSON column (its deep-partial type refuses a plain record).
function detailOf(kind: MeasureEventKind): never {
  if (kind === 'light_changed') return { from: 'green', to: 'yellow', reason: 'overdue' } as never;
  if (kind === 'progress_reported') return { indicators: [], text: '按计划推进' } as never;
  return {} as never;
}

// Seeds what the plan lacks of `perMeasure` events a measure; answers the seeded events it then
// has, or null when none were asked for (not counted: a scan of every event, seconds at 500,000).
export async function seededHistory(
  ds: DataSource,
  planId: string,
  perMeasure: number,
): Promise<number | null> {
  const has = async () =>
    Number(
      (
        await ds
          .getRepository(MeasureEventEntity)
          .createQueryBuilder('e')
          .innerJoin(MeasureEntity, 'm', 'm.id = e.measure_id')
          .where('m.plan_id = :planId', { planId })
          .andWhere('e.idempotency_key LIKE :key', { key: `${KEY}/%` })
          .select('COUNT(*)', 'n')
          .getRawOne<{ n: string | number }>()
      )?.n ?? 0,
    );
  if (perMeasure === 0) return null;
  const measures = await ds.getRepository(MeasureEntity).find({ where: { planId }, select: { id: true } });
  const present = await has();
  if (present >= measures.length * perMeasure) return present;
  const started = Date.now();
  const now = Date.now();
  await ds.transaction(async (em) => {
    let chunk: (Omit<MeasureEventEntity, 'detail'> & { detail: never })[] = [];
    for (const [n, m] of measures.entries())
      for (let i = 0; i < perMeasure; i++) {
        const kind = KINDS[i % KINDS.length];
        // Spread over the year before now, each measure's in order, measures staggered by minutes.
        const at = new Date(now - YEAR_MS + ((i + 1) * YEAR_MS) / (perMeasure + 1) - (n % 1440) * 60_000);
        chunk.push({
          id: randomUUID(),
          measureId: m.id,
          kind,
          level: kind === 'overdue_notice' ? 1 : 0,
          idempotencyKey: `${KEY}/${m.id}/${i}`,
          occurredAt: at,
          recordedAt: at,
          actor: 'bench',
          detail: detailOf(kind),
          seq: i + 1,
        });
        if (chunk.length === CHUNK) {
          await em.createQueryBuilder().insert().into(MeasureEventEntity).values(chunk).orIgnore().execute();
          chunk = [];
        }
      }
    if (chunk.length)
      await em.createQueryBuilder().insert().into(MeasureEventEntity).values(chunk).orIgnore().execute();
  });
  const total = await has();
  console.error(
    `latency: ${total} events of history seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return total;
}
