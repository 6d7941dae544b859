// The delivery workflow's side effects: plan who a request reaches (once), send one delivery on
// its channel (at most once per success: a sent delivery is never sent again), record the dead.
import { ApplicationFailure } from '@temporalio/common';
import { DeliveryPlanner } from '../libs/notifications/src/delivery-planner';
import { DeliveryError, Notice } from '../libs/notifications/src/notice';
import type {
  DeliveryChannel,
  NotificationDeliveryEntity,
} from '../libs/persistence/src/entities/notification-delivery.entity';
import type { PersonChannelEntity } from '../libs/persistence/src/entities/person-channel.entity';
import type { PersonEntity } from '../libs/persistence/src/entities/person.entity';
import type {
  DeliveryRepository,
  RequestContext,
} from '../libs/persistence/src/repositories/delivery.repository';
import type { PlannedDeliveryView } from '../workflows/delivery/delivery.contract';

// The channels a worker can send on. E-mail is null when no SMTP server is configured: such
// deliveries end dead with that reason, so the gap is visible instead of silent.
export interface NoticeChannels {
  readonly email: {
    send(to: string, recipient: PersonEntity, notices: readonly Notice[]): Promise<void>;
  } | null;
  readonly webhook: { send(endpoint: { url: string; secret: string }, notice: Notice): Promise<void> };
}

export const NOT_DELIVERABLE = 'NOT_DELIVERABLE';

// Test-only fault injection (RECTIFY_FAULT_KILL_AFTER_DELIVERY): called after a delivery was
// recorded as sent and before the activity completes, so a crash there loses only the completion.
export type AfterSentHook = (delivery: { readonly id: string; readonly channel: DeliveryChannel }) => void;

export class DeliveryActivities {
  private readonly planner: DeliveryPlanner;

  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly channels: NoticeChannels,
    private readonly publicUrl: string,
    private readonly afterSent?: AfterSentHook,
  ) {
    this.planner = new DeliveryPlanner(deliveries);
  }

  async planDeliveries(input: { requestId: string }): Promise<PlannedDeliveryView[]> {
    const rows = await this.planner.plan(input.requestId);
    if (!rows)
      throw ApplicationFailure.nonRetryable(`no notification request ${input.requestId}`, NOT_DELIVERABLE);
    return rows.map((d) => ({
      id: d.id,
      channel: d.channel,
      state: d.state,
      notBefore: d.notBefore.toISOString(),
    }));
  }

  // Sends one delivery. A delivery already sent (by an earlier attempt, or in a digest) is not
  // sent again. A permanent refusal ends the tries at once; anything else is retried.
  async deliver(input: { deliveryId: string }): Promise<{ sent: boolean }> {
    const d = await this.deliveries.find(input.deliveryId);
    if (!d) throw ApplicationFailure.nonRetryable(`no delivery ${input.deliveryId}`, NOT_DELIVERABLE);
    if (d.state !== 'queued' && d.state !== 'failed') return { sent: false };
    try {
      const sentIds = await this.send(d);
      await this.deliveries.markSent(sentIds, new Date());
    } catch (e) {
      const permanent = e instanceof DeliveryError ? e.permanent : false;
      const message = e instanceof Error ? e.message : String(e);
      await this.deliveries.markFailed(d.id, message, permanent);
      if (permanent) throw ApplicationFailure.nonRetryable(message, NOT_DELIVERABLE);
      throw e;
    }
    this.afterSent?.({ id: d.id, channel: d.channel });
    return { sent: true };
  }

  async markDead(input: { deliveryId: string; error: string }): Promise<void> {
    await this.deliveries.markFailed(input.deliveryId, input.error, true);
  }

  private async send(d: NotificationDeliveryEntity): Promise<string[]> {
    const person = d.personId ? await this.deliveries.findPerson(d.personId) : null;
    const channel = d.channelId ? await this.deliveries.findChannel(d.channelId) : null;
    if (!person || !channel || channel.disabledAt)
      throw new DeliveryError('the person or the channel is gone', true);
    const ctx = await this.deliveries.requestContext(d.requestId);
    if (!ctx) throw new DeliveryError(`no notification request ${d.requestId}`, true);
    if (channel.kind === 'webhook') {
      await this.channels.webhook.send(
        { url: channel.address, secret: channel.secret ?? '' },
        this.notice(d, person, ctx),
      );
      return [d.id];
    }
    if (!this.channels.email)
      throw new DeliveryError('no SMTP server is configured (RECTIFY_SMTP_URL)', true);
    // A digest sends every informational e-mail of the person that is due now, in one message.
    const batch =
      person.dailyDigest && ctx.event.level === 0
        ? await this.batchFor(person, channel, d)
        : [{ delivery: d, notice: this.notice(d, person, ctx) }];
    await this.channels.email.send(
      channel.address,
      person,
      batch.map((b) => b.notice),
    );
    return batch.map((b) => b.delivery.id);
  }

  private async batchFor(person: PersonEntity, channel: PersonChannelEntity, d: NotificationDeliveryEntity) {
    const due = (await this.deliveries.digestDue(person.id, new Date())).filter(
      (x) => x.channelId === channel.id,
    );
    const rows = due.some((x) => x.id === d.id) ? due : [d, ...due];
    const contexts = await this.deliveries.contextsOf(rows.map((r) => r.requestId));
    return rows
      .filter((r) => contexts.has(r.requestId))
      .map((r) => ({
        delivery: r,
        notice: this.notice(r, person, contexts.get(r.requestId) as RequestContext),
      }));
  }

  private notice(d: NotificationDeliveryEntity, person: PersonEntity, ctx: RequestContext): Notice {
    return noticeOf(d.id, person, ctx, this.publicUrl);
  }
}

export function noticeOf(
  deliveryId: string,
  person: PersonEntity,
  ctx: RequestContext,
  publicUrl: string,
): Notice {
  const detail = ctx.event.detail as { deadline?: unknown };
  return {
    deliveryId,
    language: person.language,
    timeZone: person.timeZone,
    recipientName: person.name,
    kind: ctx.event.kind,
    level: ctx.event.level,
    subject: ctx.request.subject,
    plan: { code: ctx.plan.code, title: ctx.plan.title },
    measure: {
      id: ctx.measure.id,
      code: ctx.measure.code,
      title: ctx.measure.title,
      // A ladder step names the deadline it belongs to (a milestone's, perhaps); otherwise the measure's.
      dueAt: typeof detail.deadline === 'string' ? detail.deadline : ctx.measure.dueAt.toISOString(),
      leadUnitCode: ctx.measure.leadUnitCode,
      leadLeader: ctx.measure.leadLeader,
    },
    link: `${publicUrl}/measures/${ctx.measure.id}`,
    occurredAt: ctx.event.occurredAt.toISOString(),
  };
}

export function deliveryActivityFunctions(
  a: DeliveryActivities,
): Pick<DeliveryActivities, 'planDeliveries' | 'deliver' | 'markDead'> {
  return {
    planDeliveries: a.planDeliveries.bind(a),
    deliver: a.deliver.bind(a),
    markDead: a.markDead.bind(a),
  };
}
