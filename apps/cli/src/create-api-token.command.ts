import { ROLES, Role, scopeProblem } from '../../../libs/domain/src/authorization';
import {
  AuditLogRepository,
  NewAuditEntry,
  releaseAuditWriter,
} from '../../../libs/persistence/src/repositories/audit-log.repository';
import { ApiTokenRepository } from '../../../libs/persistence/src/repositories/api-token.repository';
import type { DataSource } from 'typeorm';
import { auditKeyringFor } from '../../api/src/audit/audit-keyring.provider';
import { apiTokenView, newApiToken } from '../../api/src/auth/create-api-token.use-case';
import type { RectifyConfig } from '../../../libs/config/src/rectify-config';

export interface CreateApiTokenOptions {
  readonly role: string | undefined;
  readonly units: string | undefined;
  readonly leader: string | undefined;
  readonly name: string | undefined;
  readonly days: string | undefined;
}

// Bootstrapping without an account: whoever can reach the database may mint a token. Prints the
// token alone on stdout (for scripts) and what it is on stderr; the audit log records it.
export async function createApiTokenCommand(
  ds: DataSource,
  config: RectifyConfig,
  o: CreateApiTokenOptions,
): Promise<number> {
  const role = o.role as Role;
  if (!ROLES.includes(role) || role === 'public') {
    console.error(`--role must be one of ${ROLES.filter((r) => r !== 'public').join(', ')}`);
    return 2;
  }
  const units = (o.units ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
  const leaderName = o.leader ?? null;
  const problem = scopeProblem(role, units, leaderName);
  if (problem) {
    console.error(problem);
    return 2;
  }
  const days = Number(o.days ?? 30);
  if (!Number.isInteger(days) || days < 1 || days > 365) {
    console.error('--days must be a whole number of days from 1 to 365');
    return 2;
  }
  const now = new Date();
  const { token, row } = newApiToken({
    name: o.name ?? `created with the CLI on ${now.toISOString().slice(0, 10)}`,
    role,
    units,
    leaderName,
    expiresInDays: days,
    createdBy: 'cli',
    now,
  });
  // Fail closed, as the API does: without the key nothing is minted, and a token whose audit row
  // cannot be written is revoked at once and never printed.
  const keyring = auditKeyringFor(config, { log: (m) => console.error(m), warn: (m) => console.error(m) });
  const tokens = new ApiTokenRepository(ds);
  await tokens.insert(row);
  const view = apiTokenView(row);
  try {
    await recordInAuditLog(new AuditLogRepository(ds, keyring), ds, {
      occurredAt: now,
      principalKind: 'cli',
      principalId: 'cli',
      role: 'system',
      action: 'token:manage',
      method: 'CLI',
      path: 'rectify create-api-token',
      targetIds: JSON.stringify({ apiTokenId: row.id }),
      ip: null,
      userAgent: null,
      status: 201,
      before: null,
      after: JSON.stringify(view),
    });
  } catch (e) {
    await tokens.revoke(row.id, new Date());
    console.error(`the audit log cannot be written, so the token was revoked: ${(e as Error).message}`);
    return 1;
  }
  console.error(`API token ${row.id}: role ${role}, expires ${view.expiresAt}. It is shown once:`);
  console.log(token);
  return 0;
}

async function recordInAuditLog(
  log: AuditLogRepository,
  ds: DataSource,
  entry: NewAuditEntry,
): Promise<void> {
  try {
    await log.append(entry);
  } finally {
    await releaseAuditWriter(ds);
  }
}
