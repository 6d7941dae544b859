import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MeasureEventEntity, MeasureEventKind } from '../entities/measure-event.entity';
import { MeasureEntity } from '../entities/measure.entity';

export interface NewMeasureEvent {
  readonly workflowId: string;
  readonly idempotencyKey: string;
  readonly kind: MeasureEventKind;
  readonly level: number;
  readonly occurredAt: Date;
  readonly actor: string;
  readonly detail: Record<string, unknown>;
}

export class UnknownMeasureError extends Error {}

export class MeasureEventRepository {
  constructor(private readonly ds: DataSource) {}

  // Writes the event and its effect on the measure row once per idempotency key: a retried or
  // replayed activity finds the key taken and changes nothing.
  async recordOnce(event: NewMeasureEvent): Promise<{ recorded: boolean; eventId: string }> {
    return this.ds.transaction(async (em) => {
      const measure = await em.findOne(MeasureEntity, { where: { workflowId: event.workflowId } });
      if (!measure) throw new UnknownMeasureError(`no measure is recorded for workflow ${event.workflowId}`);
      const id = randomUUID();
      await em
        .createQueryBuilder()
        .insert()
        .into(MeasureEventEntity)
        .values({
          id,
          measureId: measure.id,
          kind: event.kind,
          level: event.level,
          idempotencyKey: event.idempotencyKey,
          occurredAt: event.occurredAt,
          recordedAt: new Date(),
          actor: event.actor,
          detail: event.detail as never,
        })
        .orIgnore()
        .execute();
      const stored = await em.findOneOrFail(MeasureEventEntity, {
        where: { idempotencyKey: event.idempotencyKey },
      });
      if (stored.id !== id) return { recorded: false, eventId: stored.id };
      if (event.kind === 'completed') {
        await em.update(
          MeasureEntity,
          { id: measure.id },
          { status: 'completed', completedAt: event.occurredAt },
        );
      } else if (event.level > measure.overdueLevel) {
        await em.update(MeasureEntity, { id: measure.id }, { overdueLevel: event.level });
      }
      return { recorded: true, eventId: id };
    });
  }

  listForMeasure(measureId: string): Promise<MeasureEventEntity[]> {
    return this.ds
      .getRepository(MeasureEventEntity)
      .find({ where: { measureId }, order: { occurredAt: 'ASC', recordedAt: 'ASC' } });
  }
}
