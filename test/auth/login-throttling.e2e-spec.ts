import { randomBytes } from 'node:crypto';
import { eventually } from '../support/eventually';
import { RectifyHarness, startRectify, TestAccount } from '../support/rectify-harness';
import { testEngine } from '../support/test-database';

// A short lockout so the test can wait one out: 5 failures at one account from one address lock
// that address out of the account for 2 s, doubling with each further failure; 10 failures lock a
// client address; 4 × 5 = 20 failures from anywhere lock the account for 1 s, doubling.
const LOCKOUT_SECONDS = 2;
const PER_ACCOUNT = 5;
const PER_ADDRESS = 10;
const ACCOUNT_WIDE = 4 * PER_ACCOUNT;

function anAddress(): string {
  const b = randomBytes(3);
  return `10.${b[0]}.${b[1]}.${b[2]}`;
}

function aSlash64(): string {
  return `2001:db8:${randomBytes(2).toString('hex')}:${randomBytes(2).toString('hex')}`;
}

describe(`brute-force protection of sign-in (${testEngine()})`, () => {
  let rectify: RectifyHarness;

  beforeAll(async () => {
    rectify = await startRectify({
      env: {
        RECTIFY_LOGIN_MAX_FAILURES: String(PER_ACCOUNT),
        RECTIFY_LOGIN_MAX_FAILURES_PER_IP: String(PER_ADDRESS),
        RECTIFY_LOGIN_LOCKOUT: `PT${LOCKOUT_SECONDS}S`,
      },
    });
  });
  afterAll(() => rectify?.stop());

  const login = (who: { email: string }, password: string, from = anAddress()) =>
    rectify.anonymous.request(
      'POST',
      '/auth/login',
      { email: who.email, password },
      { 'x-forwarded-for': from },
    );

  async function waitOut(seconds: number) {
    await new Promise((r) => setTimeout(r, seconds * 1000 + 200));
  }

  describe('one account from one address', () => {
    let victim: TestAccount;
    const attacker = anAddress();
    beforeAll(async () => {
      victim = await rectify.createUser('unit', { units: ['GS-HOUSING'] });
    });

    it('locks that address out of the account after 5 failures, even against the right password, and says for how long', async () => {
      for (let i = 1; i <= PER_ACCOUNT; i++) {
        expect((await login(victim, `guess number ${i}`, attacker)).status).toBe(401);
      }
      const locked = await login(victim, victim.password, attacker);
      expect(locked.status).toBe(429);
      expect(locked.body).toMatchObject({ code: 'RATE_LIMITED' });
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(locked.headers.get('retry-after'))).toBeLessThanOrEqual(LOCKOUT_SECONDS);
    });

    it('still lets the owner sign in from another address while the attacker is locked out', async () => {
      expect((await login(victim, victim.password, attacker)).status).toBe(429);
      expect((await login(victim, victim.password, anAddress())).status).toBe(200);
    });

    it('opens again when the lockout has passed, and a success clears the count', async () => {
      await waitOut(LOCKOUT_SECONDS);
      expect((await login(victim, victim.password, attacker)).status).toBe(200);
      for (let i = 1; i < PER_ACCOUNT; i++) {
        expect((await login(victim, `after success ${i}`, attacker)).status).toBe(401);
      }
      expect((await login(victim, victim.password, attacker)).status).toBe(200);
    });

    it('doubles the lockout with each further failure', async () => {
      const guesser = anAddress();
      for (let i = 1; i <= PER_ACCOUNT; i++) await login(victim, `round two ${i}`, guesser);
      const first = Number((await login(victim, victim.password, guesser)).headers.get('retry-after'));
      expect(first).toBeGreaterThan(0);
      expect(first).toBeLessThanOrEqual(LOCKOUT_SECONDS);
      await waitOut(LOCKOUT_SECONDS);
      expect((await login(victim, 'one more guess', guesser)).status).toBe(401);
      const locked = await login(victim, victim.password, guesser);
      expect(locked.status).toBe(429);
      // Twice as long: more than one lockout's worth is left, whatever the machine's speed.
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(LOCKOUT_SECONDS);
      expect(Number(locked.headers.get('retry-after'))).toBeLessThanOrEqual(2 * LOCKOUT_SECONDS);
      await eventually(async () => expect((await login(victim, victim.password, guesser)).status).toBe(200), {
        timeoutMs: 4 * LOCKOUT_SECONDS * 1000,
        intervalMs: 500,
      });
    });
  });

  describe('one account from many addresses', () => {
    it('locks the account everywhere from the 20th failure on, for a second that doubles, not for an hour', async () => {
      const victim = await rectify.createUser('office');
      let refused: Awaited<ReturnType<typeof login>> | undefined;
      let attempt = 0;
      // The 20th failure locks for 1 s; a failure after that lock ran out locks for 2 s, and so on,
      // so the first refusal comes soon after the 20th failure however slow the machine is.
      while (!refused && attempt < ACCOUNT_WIDE + 6) {
        attempt++;
        const r = await login(victim, `distributed guess ${attempt}`);
        if (r.status === 429) refused = r;
        else expect(r.status).toBe(401);
      }
      expect(attempt).toBeGreaterThan(ACCOUNT_WIDE);
      expect(refused?.body).toMatchObject({ code: 'RATE_LIMITED' });
      const lockedFailures = attempt - 1 - ACCOUNT_WIDE;
      expect(Number(refused?.headers.get('retry-after'))).toBeLessThanOrEqual(2 ** lockedFailures);
      await eventually(async () => expect((await login(victim, victim.password)).status).toBe(200), {
        timeoutMs: 2 ** lockedFailures * 1000 + 10_000,
        intervalMs: 250,
      });
    });
  });

  describe('per client address, across accounts', () => {
    it('locks an address that guesses at many accounts, but not the accounts elsewhere', async () => {
      const sprayer = anAddress();
      const real = await rectify.createUser('office');
      for (let i = 1; i <= PER_ADDRESS; i++) {
        const r = await login({ email: `someone-${i}@rectify.test` }, 'Password123!', sprayer);
        expect(r.status).toBe(401);
      }
      const fromSprayer = await login(real, real.password, sprayer);
      expect(fromSprayer.status).toBe(429);
      expect((await login(real, real.password, anAddress())).status).toBe(200);
    });

    it('counts all IPv6 addresses of one /64 together', async () => {
      const network = aSlash64();
      const real = await rectify.createUser('office');
      for (let i = 1; i <= PER_ADDRESS; i++) {
        const from = `${network}:${randomBytes(2).toString('hex')}::${i}`;
        expect((await login({ email: `v6-someone-${i}@rectify.test` }, 'Password123!', from)).status).toBe(
          401,
        );
      }
      expect((await login(real, real.password, `${network}::abcd`)).status).toBe(429);
      expect((await login(real, real.password, `${aSlash64()}::abcd`)).status).toBe(200);
    });
  });

  it('records every attempt in the audit log, without the password', async () => {
    const audit = await rectify.request('GET', '/audit?limit=500');
    // Outcome rows: an intent row (no status yet) precedes each attempt that reached the handler.
    const attempts = audit.body.items.filter(
      (r: { action: string; status: number | null }) => r.action === 'auth:login' && r.status !== null,
    );
    const statuses = new Set(attempts.map((r: { status: number }) => r.status));
    expect([...statuses].sort()).toEqual([200, 401, 429]);
    for (const a of attempts) {
      // A sign-in is recorded with the password redacted; a refused one (401, 429) by the size and
      // digest of its body alone.
      if (a.status === 200) expect(a.after.password).toBe('[redacted]');
      else expect(Object.keys(a.after)).toEqual(['digest']);
      expect(a.ip).toMatch(/^10\.|^2001:db8:|127\.0\.0\.1/);
    }
    expect(JSON.stringify(audit.body)).not.toContain('guess number');
  });
});
