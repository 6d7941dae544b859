import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, IsNull, QueryRunner } from 'typeorm';
import type { AcknowledgementStatus } from '../../../domain/src/acknowledgement-policy';
import type { EscalationPolicy } from '../../../domain/src/escalation-ladder';
import type { MeasureLight } from '../../../domain/src/measure-light';
import type { MeasureStatus } from '../../../domain/src/measure-status';
import { MeasureEventEntity, MeasureEventKind } from '../entities/measure-event.entity';
import { MeasureUnitEntity } from '../entities/measure-unit.entity';
import { MeasureEntity } from '../entities/measure.entity';
import { NotificationRequestEntity } from '../entities/notification-request.entity';
import { connectionSafeTransaction, consistentRead } from '../serialized-write';
import { canonicalJson, sha256 } from '../stable-id';

export interface MeasureRowEffects {
  readonly status?: MeasureStatus;
  readonly overdueLevel?: number;
  readonly dueAt?: string;
  readonly leadUnitCode?: string;
  readonly leadLeader?: string;
  readonly policy?: EscalationPolicy;
  readonly indicators?: Readonly<MeasureEntity['indicators']>;
  readonly signedOffAt?: string;
  // 签收 (acknowledgement): set only by events of measures that need it.
  readonly acknowledgement?: AcknowledgementStatus;
  readonly acknowledgeBy?: string;
  // 亮灯: null clears it (the measure is no longer open); absent leaves it (runs without lights).
  readonly light?: MeasureLight | null;
}

export interface NewMeasureEvent {
  readonly workflowId: string;
  readonly idempotencyKey: string;
  // The workflow's sequence of this event; its effects apply only if newer than the row's.
  readonly seq?: number;
  readonly kind: MeasureEventKind;
  readonly level: number;
  readonly occurredAt: Date;
  readonly actor: string;
  readonly detail: Record<string, unknown>;
  readonly effects?: MeasureRowEffects;
  readonly notify?: readonly { addresseeKind: string; addressee: string; subject: string }[];
  // Store sha-256 of `detail.approved` as `detail.contentHash` (sign-off).
  readonly hashApproved?: boolean;
  // Events written in the same transaction after this one, recorded or found with its key: a ladder
  // step and the light it moves (亮灯) are one record. The row's effects are this event's.
  readonly companions?: readonly CompanionEvent[];
}

type CompanionEvent = Pick<
  NewMeasureEvent,
  'idempotencyKey' | 'seq' | 'kind' | 'level' | 'occurredAt' | 'actor' | 'detail'
>;

export interface RecordedMeasureEvent {
  // False: the key was taken, and the answer is the stored event's.
  readonly recorded: boolean;
  readonly eventId: string;
  readonly contentHash: string | null;
  readonly recordedAt: Date;
  // The notification requests this call wrote; absent when it recorded nothing.
  readonly requestIds?: readonly string[];
}

export class UnknownMeasureError extends Error {}

export class MeasureEventRepository {
  constructor(private readonly ds: DataSource) {}

  // Writes the event, its effect on the measure row and its notification requests once per
  // idempotency key: a retried or replayed activity finds the key taken and changes nothing.
  // A ladder step runs this for every measure falling due at once, so the fresh path is kept to
  // four statements: the measure's few columns, the event, the row, the requests in one insert.
  async recordOnce(event: NewMeasureEvent): Promise<RecordedMeasureEvent> {
    return connectionSafeTransaction(this.ds, async (em) => {
      const measure = await em.findOne(MeasureEntity, {
        select: { id: true, planId: true, leadUnitCode: true, lastEventSeq: true },
        where: { workflowId: event.workflowId },
      });
      if (!measure) throw new UnknownMeasureError(`no measure is recorded for workflow ${event.workflowId}`);
      const id = randomUUID();
      const recordedAt = new Date();
      const contentHash = event.hashApproved ? sha256(canonicalJson(event.detail.approved ?? null)) : null;
      const detail = contentHash ? { ...event.detail, contentHash } : event.detail;
      const [sql, parameters] = em
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
          recordedAt,
          actor: event.actor,
          detail: detail as never,
          seq: event.seq ?? null,
        })
        .orIgnore()
        .getQueryAndParameters();
      // The structured result counts the rows written on both engines: none when the key is taken.
      const inserted = await (em.queryRunner as QueryRunner).query(sql, parameters, true);
      if (!inserted.affected) {
        const stored = await em.findOneOrFail(MeasureEventEntity, {
          where: { idempotencyKey: event.idempotencyKey },
        });
        return {
          recorded: false,
          eventId: stored.id,
          contentHash: typeof stored.detail.contentHash === 'string' ? stored.detail.contentHash : null,
          recordedAt: stored.recordedAt,
        };
      }
      const companions = event.companions ?? [];
      if (companions.length)
        await em.insert(
          MeasureEventEntity,
          companions.map((c) => ({
            id: randomUUID(),
            measureId: measure.id,
            kind: c.kind,
            level: c.level,
            idempotencyKey: c.idempotencyKey,
            occurredAt: c.occurredAt,
            recordedAt,
            actor: c.actor,
            detail: c.detail as never,
            seq: c.seq ?? null,
          })),
        );
      // An event older than the one the row shows (recorded late) stays in the log but changes no
      // value. With companions, the row is as of the last of them.
      const newest = companions.reduce<number | undefined>((n, c) => c.seq ?? n, event.seq);
      if (event.seq === undefined || event.seq > measure.lastEventSeq)
        await this.apply(em, measure, event.effects ?? {}, newest);
      const requests = (event.notify ?? []).map((n) => ({
        id: randomUUID(),
        measureId: measure.id,
        eventId: id,
        addresseeKind: n.addresseeKind,
        addressee: n.addressee,
        subject: n.subject,
        status: 'pending' as const,
        createdAt: event.occurredAt,
      }));
      if (requests.length) await em.insert(NotificationRequestEntity, requests);
      return { recorded: true, eventId: id, contentHash, recordedAt, requestIds: requests.map((r) => r.id) };
    });
  }

  private async apply(
    em: EntityManager,
    measure: MeasureEntity,
    e: MeasureRowEffects,
    seq: number | undefined,
  ): Promise<void> {
    const patch: Partial<MeasureEntity> = {};
    if (seq !== undefined) patch.lastEventSeq = seq;
    if (e.status) patch.status = e.status;
    if (e.overdueLevel !== undefined) patch.overdueLevel = e.overdueLevel;
    if (e.dueAt) patch.dueAt = new Date(e.dueAt);
    if (e.leadLeader) patch.leadLeader = e.leadLeader;
    if (e.policy) patch.escalationPolicy = e.policy;
    if (e.indicators) patch.indicators = [...e.indicators];
    if (e.signedOffAt) patch.signedOffAt = new Date(e.signedOffAt);
    if (e.acknowledgement) patch.acknowledgement = e.acknowledgement;
    if (e.acknowledgeBy) patch.acknowledgeBy = new Date(e.acknowledgeBy);
    if (e.light !== undefined) patch.light = e.light;
    if (e.leadUnitCode && e.leadUnitCode !== measure.leadUnitCode) {
      patch.leadUnitCode = e.leadUnitCode;
      // The unit index follows the new lead unit; the old one keeps no lead role.
      await em.delete(MeasureUnitEntity, { measureId: measure.id, role: 'lead' });
      await em.delete(MeasureUnitEntity, { measureId: measure.id, unitCode: e.leadUnitCode });
      await em.insert(MeasureUnitEntity, {
        measureId: measure.id,
        unitCode: e.leadUnitCode,
        planId: measure.planId,
        role: 'lead',
      });
    }
    if (Object.keys(patch).length) await em.update(MeasureEntity, { id: measure.id }, patch as never);
  }

  // The measure's row with its events and notices, read as of one moment: an event and its effect
  // on the row are committed together, and a page reading them apart could show a step recorded
  // while the row still lacks its level.
  recordOf(measureId: string): Promise<{
    measure: MeasureEntity;
    events: MeasureEventEntity[];
    notifications: NotificationRequestEntity[];
  } | null> {
    return consistentRead(this.ds, async (em) => {
      const measure = await em.findOne(MeasureEntity, { where: { id: measureId } });
      if (!measure) return null;
      const events = await this.listForMeasure(measureId, em);
      const notifications = await this.notificationsForMeasure(measureId, em);
      return { measure, events, notifications };
    });
  }

  listForMeasure(measureId: string, em: EntityManager = this.ds.manager): Promise<MeasureEventEntity[]> {
    return em.find(MeasureEventEntity, {
      where: { measureId },
      order: { occurredAt: 'ASC', recordedAt: 'ASC' },
    });
  }

  // The measure's own notices (and its cadence notices). An accountability case's notices name the
  // measure to be delivered through it, but belong to the case file, which the measure's readers
  // do not see.
  notificationsForMeasure(
    measureId: string,
    em: EntityManager = this.ds.manager,
  ): Promise<NotificationRequestEntity[]> {
    return em.find(NotificationRequestEntity, {
      where: { measureId, caseEventId: IsNull() },
      order: { createdAt: 'ASC' },
    });
  }
}
