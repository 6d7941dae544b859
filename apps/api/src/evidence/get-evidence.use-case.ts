import { Inject, Injectable } from '@nestjs/common';
import type { ReadStream } from 'node:fs';
import type { Principal } from '../../../../libs/domain/src/authorization';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import type { EvidenceEntity } from '../../../../libs/persistence/src/entities/evidence.entity';
import { EvidenceRepository } from '../../../../libs/persistence/src/repositories/evidence.repository';
import { MeasureRepository } from '../../../../libs/persistence/src/repositories/measure.repository';
import { MeasureAccess } from '../auth/measure-access';
import { EvidenceFileStore } from './evidence-file.store';

// Evidence is readable by whoever may read its measure; for anyone else it does not exist.
@Injectable()
export class GetEvidenceUseCase {
  constructor(
    @Inject(EvidenceRepository) private readonly evidence: EvidenceRepository,
    @Inject(MeasureRepository) private readonly measures: MeasureRepository,
    @Inject(MeasureAccess) private readonly access: MeasureAccess,
    @Inject(EvidenceFileStore) private readonly files: EvidenceFileStore,
  ) {}

  async execute(principal: Principal, id: string): Promise<{ meta: EvidenceEntity; content: ReadStream }> {
    const meta = await this.evidence.findById(id);
    const measure = meta ? await this.measures.findById(meta.measureId) : null;
    if (!meta || !measure) throw new DomainError('NOT_FOUND', `no evidence ${id}`);
    try {
      await this.access.assertCanAct(principal, 'evidence:read', measure);
    } catch (e) {
      if (e instanceof DomainError && e.code === 'NOT_FOUND')
        throw new DomainError('NOT_FOUND', `no evidence ${id}`);
      throw e;
    }
    return { meta, content: this.files.open(meta.sha256) };
  }
}
