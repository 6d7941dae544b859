import { afterFailure, FailureRecord, lockedFor, LockoutPolicy, withoutOneFailure } from './login-lockout';

const POLICY: LockoutPolicy = { maxFailures: 5, lockoutMs: 30_000, maxLockoutMs: 3_600_000 };
const T0 = new Date('2019-09-30T08:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

function failures(n: number, spacingMs = 1_000): FailureRecord {
  let r: FailureRecord | null = null;
  for (let i = 0; i < n; i++) r = afterFailure(r, at(i * spacingMs), POLICY);
  return r as FailureRecord;
}

describe('login lockout', () => {
  it.each<[number, number]>([
    [1, 0],
    [4, 0],
    [5, 30_000],
    [6, 60_000],
    [7, 120_000],
    [10, 960_000],
    [12, 3_600_000],
    [40, 3_600_000],
  ])('after %i failures in a row locks for %i ms', (n, ms) => {
    const r = failures(n);
    expect(r.failures).toBe(n);
    expect(lockedFor(r, r.lastFailureAt)).toBe(ms);
  });

  it('opens again when the lock runs out', () => {
    const r = failures(5);
    expect(lockedFor(r, at(4_000 + 29_999))).toBe(1);
    expect(lockedFor(r, at(4_000 + 30_000))).toBe(0);
  });

  it('forgives past failures after a quiet period as long as the longest lock', () => {
    const r = failures(4);
    expect(afterFailure(r, at(3_000 + 3_600_000), POLICY).failures).toBe(5);
    expect(afterFailure(r, at(3_000 + 3_600_001), POLICY)).toEqual({
      failures: 1,
      lastFailureAt: at(3_000 + 3_600_001),
      lockedUntil: null,
    });
  });

  it('treats no record as open', () => {
    expect(lockedFor(null, T0)).toBe(0);
    expect(lockedFor(undefined, T0)).toBe(0);
  });

  describe('taking back the failure counted before a password that was right', () => {
    it.each<[number, number | null]>([
      [1, null],
      [4, 3],
      [5, 4],
      [6, 5],
      [40, 39],
    ])('after %i failures leaves %p failures and no lock', (n, left) => {
      const r = failures(n);
      const back = withoutOneFailure(r);
      expect(back?.failures ?? null).toBe(left);
      expect(lockedFor(back, r.lastFailureAt)).toBe(0);
    });

    it('leaves no record as it is', () => {
      expect(withoutOneFailure(null)).toBeNull();
    });
  });
});
