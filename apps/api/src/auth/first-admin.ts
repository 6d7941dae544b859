import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { RECTIFY_CONFIG } from '../../../../libs/config/src/config.module';
import type { RectifyConfig } from '../../../../libs/config/src/rectify-config';
import { UserEntity } from '../../../../libs/persistence/src/entities/user.entity';
import { AuditLogRepository } from '../../../../libs/persistence/src/repositories/audit-log.repository';
import { UserRepository } from '../../../../libs/persistence/src/repositories/user.repository';
import { hashOpaqueToken, newOpaqueToken } from './opaque-token';
import { hashPassword } from './password-hasher';

export const SETUP_TOKEN_PREFIX = 'rst_';

// There is no default password. At boot, with no account yet: RECTIFY_ADMIN_EMAIL and
// RECTIFY_ADMIN_PASSWORD create the first admin; without them, a one-time setup token is logged
// (once, by this process) for POST /auth/setup.
@Injectable()
export class FirstAdmin implements OnApplicationBootstrap {
  private readonly logger = new Logger('Auth');
  private setupTokenHash: string | null = null;

  constructor(
    @Inject(RECTIFY_CONFIG) private readonly config: RectifyConfig,
    @Inject(UserRepository) private readonly users: UserRepository,
    @Inject(AuditLogRepository) private readonly audit: AuditLogRepository,
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
      const user = await newAccount({
        email: admin.email,
        password: admin.password,
        displayName: 'Administrator',
      });
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
    const setup = newOpaqueToken(SETUP_TOKEN_PREFIX);
    this.setupTokenHash = setup.hash;
    this.logger.warn(
      `no account exists yet. One-time setup token: ${setup.token} ` +
        '(POST /auth/setup {setupToken, email, password, displayName} creates the first admin; ' +
        'or restart with RECTIFY_ADMIN_EMAIL and RECTIFY_ADMIN_PASSWORD)',
    );
  }

  setupPending(): boolean {
    return this.setupTokenHash !== null;
  }

  // True once, for the right token.
  consumeSetupToken(token: string): boolean {
    if (!this.setupTokenHash) return false;
    const given = Buffer.from(hashOpaqueToken(token), 'hex');
    const expected = Buffer.from(this.setupTokenHash, 'hex');
    if (!timingSafeEqual(given, expected)) return false;
    this.setupTokenHash = null;
    return true;
  }
}

export async function newAccount(a: {
  email: string;
  password: string;
  displayName: string;
  role?: UserEntity['role'];
  units?: string[];
  leaderName?: string | null;
}): Promise<UserEntity> {
  return Object.assign(new UserEntity(), {
    id: randomUUID(),
    email: a.email.toLowerCase(),
    displayName: a.displayName,
    role: a.role ?? 'admin',
    unitCodes: a.units ?? [],
    leaderName: a.leaderName ?? null,
    passwordHash: await hashPassword(a.password),
    createdAt: new Date(),
    disabledAt: null,
  });
}
