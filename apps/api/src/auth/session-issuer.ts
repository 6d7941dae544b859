import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { RefreshTokenEntity } from '../../../../libs/persistence/src/entities/refresh-token.entity';
import type { UserEntity } from '../../../../libs/persistence/src/entities/user.entity';
import { RefreshTokenRepository } from '../../../../libs/persistence/src/repositories/refresh-token.repository';
import { ACCESS_TOKEN_TTL_SECONDS, AccessTokens } from './access-token';
import { newOpaqueToken, REFRESH_TOKEN_PREFIX } from './opaque-token';

const REFRESH_TOKEN_TTL_MS = 14 * 86_400_000;

export function accountView(u: UserEntity) {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    role: u.role,
    units: u.unitCodes,
    leaderName: u.leaderName,
    createdAt: u.createdAt.toISOString(),
    disabledAt: u.disabledAt ? u.disabledAt.toISOString() : null,
  };
}

// A signed-in session: a 15-minute access token and a refresh token that is replaced on each use.
@Injectable()
export class SessionIssuer {
  constructor(
    @Inject(AccessTokens) private readonly accessTokens: AccessTokens,
    @Inject(RefreshTokenRepository) private readonly refreshTokens: RefreshTokenRepository,
  ) {}

  async issue(user: UserEntity, familyId: string = randomUUID(), now = new Date()) {
    const access = await this.accessTokens.sign(
      { sub: user.id, role: user.role, units: user.unitCodes, leader: user.leaderName },
      Math.floor(now.getTime() / 1000),
    );
    const refresh = newOpaqueToken(REFRESH_TOKEN_PREFIX);
    const expiresAt = new Date(now.getTime() + REFRESH_TOKEN_TTL_MS);
    await this.refreshTokens.insert(
      Object.assign(new RefreshTokenEntity(), {
        id: randomUUID(),
        userId: user.id,
        familyId,
        tokenHash: refresh.hash,
        createdAt: now,
        expiresAt,
        revokedAt: null,
      }),
    );
    return {
      tokenType: 'Bearer' as const,
      accessToken: access.token,
      expiresIn: ACCESS_TOKEN_TTL_SECONDS,
      refreshToken: refresh.token,
      refreshExpiresAt: expiresAt.toISOString(),
      account: accountView(user),
    };
  }
}
