// Brute-force protection for sign-in: after `maxFailures` failed attempts in a row, each further
// failure locks the account (or client address) for twice as long as the one before, up to a
// ceiling. A quiet period as long as the ceiling forgives the past failures.
export interface LockoutPolicy {
  readonly maxFailures: number;
  readonly lockoutMs: number;
  readonly maxLockoutMs: number;
}

export interface FailureRecord {
  readonly failures: number;
  readonly lastFailureAt: Date;
  readonly lockedUntil: Date | null;
}

export function afterFailure(
  previous: FailureRecord | null,
  now: Date,
  policy: LockoutPolicy,
): FailureRecord {
  const forgiven = !previous || now.getTime() - previous.lastFailureAt.getTime() > policy.maxLockoutMs;
  const failures = (forgiven ? 0 : previous.failures) + 1;
  if (failures < policy.maxFailures) return { failures, lastFailureAt: now, lockedUntil: null };
  const doublings = Math.min(failures - policy.maxFailures, 30);
  const lockMs = Math.min(policy.lockoutMs * 2 ** doublings, policy.maxLockoutMs);
  return { failures, lastFailureAt: now, lockedUntil: new Date(now.getTime() + lockMs) };
}

// Milliseconds until another attempt is heard; 0 when it may go ahead.
export function lockedFor(record: FailureRecord | null | undefined, now: Date): number {
  if (!record?.lockedUntil) return 0;
  return Math.max(0, record.lockedUntil.getTime() - now.getTime());
}

// Takes back one failure counted before a password check that then succeeded: attempts are
// counted up front so that parallel guesses cannot all be heard before the first is counted. Any
// lock goes too: the attempt was only heard because no lock was running, so the lock is the one
// this attempt's own count set.
export function withoutOneFailure(record: FailureRecord | null): FailureRecord | null {
  if (!record || record.failures <= 1) return null;
  return { ...record, failures: record.failures - 1, lockedUntil: null };
}
