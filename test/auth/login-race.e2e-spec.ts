import { randomBytes } from 'node:crypto';
import { RectifyHarness, startRectify } from '../support/rectify-harness';
import { testEngine } from '../support/test-database';

// A lockout far longer than the test, so that every refusal below is the count's doing and no lock
// runs out while the machine works through the burst.
const PER_ACCOUNT = 5;
const BURST = 20;

describe(`sign-in guesses sent all at once (${testEngine()})`, () => {
  let rectify: RectifyHarness;

  beforeAll(async () => {
    rectify = await startRectify({
      env: { RECTIFY_LOGIN_MAX_FAILURES: String(PER_ACCOUNT), RECTIFY_LOGIN_LOCKOUT: 'PT10M' },
    });
  });
  afterAll(() => rectify?.stop());

  const login = (email: string, password: string, from: string) =>
    rectify.anonymous.request('POST', '/auth/login', { email, password }, { 'x-forwarded-for': from });

  it(`checks at most ${PER_ACCOUNT} passwords when ${BURST} wrong guesses arrive together from one address`, async () => {
    const target = await rectify.createUser('office');
    const racer = `10.${randomBytes(1)[0]}.${randomBytes(1)[0]}.7`;
    const answers = await Promise.all(
      Array.from({ length: BURST }, (_, i) => login(target.email, `parallel guess ${i}`, racer)),
    );
    const statuses = answers.map((a) => a.status);
    // Every 401 is a password that was checked; every 429 was refused before the check.
    expect(statuses.filter((s) => s === 401)).toHaveLength(PER_ACCOUNT);
    expect(statuses.filter((s) => s === 429)).toHaveLength(BURST - PER_ACCOUNT);
    expect((await login(target.email, target.password, racer)).status).toBe(429);
    expect((await login(target.email, target.password, '10.255.255.1')).status).toBe(200);
  });
});
