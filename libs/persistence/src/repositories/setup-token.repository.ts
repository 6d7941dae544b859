import { DataSource, LessThanOrEqual, MoreThan } from 'typeorm';
import { FIRST_ADMIN_SETUP, SetupTokenEntity } from '../entities/setup-token.entity';

export class SetupTokenRepository {
  constructor(private readonly ds: DataSource) {}

  // Stores a new token unless an unexpired one exists; the primary key lets only one replica win.
  async mint(tokenHash: string, now: Date, expiresAt: Date): Promise<boolean> {
    const repo = this.ds.getRepository(SetupTokenEntity);
    await repo.delete({ id: FIRST_ADMIN_SETUP, expiresAt: LessThanOrEqual(now) });
    try {
      await repo.insert({ id: FIRST_ADMIN_SETUP, tokenHash, createdAt: now, expiresAt });
      return true;
    } catch (err) {
      if (await repo.exist({ where: { id: FIRST_ADMIN_SETUP } })) return false;
      throw err;
    }
  }

  // The unexpired token's expiry, if there is one.
  async pendingUntil(now: Date): Promise<Date | null> {
    const row = await this.ds
      .getRepository(SetupTokenEntity)
      .findOne({ where: { id: FIRST_ADMIN_SETUP, expiresAt: MoreThan(now) } });
    return row?.expiresAt ?? null;
  }

  // True once, for the right unexpired token: the row is deleted as it is used.
  async consume(tokenHash: string, now: Date): Promise<boolean> {
    const r = await this.ds
      .getRepository(SetupTokenEntity)
      .delete({ id: FIRST_ADMIN_SETUP, tokenHash, expiresAt: MoreThan(now) });
    return (r.affected ?? 0) > 0;
  }
}
