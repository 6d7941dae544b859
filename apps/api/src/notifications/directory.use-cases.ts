// The office's directory of who is told what: persons with their channels, posts and holders.
import { Inject, Injectable } from '@nestjs/common';
import type { z } from 'zod';
import { RECTIFY_CONFIG } from '../../../../libs/config/src/config.module';
import type { RectifyConfig } from '../../../../libs/config/src/rectify-config';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import { checkWebhookUrl } from '../../../../libs/notifications/src/webhook/webhook-url-policy';
import { UserRepository } from '../../../../libs/persistence/src/repositories/user.repository';
import {
  ChannelInput,
  PeopleRepository,
} from '../../../../libs/persistence/src/repositories/people.repository';
import { channelBody, personBody, personPatch, postBody } from './people.schemas';
import { personView } from './person-view';

type ChannelBody = z.output<typeof channelBody>;

// Webhooks go only to allow-listed hosts: refused when the channel is added, not at 3 a.m.
function checkedChannel(c: ChannelBody, allow: readonly string[], path: string): ChannelInput {
  if (c.kind === 'email') return { kind: 'email', address: c.address.trim().toLowerCase(), secret: null };
  const verdict = checkWebhookUrl(c.address, allow);
  if (!verdict.ok) {
    throw new DomainError('VALIDATION_FAILED', `${path}.address: ${verdict.reason}`, [
      { path: `${path}.address`, message: verdict.reason },
    ]);
  }
  return { kind: 'webhook', address: c.address, secret: c.secret };
}

function notFound(what: string): never {
  throw new DomainError('NOT_FOUND', `no ${what}`);
}

@Injectable()
export class CreatePersonUseCase {
  constructor(
    @Inject(PeopleRepository) private readonly people: PeopleRepository,
    @Inject(UserRepository) private readonly users: UserRepository,
    @Inject(RECTIFY_CONFIG) private readonly config: RectifyConfig,
  ) {}

  async execute(body: z.output<typeof personBody>) {
    const { channels, ...input } = body;
    const checked = channels.map((c, i) =>
      checkedChannel(c, this.config.delivery.webhookAllow, `body.channels[${i}]`),
    );
    if (input.userId && !(await this.users.findById(input.userId))) {
      const message = `no account ${input.userId}`;
      throw new DomainError('VALIDATION_FAILED', `body.userId: ${message}`, [
        { path: 'body.userId', message },
      ]);
    }
    if (input.userId && (await this.people.personOfUser(input.userId)))
      throw new DomainError('PLAN_CONFLICT', `account ${input.userId} is already linked to a person`);
    const person = await this.people.createPerson(input, checked);
    return personView(person, await this.people.channelsOf([person.id]));
  }
}

@Injectable()
export class UpdatePersonUseCase {
  constructor(@Inject(PeopleRepository) private readonly people: PeopleRepository) {}

  async execute(id: string, patch: z.output<typeof personPatch>) {
    const person = (await this.people.updatePerson(id, patch)) ?? notFound(`person ${id}`);
    return personView(person, await this.people.channelsOf([id]));
  }
}

@Injectable()
export class AddChannelUseCase {
  constructor(
    @Inject(PeopleRepository) private readonly people: PeopleRepository,
    @Inject(RECTIFY_CONFIG) private readonly config: RectifyConfig,
  ) {}

  async execute(personId: string, body: ChannelBody) {
    if (!(await this.people.findPerson(personId))) notFound(`person ${personId}`);
    const channel = await this.people.addChannel(
      personId,
      checkedChannel(body, this.config.delivery.webhookAllow, 'body'),
    );
    return { id: channel.id, kind: channel.kind, address: channel.address };
  }
}

@Injectable()
export class RemoveChannelUseCase {
  constructor(@Inject(PeopleRepository) private readonly people: PeopleRepository) {}

  async execute(personId: string, channelId: string): Promise<void> {
    if (!(await this.people.disableChannel(personId, channelId)))
      notFound(`channel ${channelId} of person ${personId}`);
  }
}

@Injectable()
export class ListPersonsUseCase {
  constructor(@Inject(PeopleRepository) private readonly people: PeopleRepository) {}

  async execute() {
    const persons = await this.people.listPersons();
    const channels = await this.people.channelsOf(persons.map((p) => p.id));
    return { items: persons.map((p) => personView(p, channels)) };
  }
}

@Injectable()
export class AssignPostUseCase {
  constructor(@Inject(PeopleRepository) private readonly people: PeopleRepository) {}

  // Who holds the post from now on: every notice planned from now reaches the new holder.
  async execute(body: z.output<typeof postBody>) {
    if (body.holderPersonId && !(await this.people.findPerson(body.holderPersonId))) {
      const message = `no person ${body.holderPersonId}`;
      throw new DomainError('VALIDATION_FAILED', `body.holderPersonId: ${message}`, [
        { path: 'body.holderPersonId', message },
      ]);
    }
    return this.people.assignPost(body.unitCode, body.title, body.holderPersonId);
  }
}

@Injectable()
export class ListPostsUseCase {
  constructor(@Inject(PeopleRepository) private readonly people: PeopleRepository) {}

  async execute() {
    return { items: await this.people.listPosts() };
  }
}
