import { Inject, Injectable } from '@nestjs/common';
import { AuditLogRepository } from '../../../../libs/persistence/src/repositories/audit-log.repository';

// Walks the whole chain and names the first broken link: the row and why. The CLI's
// `verify-audit` calls the same repository method.
@Injectable()
export class VerifyAuditChainUseCase {
  constructor(@Inject(AuditLogRepository) private readonly log: AuditLogRepository) {}

  execute() {
    return this.log.verify();
  }
}
