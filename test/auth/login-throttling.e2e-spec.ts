import { randomBytes } from 'node:crypto';
import { eventually } from '../support/eventually';
import { RectifyHarness, startRectify, TestAccount } from '../support/rectify-harness';
import { testEngine } from '../support/test-database';

// A short lockout so the test can wait one out: 5 failures lock an account for 2 s, doubling with
// each further failure; 8 failures lock a client address.
const LOCKOUT_SECONDS = 2;

function anAddress(): string {
  const b = randomBytes(3);
  return `10.${b[0]}.${b[1]}.${b[2]}`;
}

describe(`brute-force protection of sign-in (${testEngine()})`, () => {
  let rectify: RectifyHarness;

  beforeAll(async () => {
    rectify = await startRectify({
      env: {
        RECTIFY_LOGIN_MAX_FAILURES: '5',
        RECTIFY_LOGIN_MAX_FAILURES_PER_IP: '8',
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

  describe('per account, from changing addresses', () => {
    let victim: TestAccount;
    beforeAll(async () => {
      victim = await rectify.createUser('unit', { units: ['GS-HOUSING'] });
    });

    it('locks the account after 5 failures, even against the right password, and says for how long', async () => {
      for (let i = 1; i <= 5; i++) expect((await login(victim, `guess number ${i}`)).status).toBe(401);
      const locked = await login(victim, victim.password);
      expect(locked.status).toBe(429);
      expect(locked.body).toMatchObject({ code: 'RATE_LIMITED' });
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(locked.headers.get('retry-after'))).toBeLessThanOrEqual(LOCKOUT_SECONDS);
    });

    it('opens again when the lockout has passed, and a success clears the count', async () => {
      await waitOut(LOCKOUT_SECONDS);
      expect((await login(victim, victim.password)).status).toBe(200);
      for (let i = 1; i <= 4; i++) expect((await login(victim, `after success ${i}`)).status).toBe(401);
      expect((await login(victim, victim.password)).status).toBe(200);
    });

    it('doubles the lockout with each further failure', async () => {
      for (let i = 1; i <= 5; i++) await login(victim, `round two ${i}`);
      const first = Number((await login(victim, victim.password)).headers.get('retry-after'));
      expect(first).toBeGreaterThan(0);
      expect(first).toBeLessThanOrEqual(LOCKOUT_SECONDS);
      await waitOut(LOCKOUT_SECONDS);
      expect((await login(victim, 'one more guess')).status).toBe(401);
      const locked = await login(victim, victim.password);
      expect(locked.status).toBe(429);
      // Twice as long: more than one lockout's worth is left, whatever the machine's speed.
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(LOCKOUT_SECONDS);
      expect(Number(locked.headers.get('retry-after'))).toBeLessThanOrEqual(2 * LOCKOUT_SECONDS);
      await eventually(async () => expect((await login(victim, victim.password)).status).toBe(200), {
        timeoutMs: 4 * LOCKOUT_SECONDS * 1000,
        intervalMs: 500,
      });
    });
  });

  describe('per client address, across accounts', () => {
    it('locks an address that guesses at many accounts, but not the accounts elsewhere', async () => {
      const sprayer = anAddress();
      const real = await rectify.createUser('office');
      for (let i = 1; i <= 8; i++) {
        const r = await login({ email: `someone-${i}@rectify.test` }, 'Password123!', sprayer);
        expect(r.status).toBe(401);
      }
      const fromSprayer = await login(real, real.password, sprayer);
      expect(fromSprayer.status).toBe(429);
      expect((await login(real, real.password, anAddress())).status).toBe(200);
    });
  });

  it('records every attempt in the audit log, without the password', async () => {
    const audit = await rectify.request('GET', '/audit?limit=500');
    const attempts = audit.body.items.filter((r: { action: string }) => r.action === 'auth:login');
    const statuses = new Set(attempts.map((r: { status: number }) => r.status));
    expect([...statuses].sort()).toEqual([200, 401, 429]);
    for (const a of attempts) {
      // A sign-in is recorded with the password redacted; a refused one (401, 429) by the size and
      // digest of its body alone.
      if (a.status === 200) expect(a.after.password).toBe('[redacted]');
      else expect(Object.keys(a.after)).toEqual(['digest']);
      expect(a.ip).toMatch(/^10\.|127\.0\.0\.1/);
    }
    expect(JSON.stringify(audit.body)).not.toContain('guess number');
  });
});
