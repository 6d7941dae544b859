import { DataSource, In, IsNull } from 'typeorm';
import { RefreshTokenEntity } from '../entities/refresh-token.entity';
import { UserEntity } from '../entities/user.entity';
import { isUniqueViolation, serializedWrite } from '../serialized-write';

export class UserRepository {
  constructor(private readonly ds: DataSource) {}

  async any(): Promise<boolean> {
    return (await this.ds.getRepository(UserEntity).count({ take: 1 })) > 0;
  }

  findByEmail(email: string): Promise<UserEntity | null> {
    return this.ds.getRepository(UserEntity).findOne({ where: { email: email.toLowerCase() } });
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.ds.getRepository(UserEntity).findOne({ where: { id } });
  }

  // The names of the accounts among `ids` that exist (a deleted or unknown id is left out).
  async displayNames(ids: readonly string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const users = await this.ds.getRepository(UserEntity).find({ where: { id: In([...ids]) } });
    return new Map(users.map((u) => [u.id, u.displayName]));
  }

  list(): Promise<UserEntity[]> {
    return this.ds.getRepository(UserEntity).find({ order: { createdAt: 'ASC', email: 'ASC' } });
  }

  // 'exists' when the mailbox already has an account.
  async create(user: UserEntity): Promise<'created' | 'exists'> {
    try {
      await this.ds.getRepository(UserEntity).insert(user);
      return 'created';
    } catch (e) {
      if (isUniqueViolation(e)) return 'exists';
      throw e;
    }
  }

  // The first account of an installation, once: 'taken' when any account exists already.
  createFirst(user: UserEntity): Promise<'created' | 'taken'> {
    return serializedWrite(this.ds, 'first-user', async (em) => {
      if ((await em.count(UserEntity, { take: 1 })) > 0) return 'taken';
      await em.insert(UserEntity, user);
      return 'created';
    });
  }

  async setPasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.ds.getRepository(UserEntity).update({ id }, { passwordHash });
  }

  // Replaces the hash only if it is still `previous`: a password changed meanwhile stays changed.
  async rehashPassword(id: string, previous: string, passwordHash: string): Promise<void> {
    await this.ds.getRepository(UserEntity).update({ id, passwordHash: previous }, { passwordHash });
  }

  // A disabled account signs in no more, and its sessions end with their refresh tokens.
  async disable(id: string, at: Date): Promise<boolean> {
    const r = await this.ds
      .getRepository(UserEntity)
      .update({ id, disabledAt: IsNull() }, { disabledAt: at });
    await this.ds
      .getRepository(RefreshTokenEntity)
      .update({ userId: id, revokedAt: IsNull() }, { revokedAt: at });
    return (r.affected ?? 0) > 0;
  }
}
