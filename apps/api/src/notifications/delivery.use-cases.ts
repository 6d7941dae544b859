// What happened to every notice: deliveries by measure, person, channel and state; the gaps
// (addressees nobody serves) before a notice is lost to them; the office's retry of a dead one.
import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import { resolveRecipients } from '../../../../libs/domain/src/recipients';
import type { NotificationDeliveryEntity } from '../../../../libs/persistence/src/entities/notification-delivery.entity';
import {
  DeliveryFilter,
  DeliveryRepository,
} from '../../../../libs/persistence/src/repositories/delivery.repository';
import { PeopleRepository } from '../../../../libs/persistence/src/repositories/people.repository';
import { DeliveryWorkflowGateway } from '../../../../libs/temporal/src/delivery-workflow.gateway';

export function deliveryView(d: NotificationDeliveryEntity) {
  return {
    id: d.id,
    requestId: d.requestId,
    measureId: d.measureId,
    personId: d.personId,
    channel: d.channel,
    channelId: d.channelId,
    state: d.state,
    attempts: d.attempts,
    lastError: d.lastError,
    notBefore: d.notBefore.toISOString(),
    createdAt: d.createdAt.toISOString(),
    sentAt: d.sentAt?.toISOString() ?? null,
    readAt: d.readAt?.toISOString() ?? null,
  };
}

@Injectable()
export class ListDeliveriesUseCase {
  constructor(@Inject(DeliveryRepository) private readonly deliveries: DeliveryRepository) {}

  async execute(filter: DeliveryFilter) {
    const { items, total } = await this.deliveries.list(filter);
    return { items: items.map(deliveryView), total };
  }
}

@Injectable()
export class RetryDeliveryUseCase {
  constructor(
    @Inject(DeliveryRepository) private readonly deliveries: DeliveryRepository,
    @Inject(DeliveryWorkflowGateway) private readonly workflows: DeliveryWorkflowGateway,
  ) {}

  async execute(id: string) {
    const d = await this.deliveries.find(id);
    if (!d) throw new DomainError('NOT_FOUND', `no delivery ${id}`);
    if (!(await this.deliveries.requeue(id)))
      throw new DomainError(
        'COMMAND_REFUSED',
        `delivery ${id} is ${d.state}; only a dead delivery is sent again`,
      );
    try {
      await this.workflows.redeliver(id, d.attempts);
    } catch (e) {
      throw new DomainError(
        'TEMPORAL_UNAVAILABLE',
        `the delivery is queued but not started: ${(e as Error).message}`,
      );
    }
    return deliveryView({ ...d, state: 'queued' });
  }
}

@Injectable()
export class ListGapsUseCase {
  constructor(
    @Inject(PeopleRepository) private readonly people: PeopleRepository,
    @Inject(DeliveryRepository) private readonly deliveries: DeliveryRepository,
  ) {}

  // Every addressee open measures name that no person would receive today, with the reason,
  // and the notices that already reached nobody.
  async execute() {
    const { persons, posts } = await this.deliveries.directory();
    const gaps: {
      addresseeKind: 'unit' | 'leader';
      addressee: string;
      leadUnitCode: string;
      measures: number;
      reason: string;
    }[] = [];
    const seen = new Set<string>();
    for (const a of await this.people.openAddressees()) {
      const checks = [
        { addresseeKind: 'unit' as const, addressee: a.leadUnitCode },
        { addresseeKind: 'leader' as const, addressee: a.leadLeader },
      ];
      for (const c of checks) {
        const key = `${c.addresseeKind}/${c.addressee}/${a.leadUnitCode}`;
        const found = resolveRecipients(c, { leadUnitCode: a.leadUnitCode, persons, posts });
        if (!('gap' in found) || seen.has(key)) continue;
        seen.add(key);
        gaps.push({ ...c, leadUnitCode: a.leadUnitCode, measures: a.measures, reason: found.gap });
      }
    }
    const unaddressed = await this.deliveries.list({ state: 'unaddressed', limit: 100, offset: 0 });
    return {
      postsWithoutHolder: posts.filter((p) => !p.holderPersonId),
      addressees: gaps,
      unaddressedNotices: { items: unaddressed.items.map(deliveryView), total: unaddressed.total },
    };
  }
}
