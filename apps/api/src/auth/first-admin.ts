import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RECTIFY_CONFIG } from '../../../../libs/config/src/config.module';
import type { RectifyConfig } from '../../../../libs/config/src/rectify-config';
import { UserEntity } from '../../../../libs/persistence/src/entities/user.entity';
import { AuditLogRepository } from '../../../../libs/persistence/src/repositories/audit-log.repository';
import { SetupTokenRepository } from '../../../../libs/persistence/src/repositories/setup-token.repository';
import { UserRepository } from '../../../../libs/persistence/src/repositories/user.repository';
import { hashOpaqueToken, newOpaqueToken } from './opaque-token';
import { PasswordHasher } from './password-hasher';

export const SETUP_TOKEN_PREFIX = 'rst_';
export const SETUP_TOKEN_LIFETIME_MS = 24 * 3_600_000;

// There is no default password. At boot, with no account yet: RECTIFY_ADMIN_EMAIL and
// RECTIFY_ADMIN_PASSWORD create the first admin; without them, a one-time setup token for
// POST /auth/setup is written to a file only its owner may read (RECTIFY_SETUP_TOKEN_FILE) and only
// the path is logged, since logs travel further than files. The database holds its hash and expiry
// (24 h), so of several replicas booting at once only one mints it; a boot after expiry mints anew.
@Injectable()
export class FirstAdmin implements OnApplicationBootstrap {
  private readonly logger = new Logger('Auth');

  constructor(
    @Inject(RECTIFY_CONFIG) private readonly config: RectifyConfig,
    @Inject(UserRepository) private readonly users: UserRepository,
    @Inject(AuditLogRepository) private readonly audit: AuditLogRepository,
    @Inject(SetupTokenRepository) private readonly setupTokens: SetupTokenRepository,
    @Inject(PasswordHasher) private readonly passwords: PasswordHasher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.auth.jwtSecretEphemeral) {
      this.logger.warn(
        'RECTIFY_JWT_SECRET is not set: access tokens are signed with a random secret of this process and will not survive a restart',
      );
    }
    if (await this.users.any()) return;
    const admin = this.config.auth.bootstrapAdmin;
    if (admin) {
      const user = await newAccount(
        { email: admin.email, password: admin.password, displayName: 'Administrator' },
        this.passwords,
      );
      if ((await this.users.createFirst(user)) === 'created') {
        await this.audit.append({
          occurredAt: new Date(),
          principalKind: 'system',
          principalId: 'boot',
          role: 'admin',
          action: 'user:manage',
          method: 'BOOT',
          path: 'RECTIFY_ADMIN_EMAIL',
          targetIds: JSON.stringify({ userId: user.id }),
          ip: null,
          userAgent: null,
          status: 201,
          before: null,
          after: JSON.stringify({ email: user.email, role: 'admin' }),
        });
        this.logger.log(`created the first admin ${user.email} from RECTIFY_ADMIN_EMAIL`);
      }
      return;
    }
    await this.mintSetupToken();
  }

  private async mintSetupToken(): Promise<void> {
    const file = this.config.auth.setupTokenFile;
    const how =
      'POST /auth/setup {setupToken, email, password, displayName} creates the first admin; ' +
      'or restart with RECTIFY_ADMIN_EMAIL and RECTIFY_ADMIN_PASSWORD';
    const now = new Date();
    const expiresAt = new Date(now.getTime() + SETUP_TOKEN_LIFETIME_MS);
    const setup = newOpaqueToken(SETUP_TOKEN_PREFIX);
    if (!(await this.setupTokens.mint(setup.hash, now, expiresAt))) {
      const until = await this.setupTokens.pendingUntil(now);
      this.logger.warn(
        `no account exists yet. A one-time setup token, valid until ${until?.toISOString()}, was written ` +
          `earlier to RECTIFY_SETUP_TOKEN_FILE (here ${file}) by this or another replica (${how})`,
      );
      return;
    }
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.rmSync(file, { force: true });
    fs.writeFileSync(file, `${setup.token}\n`, { mode: 0o600, flag: 'wx' });
    this.logger.warn(
      `no account exists yet. The one-time setup token is in ${file}, valid until ${expiresAt.toISOString()} (${how})`,
    );
  }

  async setupPending(): Promise<boolean> {
    return (await this.setupTokens.pendingUntil(new Date())) !== null && !(await this.users.any());
  }

  // True once, for the right unexpired token.
  consumeSetupToken(token: string): Promise<boolean> {
    return this.setupTokens.consume(hashOpaqueToken(token), new Date());
  }
}

export async function newAccount(
  a: {
    email: string;
    password: string;
    displayName: string;
    role?: UserEntity['role'];
    units?: string[];
    leaderName?: string | null;
  },
  passwords: PasswordHasher,
): Promise<UserEntity> {
  return Object.assign(new UserEntity(), {
    id: randomUUID(),
    email: a.email.toLowerCase(),
    displayName: a.displayName,
    role: a.role ?? 'admin',
    unitCodes: a.units ?? [],
    leaderName: a.leaderName ?? null,
    passwordHash: await passwords.hash(a.password),
    createdAt: new Date(),
    disabledAt: null,
  });
}
