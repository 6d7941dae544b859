// 送达计划: who one notification request reaches, on which channels and from when. Planned once per
// request (a repeat changes nothing). The inbox copy is delivered by the planning itself; only
// e-mail and webhook deliveries wait (quiet hours, digest) or retry, so only they need a delivery
// workflow.
import { deliveryTime } from '../../domain/src/delivery-timing';
import { AddresseeKind, resolveRecipients } from '../../domain/src/recipients';
import type { NotificationDeliveryEntity } from '../../persistence/src/entities/notification-delivery.entity';
import type {
  DeliveryRepository,
  PlannedDelivery,
} from '../../persistence/src/repositories/delivery.repository';

export class DeliveryPlanner {
  constructor(private readonly deliveries: DeliveryRepository) {}

  // Every delivery of the request, planned now or before; null: there is no such request.
  async plan(requestId: string): Promise<NotificationDeliveryEntity[] | null> {
    const ctx = await this.deliveries.requestContext(requestId);
    if (!ctx) return null;
    const now = Date.now();
    const { persons, posts, channels } = await this.deliveries.directory();
    const found = resolveRecipients(
      { addresseeKind: ctx.request.addresseeKind as AddresseeKind, addressee: ctx.request.addressee },
      { leadUnitCode: ctx.measure.leadUnitCode, persons, posts },
    );
    const planned: PlannedDelivery[] = [];
    if ('gap' in found) {
      planned.push({
        personId: null,
        channel: 'inbox',
        channelId: null,
        state: 'unaddressed',
        notBefore: new Date(now),
        gap: found.gap,
      });
    } else {
      // 催办 and above reach people at once, whatever their settings say.
      const urgency = ctx.event.level >= 1 ? 'escalation' : 'informational';
      for (const personId of found.personIds) {
        const person = persons.find((p) => p.id === personId);
        if (!person) continue;
        planned.push({
          personId,
          channel: 'inbox',
          channelId: null,
          state: 'sent',
          notBefore: new Date(now),
        });
        const at = new Date(deliveryTime(now, person, urgency).notBeforeMs);
        for (const ch of channels.filter((c) => c.personId === personId)) {
          planned.push({ personId, channel: ch.kind, channelId: ch.id, state: 'queued', notBefore: at });
        }
      }
    }
    return this.deliveries.plan(ctx.request, planned);
  }
}

// Whether a request's deliveries need a delivery workflow: some are still to be sent.
export function needsDeliveryWorkflow(deliveries: readonly { readonly state: string }[]): boolean {
  return deliveries.some((d) => d.state === 'queued');
}
