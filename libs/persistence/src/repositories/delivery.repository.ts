import { randomUUID } from 'node:crypto';
import { DataSource, In, IsNull, LessThanOrEqual } from 'typeorm';
import { CaseEventEntity } from '../entities/accountability-case.entity';
import { CadenceEventEntity } from '../entities/cadence-event.entity';
import { InstructionEventEntity } from '../entities/leader-instruction.entity';
import { MeasureEventEntity } from '../entities/measure-event.entity';
import { MeasureEntity } from '../entities/measure.entity';
import {
  DeliveryChannel,
  DeliveryState,
  NotificationDeliveryEntity,
} from '../entities/notification-delivery.entity';
import { NotificationRequestEntity } from '../entities/notification-request.entity';
import { PersonChannelEntity } from '../entities/person-channel.entity';
import { PersonEntity } from '../entities/person.entity';
import { PlanEntity } from '../entities/plan.entity';
import { PostEntity } from '../entities/post.entity';
import { connectionSafeTransaction } from '../serialized-write';

// Everything needed to decide who a request reaches and to tell them. A reporting-cadence notice
// (漏报, report reminder) has a cadence event, and as its measure the one the unit reports on:
// the unit's first open measure, chosen when the event was recorded.
// An accountability case's notice (its opening, reminders, escalations) is told through the
// measure the case is about; its level is 1 once the case is late.
export interface CaseNoticeEvent {
  readonly kind: string;
  readonly level: number;
  readonly detail: Record<string, unknown>;
  readonly occurredAt: Date;
}

// What a notice says of its measure and plan: their names, never the plan's definition (its whole
// text, megabytes for a large plan) nor the measure's policy and indicators. Every ladder step's
// notice is planned through this, so a whole plan read here was parsed once per step.
const NOTICE_MEASURE_COLUMNS = {
  id: true,
  planId: true,
  code: true,
  title: true,
  dueAt: true,
  leadUnitCode: true,
  leadLeader: true,
} as const satisfies Partial<Record<keyof MeasureEntity, true>>;
const NOTICE_PLAN_COLUMNS = { id: true, code: true, title: true } as const satisfies Partial<
  Record<keyof PlanEntity, true>
>;

export type NoticeMeasure = Pick<MeasureEntity, keyof typeof NOTICE_MEASURE_COLUMNS>;
export type NoticePlan = Pick<PlanEntity, keyof typeof NOTICE_PLAN_COLUMNS>;

export interface RequestContext {
  readonly request: NotificationRequestEntity;
  readonly event: MeasureEventEntity | CadenceEventEntity | CaseNoticeEvent;
  readonly measure: NoticeMeasure;
  readonly plan: NoticePlan;
}

export interface PlannedDelivery {
  readonly personId: string | null;
  readonly channel: DeliveryChannel;
  readonly channelId: string | null;
  readonly state: Extract<DeliveryState, 'queued' | 'sent' | 'unaddressed'>;
  readonly notBefore: Date;
  // Why nobody got it (unaddressed), kept as the delivery's error for the office's gap list.
  readonly gap?: string;
}

export interface DeliveryFilter {
  readonly measureId?: string;
  readonly personId?: string;
  readonly channel?: DeliveryChannel;
  readonly state?: DeliveryState;
  readonly limit: number;
  readonly offset: number;
}

export interface Directory {
  readonly persons: readonly PersonEntity[];
  readonly posts: readonly PostEntity[];
  readonly channels: readonly PersonChannelEntity[];
}

export class DeliveryRepository {
  private kept: { readonly revision: number; readonly directory: Directory } | null = null;

  constructor(private readonly ds: DataSource) {}

  async requestContext(requestId: string): Promise<RequestContext | null> {
    const request = await this.ds.getRepository(NotificationRequestEntity).findOneBy({ id: requestId });
    if (!request) return null;
    if (request.cadenceEventId !== null) return this.cadenceContext(request, request.cadenceEventId);
    if (request.caseEventId !== null) return this.caseContext(request, request.caseEventId);
    if (request.instructionEventId !== null)
      return this.instructionContext(request, request.instructionEventId);
    if (request.eventId === null || request.measureId === null) return null;
    const event = await this.ds.getRepository(MeasureEventEntity).findOneByOrFail({ id: request.eventId });
    const measure = await this.noticeMeasure(request.measureId);
    return { request, event, measure, plan: await this.noticePlan(measure.planId) };
  }

  private async cadenceContext(
    request: NotificationRequestEntity,
    cadenceEventId: string,
  ): Promise<RequestContext | null> {
    const event = await this.ds.getRepository(CadenceEventEntity).findOneByOrFail({ id: cadenceEventId });
    if (event.measureId === null) return null;
    const measure = await this.noticeMeasure(event.measureId);
    return { request, event, measure, plan: await this.noticePlan(event.planId) };
  }

  private async caseContext(
    request: NotificationRequestEntity,
    caseEventId: string,
  ): Promise<RequestContext | null> {
    if (request.measureId === null) return null;
    const e = await this.ds.getRepository(CaseEventEntity).findOneByOrFail({ id: caseEventId });
    const measure = await this.noticeMeasure(request.measureId);
    const plan = await this.noticePlan(measure.planId);
    const level = e.kind === 'case_overdue' || e.kind === 'case_escalated' ? 1 : 0;
    return {
      request,
      event: { kind: e.kind, level, detail: e.detail, occurredAt: e.occurredAt },
      measure,
      plan,
    };
  }

  // A 批示's notice is told through the measure it names (the one the reminded unit leads); the
  // overdue notice is urgent (level 1) like a ladder's 催办, the reminder informational.
  private async instructionContext(
    request: NotificationRequestEntity,
    instructionEventId: string,
  ): Promise<RequestContext | null> {
    if (request.measureId === null) return null;
    const e = await this.ds.getRepository(InstructionEventEntity).findOneByOrFail({ id: instructionEventId });
    const measure = await this.noticeMeasure(request.measureId);
    const plan = await this.noticePlan(measure.planId);
    return {
      request,
      event: {
        kind: `instruction_${e.kind}`,
        level: e.kind === 'answer_overdue' ? 1 : 0,
        detail: e.detail,
        occurredAt: e.occurredAt,
      },
      measure,
      plan,
    };
  }

  private noticeMeasure(id: string): Promise<NoticeMeasure> {
    return this.ds
      .getRepository(MeasureEntity)
      .findOneOrFail({ select: NOTICE_MEASURE_COLUMNS, where: { id } });
  }

  private noticePlan(id: string): Promise<NoticePlan> {
    return this.ds.getRepository(PlanEntity).findOneOrFail({ select: NOTICE_PLAN_COLUMNS, where: { id } });
  }

  requestIdsOfEvent(eventId: string): Promise<string[]> {
    return this.ds
      .getRepository(NotificationRequestEntity)
      .find({ where: { eventId }, order: { id: 'ASC' } })
      .then((rows) => rows.map((r) => r.id));
  }

  // The people who may be told, with their channels: the active ones only. Read again only when
  // the directory's revision has moved since the last reading (DirectoryRevision1795979000000):
  // every notice planned asks for it. The revision is read first, so a change landing meanwhile
  // is read again next time rather than kept under the revision before it. Callers share what is
  // returned and must not change it.
  async directory(): Promise<Directory> {
    const revision = await this.directoryRevision();
    if (this.kept?.revision === revision) return this.kept.directory;
    const [persons, posts, channels] = await Promise.all([
      this.ds.getRepository(PersonEntity).find({ where: { disabledAt: IsNull() } }),
      this.ds.getRepository(PostEntity).find(),
      this.ds.getRepository(PersonChannelEntity).find({ where: { disabledAt: IsNull() } }),
    ]);
    const directory = { persons, posts, channels };
    this.kept = { revision, directory };
    return directory;
  }

  private async directoryRevision(): Promise<number> {
    const [row]: { revision: number | string }[] = await this.ds.query(
      'SELECT revision FROM directory_revision WHERE id = 1',
    );
    if (!row) throw new Error('directory_revision has no row: run the migrations');
    return Number(row.revision);
  }

  // Inserts each planned delivery once (its key is request + person + channel), then answers
  // every delivery of the request: a repeat of the planning changes nothing.
  async plan(request: NotificationRequestEntity, planned: readonly PlannedDelivery[]) {
    await connectionSafeTransaction(this.ds, async (em) => {
      for (const p of planned) {
        await em
          .createQueryBuilder()
          .insert()
          .into(NotificationDeliveryEntity)
          .values({
            id: randomUUID(),
            key: `${request.id}/${p.personId ?? '-'}/${p.channel}/${p.channelId ?? '-'}`,
            requestId: request.id,
            measureId: request.measureId,
            personId: p.personId,
            channel: p.channel,
            channelId: p.channelId,
            state: p.state,
            attempts: 0,
            lastError: p.gap ?? null,
            notBefore: p.notBefore,
            createdAt: new Date(),
            sentAt: p.state === 'sent' ? new Date() : null,
            readAt: null,
          })
          .orIgnore()
          .updateEntity(false)
          .execute();
      }
    });
    return this.forRequest(request.id);
  }

  forRequest(requestId: string): Promise<NotificationDeliveryEntity[]> {
    return this.ds
      .getRepository(NotificationDeliveryEntity)
      .find({ where: { requestId }, order: { createdAt: 'ASC', key: 'ASC' } });
  }

  find(id: string): Promise<NotificationDeliveryEntity | null> {
    return this.ds.getRepository(NotificationDeliveryEntity).findOneBy({ id });
  }

  findPerson(id: string): Promise<PersonEntity | null> {
    return this.ds.getRepository(PersonEntity).findOneBy({ id });
  }

  findChannel(id: string): Promise<PersonChannelEntity | null> {
    return this.ds.getRepository(PersonChannelEntity).findOneBy({ id });
  }

  // A person's informational e-mails waiting for the digest at `now`, oldest first.
  async digestDue(personId: string, now: Date): Promise<NotificationDeliveryEntity[]> {
    const rows = await this.ds.getRepository(NotificationDeliveryEntity).find({
      where: { personId, channel: 'email', state: In(['queued', 'failed']), notBefore: LessThanOrEqual(now) },
      order: { notBefore: 'ASC', createdAt: 'ASC' },
    });
    return rows;
  }

  async markSent(ids: readonly string[], at: Date): Promise<void> {
    if (!ids.length) return;
    await this.ds
      .getRepository(NotificationDeliveryEntity)
      .createQueryBuilder()
      .update()
      .set({ state: 'sent', sentAt: at, lastError: null, attempts: () => 'attempts + 1' })
      .where({ id: In([...ids]) })
      .execute();
  }

  async markFailed(id: string, error: string, dead: boolean): Promise<void> {
    await this.ds
      .getRepository(NotificationDeliveryEntity)
      .createQueryBuilder()
      .update()
      .set({
        state: dead ? 'dead' : 'failed',
        lastError: error.slice(0, 500),
        attempts: () => 'attempts + 1',
      })
      .where({ id, state: In(['queued', 'failed']) })
      .execute();
  }

  // The office's retry: a dead delivery is queued again (its attempts are kept on record).
  async requeue(id: string): Promise<boolean> {
    const r = await this.ds
      .getRepository(NotificationDeliveryEntity)
      .update({ id, state: 'dead' }, { state: 'queued', notBefore: new Date() });
    return (r.affected ?? 0) > 0;
  }

  async list(filter: DeliveryFilter): Promise<{ items: NotificationDeliveryEntity[]; total: number }> {
    const where = {
      ...(filter.measureId ? { measureId: filter.measureId } : {}),
      ...(filter.personId ? { personId: filter.personId } : {}),
      ...(filter.channel ? { channel: filter.channel } : {}),
      ...(filter.state ? { state: filter.state } : {}),
    };
    const [items, total] = await this.ds.getRepository(NotificationDeliveryEntity).findAndCount({
      where,
      order: { createdAt: 'DESC', key: 'ASC' },
      take: filter.limit,
      skip: filter.offset,
    });
    return { items, total };
  }

  async inbox(
    personId: string,
    o: { unreadOnly: boolean; limit: number; offset: number },
  ): Promise<{ items: NotificationDeliveryEntity[]; total: number }> {
    const [items, total] = await this.ds.getRepository(NotificationDeliveryEntity).findAndCount({
      where: { personId, channel: 'inbox', state: o.unreadOnly ? 'sent' : In(['sent', 'read']) },
      order: { createdAt: 'DESC', key: 'ASC' },
      take: o.limit,
      skip: o.offset,
    });
    return { items, total };
  }

  unreadCount(personId: string): Promise<number> {
    return this.ds
      .getRepository(NotificationDeliveryEntity)
      .countBy({ personId, channel: 'inbox', state: 'sent' });
  }

  // Only the person's own inbox item, and only once: answers whether it exists for them.
  async markRead(id: string, personId: string, at: Date): Promise<boolean> {
    const repo = this.ds.getRepository(NotificationDeliveryEntity);
    const row = await repo.findOneBy({ id, personId, channel: 'inbox' });
    if (!row) return false;
    if (row.state === 'sent') await repo.update({ id, state: 'sent' }, { state: 'read', readAt: at });
    return true;
  }

  // What an inbox item or a message says: the request, its event, measure and plan.
  async contextsOf(requestIds: readonly string[]): Promise<Map<string, RequestContext>> {
    const out = new Map<string, RequestContext>();
    for (const id of new Set(requestIds)) {
      const ctx = await this.requestContext(id);
      if (ctx) out.set(id, ctx);
    }
    return out;
  }

  // Deliveries by channel and state, for the metrics gauges: one grouped count.
  async countByChannelAndState(): Promise<
    { channel: DeliveryChannel; state: DeliveryState; count: number }[]
  > {
    const rows: { channel: DeliveryChannel; state: DeliveryState; count: number | string }[] = await this.ds
      .getRepository(NotificationDeliveryEntity)
      .createQueryBuilder('d')
      .select('d.channel', 'channel')
      .addSelect('d.state', 'state')
      .addSelect('COUNT(*)', 'count')
      .groupBy('d.channel')
      .addGroupBy('d.state')
      .getRawMany();
    return rows.map((r) => ({ channel: r.channel, state: r.state, count: Number(r.count) }));
  }
}
