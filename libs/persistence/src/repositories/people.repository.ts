import { randomUUID } from 'node:crypto';
import { DataSource, In, IsNull } from 'typeorm';
import type { Duty, QuietHours } from '../../../domain/src/recipients';
import { MeasureEntity } from '../entities/measure.entity';
import { PersonChannelEntity } from '../entities/person-channel.entity';
import { PersonEntity } from '../entities/person.entity';
import { PostEntity } from '../entities/post.entity';
import { connectionSafeTransaction } from '../serialized-write';

export interface PersonInput {
  readonly name: string;
  readonly userId: string | null;
  readonly unitCodes: readonly string[];
  readonly duties: readonly Duty[];
  readonly language: 'zh-CN' | 'en';
  readonly timeZone: string;
  readonly quietHours: QuietHours | null;
  readonly dailyDigest: boolean;
}

export type PersonSettings = Partial<Omit<PersonInput, 'userId'>> & { readonly disabled?: boolean };

export interface ChannelInput {
  readonly kind: 'email' | 'webhook';
  readonly address: string;
  readonly secret: string | null;
}

// Persons, posts and channels: the office's directory of who is told what.
export class PeopleRepository {
  constructor(private readonly ds: DataSource) {}

  async createPerson(input: PersonInput, channels: readonly ChannelInput[]): Promise<PersonEntity> {
    return connectionSafeTransaction(this.ds, async (em) => {
      const person: PersonEntity = {
        id: randomUUID(),
        ...input,
        unitCodes: [...input.unitCodes],
        duties: [...input.duties],
        createdAt: new Date(),
        disabledAt: null,
      };
      await em.insert(PersonEntity, person);
      for (const c of channels) await em.insert(PersonChannelEntity, channelRow(person.id, c));
      return person;
    });
  }

  findPerson(id: string): Promise<PersonEntity | null> {
    return this.ds.getRepository(PersonEntity).findOneBy({ id });
  }

  personOfUser(userId: string): Promise<PersonEntity | null> {
    return this.ds.getRepository(PersonEntity).findOneBy({ userId, disabledAt: IsNull() });
  }

  async updatePerson(id: string, s: PersonSettings): Promise<PersonEntity | null> {
    const { disabled, ...fields } = s;
    const patch: Partial<PersonEntity> = {
      ...fields,
      ...(fields.unitCodes ? { unitCodes: [...fields.unitCodes] } : {}),
      ...(fields.duties ? { duties: [...fields.duties] } : {}),
      ...(disabled === undefined ? {} : { disabledAt: disabled ? new Date() : null }),
    } as Partial<PersonEntity>;
    if (Object.keys(patch).length) await this.ds.getRepository(PersonEntity).update({ id }, patch as never);
    return this.findPerson(id);
  }

  listPersons(): Promise<PersonEntity[]> {
    return this.ds.getRepository(PersonEntity).find({ order: { name: 'ASC', id: 'ASC' } });
  }

  channelsOf(personIds: readonly string[]): Promise<PersonChannelEntity[]> {
    if (!personIds.length) return Promise.resolve([]);
    return this.ds.getRepository(PersonChannelEntity).find({
      where: { personId: In([...personIds]), disabledAt: IsNull() },
      order: { createdAt: 'ASC' },
    });
  }

  async addChannel(personId: string, c: ChannelInput): Promise<PersonChannelEntity> {
    const row = channelRow(personId, c);
    await this.ds.getRepository(PersonChannelEntity).insert(row);
    return row;
  }

  async disableChannel(personId: string, channelId: string): Promise<boolean> {
    const r = await this.ds
      .getRepository(PersonChannelEntity)
      .update({ id: channelId, personId, disabledAt: IsNull() }, { disabledAt: new Date() });
    return (r.affected ?? 0) > 0;
  }

  // A post is one per unit and title; assigning it again replaces the holder.
  async assignPost(unitCode: string, title: string, holderPersonId: string | null): Promise<PostEntity> {
    const repo = this.ds.getRepository(PostEntity);
    const existing = await repo.findOneBy({ unitCode, title });
    if (existing) {
      await repo.update({ id: existing.id }, { holderPersonId });
      return { ...existing, holderPersonId };
    }
    const post: PostEntity = { id: randomUUID(), unitCode, title, holderPersonId };
    await repo.insert(post);
    return post;
  }

  listPosts(): Promise<PostEntity[]> {
    return this.ds.getRepository(PostEntity).find({ order: { unitCode: 'ASC', title: 'ASC' } });
  }

  // What open measures name: each lead unit and lead leader once, with how many measures name it.
  async openAddressees(): Promise<{ leadUnitCode: string; leadLeader: string; measures: number }[]> {
    const rows: { lead_unit_code: string; lead_leader: string; n: string | number }[] = await this.ds
      .getRepository(MeasureEntity)
      .createQueryBuilder('m')
      .select(['m.lead_unit_code AS lead_unit_code', 'm.lead_leader AS lead_leader', 'COUNT(*) AS n'])
      .where('m.status IN (:...open)', { open: ['assigned', 'in_progress', 'completion_claimed'] })
      .groupBy('m.lead_unit_code')
      .addGroupBy('m.lead_leader')
      .orderBy('m.lead_unit_code')
      .addOrderBy('m.lead_leader')
      .getRawMany();
    return rows.map((r) => ({
      leadUnitCode: r.lead_unit_code,
      leadLeader: r.lead_leader,
      measures: Number(r.n),
    }));
  }
}

function channelRow(personId: string, c: ChannelInput): PersonChannelEntity {
  return {
    id: randomUUID(),
    personId,
    kind: c.kind,
    address: c.address,
    secret: c.secret,
    createdAt: new Date(),
    disabledAt: null,
  };
}
