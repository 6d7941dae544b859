import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { RECTIFY_CONFIG } from '../../../../libs/config/src/config.module';
import type { RectifyConfig } from '../../../../libs/config/src/rectify-config';
import type { Principal } from '../../../../libs/domain/src/authorization';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import { EvidenceEntity } from '../../../../libs/persistence/src/entities/evidence.entity';
import { EvidenceRepository } from '../../../../libs/persistence/src/repositories/evidence.repository';
import { MeasureRepository } from '../../../../libs/persistence/src/repositories/measure.repository';
import { noteAudit } from '../audit/audit-context';
import { MeasureAccess } from '../auth/measure-access';
import { EvidenceFileStore } from './evidence-file.store';
import { EVIDENCE_TYPES, isEvidenceContentType, sniffEvidenceType } from './evidence-type';

export interface UploadEvidenceCommand {
  readonly principal: Principal;
  readonly measureId: string;
  readonly declaredType: string | undefined;
  readonly declaredLength: number | null;
  readonly originalName: string;
  readonly body: Readable;
}

export function evidenceView(e: EvidenceEntity) {
  return {
    id: e.id,
    measureId: e.measureId,
    sha256: e.sha256,
    contentType: e.contentType,
    size: e.size,
    name: e.originalName,
    uploadedBy: { id: e.uploaderId, role: e.uploaderRole },
    uploadedAt: e.uploadedAt.toISOString(),
  };
}

// 佐证材料 for a measure the uploader may work on. Everything cheap is checked before the first
// byte is read; the content's own type is checked after it is on disk, before it is kept.
@Injectable()
export class UploadEvidenceUseCase {
  constructor(
    @Inject(RECTIFY_CONFIG) private readonly config: RectifyConfig,
    @Inject(MeasureRepository) private readonly measures: MeasureRepository,
    @Inject(EvidenceRepository) private readonly evidence: EvidenceRepository,
    @Inject(MeasureAccess) private readonly access: MeasureAccess,
    @Inject(EvidenceFileStore) private readonly files: EvidenceFileStore,
  ) {}

  async execute(cmd: UploadEvidenceCommand) {
    const measure = await this.measures.findById(cmd.measureId);
    if (!measure) throw new DomainError('NOT_FOUND', `no measure ${cmd.measureId}`);
    await this.access.assertCanAct(cmd.principal, 'evidence:upload', measure);
    const declared = (cmd.declaredType ?? '').split(';')[0].trim().toLowerCase();
    if (!isEvidenceContentType(declared)) {
      throw new DomainError(
        'UNSUPPORTED_MEDIA_TYPE',
        `evidence must be one of ${Object.values(EVIDENCE_TYPES).join(', ')} (Content-Type ${Object.keys(EVIDENCE_TYPES).join(', ')})`,
      );
    }
    const max = this.config.evidence.maxBytes;
    if (cmd.declaredLength !== null && cmd.declaredLength > max) {
      throw new DomainError('PAYLOAD_TOO_LARGE', `evidence files are limited to ${max} bytes`);
    }
    const file = await this.files.receive(cmd.body, max);
    const actual = this.files.withReader(file.tempPath, (read) => sniffEvidenceType(file.size, read));
    if (actual !== declared) {
      await this.files.discard(file.tempPath);
      throw new DomainError(
        'UNSUPPORTED_MEDIA_TYPE',
        `the content is ${actual ? EVIDENCE_TYPES[actual] : 'not an accepted type'}, not ${EVIDENCE_TYPES[declared]} as declared`,
      );
    }
    await this.files.keep(file);
    const row = Object.assign(new EvidenceEntity(), {
      id: randomUUID(),
      sha256: file.sha256,
      contentType: declared,
      size: file.size,
      originalName: cmd.originalName,
      measureId: measure.id,
      uploaderId: cmd.principal.id,
      uploaderRole: cmd.principal.role,
      uploadedAt: new Date(),
    });
    await this.evidence.insert(row);
    const view = evidenceView(row);
    noteAudit({ targets: { measureId: measure.id, evidenceId: row.id }, after: view });
    return view;
  }
}
