import { Inject, Injectable } from '@nestjs/common';
import { RECTIFY_CONFIG } from '../../../../libs/config/src/config.module';
import type { RectifyConfig } from '../../../../libs/config/src/rectify-config';
import { RetryLaterError } from '../../../../libs/domain/src/domain-error';
import {
  afterFailure,
  lockedFor,
  LockoutPolicy,
  withoutOneFailure,
} from '../../../../libs/domain/src/login-lockout';
import {
  LoginThrottleRepository,
  ThrottleUpdate,
} from '../../../../libs/persistence/src/repositories/login-throttle.repository';
import { addressGroup } from '../common/client-ip';

// How many times the per-address limit for one account the account takes, from all addresses
// together, before it locks everywhere.
const ACCOUNT_WIDE_FACTOR = 4;
// The account-wide lock starts this short and doubles with each further failure.
const ACCOUNT_WIDE_FIRST_LOCK_MS = 1_000;

// Counts failed sign-ins under three keys, each with its own lockout:
// - one account from one client address (IPv6: its /64): trips first, so a single attacker locks
//   only their own address out of that account and the owner still signs in from elsewhere;
// - one client address across accounts: a sprayer guessing at many accounts. It allows more than
//   the first, since many people sign in from behind one office NAT;
// - one account from all addresses: a distributed guesser. It takes several addresses' worth of
//   failures and its lock grows from one second, so nobody can lock an account for long cheaply.
// Every attempt is counted before the password is checked, in one serialized write with the check
// of the locks, and taken back when the password was right.
@Injectable()
export class LoginThrottle {
  private readonly accountFromAddress: LockoutPolicy;
  private readonly address: LockoutPolicy;
  private readonly accountWide: LockoutPolicy;

  constructor(
    @Inject(RECTIFY_CONFIG) config: RectifyConfig,
    @Inject(LoginThrottleRepository) private readonly repo: LoginThrottleRepository,
  ) {
    const l = config.auth.login;
    this.accountFromAddress = {
      maxFailures: l.maxFailuresPerAccount,
      lockoutMs: l.lockoutMs,
      maxLockoutMs: l.maxLockoutMs,
    };
    this.address = { maxFailures: l.maxFailuresPerIp, lockoutMs: l.lockoutMs, maxLockoutMs: l.maxLockoutMs };
    this.accountWide = {
      maxFailures: l.maxFailuresPerAccount * ACCOUNT_WIDE_FACTOR,
      lockoutMs: ACCOUNT_WIDE_FIRST_LOCK_MS,
      maxLockoutMs: l.maxLockoutMs,
    };
  }

  // Refuses while any key is locked; otherwise counts this attempt as a failure before the
  // password is even looked at, so a locked account cannot be probed and parallel guesses cannot
  // outrun the count.
  async begin(email: string, ip: string, now: Date): Promise<void> {
    const updates = new Map<string, ThrottleUpdate>(
      this.policies(email, ip).map(([key, policy]) => [key, (prev) => afterFailure(prev, now, policy)]),
    );
    const waitMs = await this.repo.countUnlessLocked(updates, (state) => lockedFor(state, now));
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      throw new RetryLaterError(`too many failed sign-ins: try again in ${seconds} s`, seconds);
    }
  }

  // The password was right: the account's counts are cleared, and the address's gets back the one
  // failure counted up front (only that one: a valid account must not let an address keep
  // guessing at others).
  async succeeded(email: string, ip: string): Promise<void> {
    const [pair, address, account] = this.policies(email, ip);
    await this.repo.update(
      new Map<string, ThrottleUpdate>([
        [pair[0], () => null],
        [account[0], () => null],
        [address[0], withoutOneFailure],
      ]),
    );
  }

  private policies(email: string, ip: string): [string, LockoutPolicy][] {
    const account = email.toLowerCase();
    const from = addressGroup(ip);
    return [
      [`account-from:${from}:${account}`, this.accountFromAddress],
      [`ip:${from}`, this.address],
      [`account:${account}`, this.accountWide],
    ];
  }
}
