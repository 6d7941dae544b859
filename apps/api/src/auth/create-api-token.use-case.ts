import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { canGrantRole, Principal, Role, scopeProblem } from '../../../../libs/domain/src/authorization';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import { ApiTokenEntity } from '../../../../libs/persistence/src/entities/api-token.entity';
import { ApiTokenRepository } from '../../../../libs/persistence/src/repositories/api-token.repository';
import { noteAudit } from '../audit/audit-context';
import { API_TOKEN_PREFIX, newOpaqueToken } from './opaque-token';

export interface CreateApiTokenCommand {
  readonly principal: Principal;
  readonly name: string;
  readonly role: Role;
  readonly units: readonly string[];
  readonly leaderName: string | null;
  readonly expiresInDays: number;
}

export function apiTokenView(t: ApiTokenEntity) {
  return {
    id: t.id,
    name: t.name,
    role: t.role,
    units: t.unitCodes,
    leaderName: t.leaderName,
    createdBy: t.createdBy,
    createdByTokenId: t.createdByTokenId,
    createdAt: t.createdAt.toISOString(),
    expiresAt: t.expiresAt.toISOString(),
    revokedAt: t.revokedAt ? t.revokedAt.toISOString() : null,
  };
}

// A new token row and the token itself, which exists nowhere else afterwards. Shared with the
// CLI's create-api-token.
export function newApiToken(
  o: Omit<CreateApiTokenCommand, 'principal'> & {
    createdBy: string;
    createdByTokenId?: string | null;
    now: Date;
  },
) {
  const { token, hash } = newOpaqueToken(API_TOKEN_PREFIX);
  const row = Object.assign(new ApiTokenEntity(), {
    id: randomUUID(),
    name: o.name,
    tokenHash: hash,
    role: o.role,
    unitCodes: [...o.units],
    leaderName: o.leaderName,
    createdBy: o.createdBy,
    createdByTokenId: o.createdByTokenId ?? null,
    createdAt: o.now,
    expiresAt: new Date(o.now.getTime() + o.expiresInDays * 86_400_000),
    revokedAt: null,
  });
  return { token, row };
}

@Injectable()
export class CreateApiTokenUseCase {
  constructor(@Inject(ApiTokenRepository) private readonly tokens: ApiTokenRepository) {}

  async execute(cmd: CreateApiTokenCommand) {
    // Only a signed-in person mints tokens: a leaked token cannot mint itself a longer life.
    if (cmd.principal.kind !== 'user')
      throw new DomainError('FORBIDDEN', 'only a signed-in person may create API tokens, not an API token');
    if (!canGrantRole(cmd.principal, cmd.role)) {
      throw new DomainError('FORBIDDEN', `role ${cmd.principal.role} may not hand out role ${cmd.role}`);
    }
    const problem = scopeProblem(cmd.role, cmd.units, cmd.leaderName);
    if (problem) throw new DomainError('VALIDATION_FAILED', problem, [{ path: 'body', message: problem }]);
    const { token, row } = newApiToken({ ...cmd, createdBy: cmd.principal.id, now: new Date() });
    await this.tokens.insert(row);
    noteAudit({ targets: { apiTokenId: row.id } });
    return { ...apiTokenView(row), token };
  }
}
