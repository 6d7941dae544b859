// One's own inbox (站内信) and notification settings: the person linked to the signed-in account.
import { Inject, Injectable } from '@nestjs/common';
import type { z } from 'zod';
import { RECTIFY_CONFIG } from '../../../../libs/config/src/config.module';
import type { RectifyConfig } from '../../../../libs/config/src/rectify-config';
import type { Principal } from '../../../../libs/domain/src/authorization';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import type { PersonEntity } from '../../../../libs/persistence/src/entities/person.entity';
import { DeliveryRepository } from '../../../../libs/persistence/src/repositories/delivery.repository';
import { PeopleRepository } from '../../../../libs/persistence/src/repositories/people.repository';
import { ownSettingsPatch } from './people.schemas';
import { personView } from './person-view';

@Injectable()
export class OwnPerson {
  constructor(@Inject(PeopleRepository) private readonly people: PeopleRepository) {}

  async of(p: Principal): Promise<PersonEntity> {
    const person = p.kind === 'user' ? await this.people.personOfUser(p.id) : null;
    if (!person)
      throw new DomainError(
        'NOT_FOUND',
        'no person is linked to this account; the office links accounts to persons',
      );
    return person;
  }
}

@Injectable()
export class ReadInboxUseCase {
  constructor(
    @Inject(OwnPerson) private readonly own: OwnPerson,
    @Inject(DeliveryRepository) private readonly deliveries: DeliveryRepository,
    @Inject(RECTIFY_CONFIG) private readonly config: RectifyConfig,
  ) {}

  async execute(p: Principal, q: { unreadOnly: boolean; limit: number; offset: number }) {
    const person = await this.own.of(p);
    const { items, total } = await this.deliveries.inbox(person.id, q);
    const contexts = await this.deliveries.contextsOf(items.map((d) => d.requestId));
    return {
      total,
      unread: await this.deliveries.unreadCount(person.id),
      items: items.flatMap((d) => {
        const ctx = contexts.get(d.requestId);
        if (!ctx) return [];
        return [
          {
            id: d.id,
            read: d.state === 'read',
            kind: ctx.event.kind,
            level: ctx.event.level,
            subject: ctx.request.subject,
            occurredAt: ctx.event.occurredAt.toISOString(),
            plan: { id: ctx.plan.id, code: ctx.plan.code, title: ctx.plan.title },
            measure: {
              id: ctx.measure.id,
              code: ctx.measure.code,
              title: ctx.measure.title,
              dueAt: ctx.measure.dueAt.toISOString(),
            },
            link: `${this.config.delivery.publicUrl}/measures/${ctx.measure.id}`,
          },
        ];
      }),
    };
  }
}

@Injectable()
export class MarkReadUseCase {
  constructor(
    @Inject(OwnPerson) private readonly own: OwnPerson,
    @Inject(DeliveryRepository) private readonly deliveries: DeliveryRepository,
  ) {}

  async execute(p: Principal, id: string) {
    const person = await this.own.of(p);
    // Someone else's item does not exist for this person.
    if (!(await this.deliveries.markRead(id, person.id, new Date())))
      throw new DomainError('NOT_FOUND', `no inbox item ${id}`);
    return { id, read: true, unread: await this.deliveries.unreadCount(person.id) };
  }
}

@Injectable()
export class GetOwnSettingsUseCase {
  constructor(
    @Inject(OwnPerson) private readonly own: OwnPerson,
    @Inject(PeopleRepository) private readonly people: PeopleRepository,
  ) {}

  async execute(p: Principal) {
    const person = await this.own.of(p);
    return personView(person, await this.people.channelsOf([person.id]));
  }
}

@Injectable()
export class UpdateOwnSettingsUseCase {
  constructor(
    @Inject(OwnPerson) private readonly own: OwnPerson,
    @Inject(PeopleRepository) private readonly people: PeopleRepository,
  ) {}

  async execute(p: Principal, patch: z.output<typeof ownSettingsPatch>) {
    const person = await this.own.of(p);
    const updated = (await this.people.updatePerson(person.id, patch)) as PersonEntity;
    return personView(updated, await this.people.channelsOf([person.id]));
  }
}
