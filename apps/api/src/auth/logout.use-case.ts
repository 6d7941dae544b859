import { Inject, Injectable } from '@nestjs/common';
import { RefreshTokenRepository } from '../../../../libs/persistence/src/repositories/refresh-token.repository';
import { UserRepository } from '../../../../libs/persistence/src/repositories/user.repository';
import { noteAudit } from '../audit/audit-context';
import { hashOpaqueToken } from './opaque-token';

// Ends the sign-in the refresh token belongs to. Access tokens already handed out stay valid
// until they expire (at most 15 minutes): they are not looked up per request.
@Injectable()
export class LogoutUseCase {
  constructor(
    @Inject(RefreshTokenRepository) private readonly refreshTokens: RefreshTokenRepository,
    @Inject(UserRepository) private readonly users: UserRepository,
  ) {}

  async execute(refreshToken: string): Promise<void> {
    const row = await this.refreshTokens.findByHash(hashOpaqueToken(refreshToken));
    if (!row) return;
    const user = await this.users.findById(row.userId);
    if (user) noteAudit({ principal: { kind: 'user', id: user.id, role: user.role } });
    noteAudit({ targets: { family: row.familyId } });
    await this.refreshTokens.revokeFamily(row.familyId, new Date());
  }
}
