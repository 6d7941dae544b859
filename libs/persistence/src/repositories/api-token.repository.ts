import { DataSource, IsNull } from 'typeorm';
import { ApiTokenEntity } from '../entities/api-token.entity';

export class ApiTokenRepository {
  constructor(private readonly ds: DataSource) {}

  async insert(token: ApiTokenEntity): Promise<void> {
    await this.ds.getRepository(ApiTokenEntity).insert(token);
  }

  findByHash(tokenHash: string): Promise<ApiTokenEntity | null> {
    return this.ds.getRepository(ApiTokenEntity).findOne({ where: { tokenHash } });
  }

  findById(id: string): Promise<ApiTokenEntity | null> {
    return this.ds.getRepository(ApiTokenEntity).findOne({ where: { id } });
  }

  list(): Promise<ApiTokenEntity[]> {
    return this.ds.getRepository(ApiTokenEntity).find({ order: { createdAt: 'DESC' } });
  }

  async revoke(id: string, at: Date): Promise<boolean> {
    const r = await this.ds
      .getRepository(ApiTokenEntity)
      .update({ id, revokedAt: IsNull() }, { revokedAt: at });
    return (r.affected ?? 0) > 0;
  }
}
