import { Inject, Injectable } from '@nestjs/common';
import { RECTIFY_CONFIG } from '../../../../libs/config/src/config.module';
import type { RectifyConfig } from '../../../../libs/config/src/rectify-config';
import { AuditKeyring } from '../../../../libs/persistence/src/audit-keyring';
import { verifyAuditLog } from '../../../../libs/persistence/src/audit-verification';
import { AuditLogRepository } from '../../../../libs/persistence/src/repositories/audit-log.repository';

// Walks the whole chain and checks it against the anchor file: the first broken row and why, an
// anchor the chain no longer reaches, anchors with bad signatures. The CLI's `verify-audit` runs
// the same check.
@Injectable()
export class VerifyAuditChainUseCase {
  constructor(
    @Inject(AuditLogRepository) private readonly log: AuditLogRepository,
    @Inject(AuditKeyring) private readonly keyring: AuditKeyring,
    @Inject(RECTIFY_CONFIG) private readonly config: RectifyConfig,
  ) {}

  execute() {
    return verifyAuditLog(this.log, this.keyring, this.config.audit.anchorFile);
  }
}
