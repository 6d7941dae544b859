import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import { RefreshTokenRepository } from '../../../../libs/persistence/src/repositories/refresh-token.repository';
import { UserRepository } from '../../../../libs/persistence/src/repositories/user.repository';
import { noteAudit } from '../audit/audit-context';
import { hashOpaqueToken } from './opaque-token';
import { SessionIssuer } from './session-issuer';

// Trades a refresh token for a new session. The old token is spent; presenting it again means
// someone holds a copy, so the whole sign-in (its token family) ends for both holders.
@Injectable()
export class RefreshSessionUseCase {
  constructor(
    @Inject(RefreshTokenRepository) private readonly refreshTokens: RefreshTokenRepository,
    @Inject(UserRepository) private readonly users: UserRepository,
    @Inject(SessionIssuer) private readonly sessions: SessionIssuer,
  ) {}

  async execute(refreshToken: string) {
    const now = new Date();
    const row = await this.refreshTokens.findByHash(hashOpaqueToken(refreshToken));
    if (!row || row.expiresAt <= now)
      throw new DomainError('UNAUTHENTICATED', 'unknown or expired refresh token');
    noteAudit({ targets: { family: row.familyId } });
    if (row.revokedAt || !(await this.refreshTokens.revoke(row.id, now))) {
      await this.refreshTokens.revokeFamily(row.familyId, now);
      throw new DomainError('UNAUTHENTICATED', 'the refresh token was used before: this sign-in is ended');
    }
    const user = await this.users.findById(row.userId);
    if (!user || user.disabledAt) throw new DomainError('UNAUTHENTICATED', 'the account is disabled');
    noteAudit({ principal: { kind: 'user', id: user.id, role: user.role } });
    return this.sessions.issue(user, row.familyId, now);
  }
}
