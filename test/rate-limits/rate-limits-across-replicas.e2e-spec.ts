import { randomBytes } from 'node:crypto';
import { ApiReplica, startApiReplica } from '../support/api-replica';
import { aPlanDocument } from '../support/plan-fixtures';
import {
  HttpAnswer,
  RectifyClient,
  RectifyHarness,
  startRectify,
  TestAccount,
} from '../support/rectify-harness';
import { testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

function anAddress(): string {
  const b = randomBytes(3);
  return `10.${b[0]}.${b[1]}.${b[2]}`;
}

// Two API replicas, A and B, on one database, as behind a load balancer: a client's requests
// alternate between them, and the limit holds for the two together.
describe(`rate limits shared by API replicas (${testEngine()})`, () => {
  describe('with the limits a deployment gets by default', () => {
    let rectify: RectifyHarness;
    let b: ApiReplica;

    beforeAll(async () => {
      rectify = await startRectify({ rateLimits: 'defaults' });
      b = await startApiReplica(rectify);
    });
    afterAll(async () => {
      await b?.stop();
      await rectify?.stop();
    });

    it('takes 5 submissions from an address across both replicas, then answers 429 on either', async () => {
      const { limit, ttlMs } = rectify.config.rateLimits.feedback;
      expect({ limit, ttlMs }).toEqual({ limit: 5, ttlMs: 10 * 60_000 });
      const from = anAddress();
      const tag = uniqueCode('flood');
      const submit = (on: RectifyClient, i: number) =>
        on.request('POST', '/feedback', { message: `${tag} #${i}` }, { 'x-forwarded-for': from });
      const replicas = [rectify.anonymous, b.anonymous];
      for (let i = 0; i < limit; i++) expect((await submit(replicas[i % 2], i)).status).toBe(201);

      for (const [i, on] of replicas.entries()) {
        const refused = await submit(on, limit + i);
        expect(refused).toEqual({
          status: 429,
          body: {
            code: 'RATE_LIMITED',
            message: expect.stringMatching(/^too many submissions from this address: try again in \d+ s$/),
            details: [],
          },
        });
        const retryAfter = Number(refused.headers.get('retry-after'));
        expect(retryAfter).toBeGreaterThan(0);
        expect(retryAfter).toBeLessThanOrEqual(ttlMs / 1000);
      }
      // Another address is not held back by this one.
      expect((await b.anonymous.request('POST', '/feedback', { message: `${tag} other` })).status).toBe(201);
      const stored = (await rectify.request('GET', '/feedback?limit=500')).body.items as {
        message: string;
      }[];
      expect(stored.filter((f) => f.message.startsWith(`${tag} #`))).toHaveLength(limit);
    });
  });

  describe('with limits set in the configuration', () => {
    // Hour-long windows: however slow the machine, no window ends within the test.
    const LOGINS = 4;
    const READS = 6;
    const SUBMISSIONS = 10;
    let rectify: RectifyHarness;
    let b: ApiReplica;
    let unit: TestAccount;
    let planCode: string;

    beforeAll(async () => {
      rectify = await startRectify({
        rateLimits: 'defaults',
        env: {
          RECTIFY_THROTTLE_LOGIN_LIMIT: String(LOGINS),
          RECTIFY_THROTTLE_LOGIN_TTL: 'PT1H',
          RECTIFY_THROTTLE_PUBLIC_READ_LIMIT: String(READS),
          RECTIFY_THROTTLE_PUBLIC_READ_TTL: 'PT1H',
          RECTIFY_THROTTLE_FEEDBACK_LIMIT: String(SUBMISSIONS),
          RECTIFY_THROTTLE_FEEDBACK_TTL: 'PT1H',
        },
      });
      b = await startApiReplica(rectify);
      unit = await rectify.createUser('unit', { units: ['GS-HOUSING'] });
      planCode = uniqueCode('RL');
      expect((await rectify.request('POST', '/plans', aPlanDocument({ planCode }))).status).toBe(201);
      // Published, so anonymous callers may read its public bulletin.
      expect(
        (await rectify.request('POST', `/plans/${planCode}/publication`, { asOf: '2019-04-18' })).status,
      ).toBe(200);
    });
    afterAll(async () => {
      await b?.stop();
      await rectify?.stop();
    });

    it('limits sign-ins per address across replicas, apart from the per-account lockout', async () => {
      const from = anAddress();
      const login = (on: RectifyClient, password = unit.password, address = from) =>
        on.request('POST', '/auth/login', { email: unit.email, password }, { 'x-forwarded-for': address });
      const replicas = [rectify.anonymous, b.anonymous];
      for (let i = 0; i < LOGINS; i++) expect((await login(replicas[i % 2])).status).toBe(200);
      for (const on of replicas) {
        const refused = await login(on);
        expect(refused.status).toBe(429);
        expect(refused.body).toEqual({
          code: 'RATE_LIMITED',
          message: expect.stringMatching(/^too many sign-in attempts from this address: try again in \d+ s$/),
          details: [],
        });
        expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      }
      // Refused before the password was looked at: no failure counted against the account, which
      // signs in from elsewhere at once.
      expect((await login(b.anonymous, 'a wrong guess')).status).toBe(429);
      expect((await login(b.anonymous, unit.password, anAddress())).status).toBe(200);

      const audit = await rectify.request('GET', '/audit?limit=100');
      const refusals = audit.body.items.filter(
        (r: { action: string; status: number; ip: string }) =>
          r.action === 'auth:login' && r.status === 429 && r.ip === from,
      );
      expect(refusals).toHaveLength(3);
    });

    it('lets exactly the limit through when an address floods both replicas at once', async () => {
      const from = anAddress();
      const tag = uniqueCode('burst');
      const answers: HttpAnswer[] = await Promise.all(
        Array.from({ length: 3 * SUBMISSIONS }, (_, i) =>
          (i % 2 ? b.anonymous : rectify.anonymous).request(
            'POST',
            '/feedback',
            { message: `${tag} #${i}` },
            { 'x-forwarded-for': from },
          ),
        ),
      );
      const statuses = answers.map((a) => a.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(SUBMISSIONS);
      expect(statuses.filter((s) => s === 429)).toHaveLength(2 * SUBMISSIONS);
      const stored = (await rectify.request('GET', '/feedback?limit=500')).body.items as {
        message: string;
      }[];
      expect(stored.filter((f) => f.message.startsWith(`${tag} #`))).toHaveLength(SUBMISSIONS);
    });

    it('counts feedback tracking and the public bulletin as public reads of one address', async () => {
      const from = anAddress();
      const read = (on: RectifyClient, path: string) =>
        on.request('GET', path, undefined, { 'x-forwarded-for': from });
      const bulletin = `/plans/${planCode}/bulletin?asOf=2019-04-18`;
      const statuses: number[] = [];
      for (let i = 0; i < READS; i++) {
        statuses.push(
          (
            await read(
              i % 2 ? b.anonymous : rectify.anonymous,
              i < READS / 2 ? '/feedback/FB-AAAAA-AAAAA-AAAAA-AAAAA' : bulletin,
            )
          ).status,
        );
      }
      expect(statuses).toEqual([...Array(READS / 2).fill(404), ...Array(READS / 2).fill(200)]);
      for (const path of [bulletin, '/feedback/FB-AAAAA-AAAAA-AAAAA-AAAAA']) {
        const refused = await read(b.anonymous, path);
        expect(refused.status).toBe(429);
        expect(refused.body.message).toMatch(/^too many requests from this address/);
      }
      // Staff reading bulletins from the same address are signed in, and not counted.
      const office = await rectify.createUser('office');
      const internal = await office.client.request('GET', `${bulletin}&edition=internal`, undefined, {
        'x-forwarded-for': from,
      });
      expect(internal.status).toBe(200);
    });
  });
});
