import { Inject, Injectable } from '@nestjs/common';
import { RECTIFY_CONFIG } from '../../../../libs/config/src/config.module';
import type { RectifyConfig } from '../../../../libs/config/src/rectify-config';
import { RetryLaterError } from '../../../../libs/domain/src/domain-error';
import { afterFailure, lockedFor, LockoutPolicy } from '../../../../libs/domain/src/login-lockout';
import { LoginThrottleRepository } from '../../../../libs/persistence/src/repositories/login-throttle.repository';

// Counts failed sign-ins per account and per client address. An address gets more attempts than
// an account: many people sign in from behind one office NAT.
@Injectable()
export class LoginThrottle {
  private readonly account: LockoutPolicy;
  private readonly address: LockoutPolicy;

  constructor(
    @Inject(RECTIFY_CONFIG) config: RectifyConfig,
    @Inject(LoginThrottleRepository) private readonly repo: LoginThrottleRepository,
  ) {
    const l = config.auth.login;
    this.account = {
      maxFailures: l.maxFailuresPerAccount,
      lockoutMs: l.lockoutMs,
      maxLockoutMs: l.maxLockoutMs,
    };
    this.address = { maxFailures: l.maxFailuresPerIp, lockoutMs: l.lockoutMs, maxLockoutMs: l.maxLockoutMs };
  }

  // Refuses before the password is even looked at, so a locked account cannot be probed.
  async assertOpen(email: string, ip: string, now: Date): Promise<void> {
    const records = await this.repo.find([accountKey(email), addressKey(ip)]);
    const waitMs = Math.max(
      lockedFor(records.get(accountKey(email)), now),
      lockedFor(records.get(addressKey(ip)), now),
    );
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      throw new RetryLaterError(`too many failed sign-ins: try again in ${seconds} s`, seconds);
    }
  }

  async recordFailure(email: string, ip: string, now: Date): Promise<void> {
    await this.repo.recordFailure([accountKey(email)], (prev) => afterFailure(prev, now, this.account));
    await this.repo.recordFailure([addressKey(ip)], (prev) => afterFailure(prev, now, this.address));
  }

  // A success clears the account's count, not the address's: one valid account must not let an
  // address keep guessing at others.
  async recordSuccess(email: string): Promise<void> {
    await this.repo.clear(accountKey(email));
  }
}

function accountKey(email: string): string {
  return `account:${email.toLowerCase()}`;
}

function addressKey(ip: string): string {
  return `ip:${ip}`;
}
