import { DataSource, In, IsNull } from 'typeorm';
import { ApiTokenEntity } from '../entities/api-token.entity';
import { connectionSafeTransaction } from '../serialized-write';

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

  // Revokes the token and every token it created, down the lineage, in one transaction; returns
  // the ids revoked now (none when all were revoked before).
  async revoke(id: string, at: Date): Promise<string[]> {
    return connectionSafeTransaction(this.ds, async (em) => {
      const repo = em.getRepository(ApiTokenEntity);
      const lineage = [id];
      // Each id enters once, so bad data with a cycle cannot loop forever.
      for (let i = 0; i < lineage.length; i++) {
        const children = await repo.find({ where: { createdByTokenId: lineage[i] }, select: { id: true } });
        for (const c of children) if (!lineage.includes(c.id)) lineage.push(c.id);
      }
      const open = await repo.find({ where: { id: In(lineage), revokedAt: IsNull() }, select: { id: true } });
      if (open.length) await repo.update({ id: In(open.map((t) => t.id)) }, { revokedAt: at });
      return open.map((t) => t.id);
    });
  }
}
