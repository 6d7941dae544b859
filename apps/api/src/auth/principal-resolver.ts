import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../../../../libs/domain/src/authorization';
import { ApiTokenRepository } from '../../../../libs/persistence/src/repositories/api-token.repository';
import { AccessTokens } from './access-token';
import { API_TOKEN_PREFIX, hashOpaqueToken } from './opaque-token';

export type Resolution =
  | { readonly kind: 'none' }
  | { readonly kind: 'principal'; readonly principal: Principal }
  | { readonly kind: 'refused'; readonly reason: string };

// `Authorization: Bearer <token>`: an access token (JWT) of a signed-in user, or an API token.
@Injectable()
export class PrincipalResolver {
  constructor(
    @Inject(AccessTokens) private readonly accessTokens: AccessTokens,
    @Inject(ApiTokenRepository) private readonly apiTokens: ApiTokenRepository,
  ) {}

  async resolve(authorization: string | undefined, now = new Date()): Promise<Resolution> {
    if (!authorization) return { kind: 'none' };
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) return { kind: 'refused', reason: 'the Authorization header must be "Bearer <token>"' };
    const token = match[1];
    if (token.startsWith(API_TOKEN_PREFIX)) {
      const row = await this.apiTokens.findByHash(hashOpaqueToken(token));
      if (!row) return { kind: 'refused', reason: 'unknown API token' };
      if (row.revokedAt) return { kind: 'refused', reason: 'the API token was revoked' };
      if (row.expiresAt <= now) return { kind: 'refused', reason: 'the API token has expired' };
      return {
        kind: 'principal',
        principal: {
          kind: 'api_token',
          id: row.id,
          role: row.role,
          units: row.unitCodes,
          leaderName: row.leaderName,
        },
      };
    }
    const checked = await this.accessTokens.verify(token, Math.floor(now.getTime() / 1000));
    if (!checked.ok) return { kind: 'refused', reason: `access token refused: ${checked.reason}` };
    const c = checked.claims;
    return {
      kind: 'principal',
      principal: { kind: 'user', id: c.sub, role: c.role, units: c.units, leaderName: c.leader },
    };
  }
}
