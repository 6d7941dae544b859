import { Inject, Injectable } from '@nestjs/common';
import { canGrantRole, Principal } from '../../../../libs/domain/src/authorization';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import { ApiTokenRepository } from '../../../../libs/persistence/src/repositories/api-token.repository';
import { noteAudit } from '../audit/audit-context';

@Injectable()
export class RevokeApiTokenUseCase {
  constructor(@Inject(ApiTokenRepository) private readonly tokens: ApiTokenRepository) {}

  async execute(principal: Principal, id: string): Promise<void> {
    const token = await this.tokens.findById(id);
    if (!token) throw new DomainError('NOT_FOUND', `no API token ${id}`);
    // Whoever may not hand out a role may not take it away either: an office and an admin token.
    if (!canGrantRole(principal, token.role))
      throw new DomainError('FORBIDDEN', `role ${principal.role} may not revoke a ${token.role} token`);
    // Revoking twice is the same as once. The tokens it created go with it.
    const revoked = await this.tokens.revoke(id, new Date());
    noteAudit({ after: { revoked } });
  }
}
