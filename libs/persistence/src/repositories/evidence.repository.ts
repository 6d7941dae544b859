import { DataSource } from 'typeorm';
import { EvidenceEntity } from '../entities/evidence.entity';

export class EvidenceRepository {
  constructor(private readonly ds: DataSource) {}

  async insert(evidence: EvidenceEntity): Promise<void> {
    await this.ds.getRepository(EvidenceEntity).insert(evidence);
  }

  findById(id: string): Promise<EvidenceEntity | null> {
    return this.ds.getRepository(EvidenceEntity).findOne({ where: { id } });
  }
}
