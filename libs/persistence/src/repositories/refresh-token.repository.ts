import { DataSource, IsNull } from 'typeorm';
import { RefreshTokenEntity } from '../entities/refresh-token.entity';

export class RefreshTokenRepository {
  constructor(private readonly ds: DataSource) {}

  async insert(token: RefreshTokenEntity): Promise<void> {
    await this.ds.getRepository(RefreshTokenEntity).insert(token);
  }

  findByHash(tokenHash: string): Promise<RefreshTokenEntity | null> {
    return this.ds.getRepository(RefreshTokenEntity).findOne({ where: { tokenHash } });
  }

  // True for the one caller that revoked it; a second use of the same token gets false.
  async revoke(id: string, at: Date): Promise<boolean> {
    const r = await this.ds
      .getRepository(RefreshTokenEntity)
      .update({ id, revokedAt: IsNull() }, { revokedAt: at });
    return (r.affected ?? 0) > 0;
  }

  async revokeFamily(familyId: string, at: Date): Promise<void> {
    await this.ds
      .getRepository(RefreshTokenEntity)
      .update({ familyId, revokedAt: IsNull() }, { revokedAt: at });
  }

  async revokeAllOfUser(userId: string, at: Date): Promise<void> {
    await this.ds
      .getRepository(RefreshTokenEntity)
      .update({ userId, revokedAt: IsNull() }, { revokedAt: at });
  }
}
