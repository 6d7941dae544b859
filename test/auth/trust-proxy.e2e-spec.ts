import { RectifyHarness, startRectify } from '../support/rectify-harness';
import { testEngine } from '../support/test-database';

// RECTIFY_TRUST_PROXY believes X-Forwarded-For only as far as the proxies it names. The audit log
// records the address the API settled on. The test client connects from 127.0.0.1: it plays the
// proxy nearest the API, and the header plays what the hops before it wrote.
describe(`X-Forwarded-For through trusted proxies only (${testEngine()})`, () => {
  const auditedIp = async (rectify: RectifyHarness, forwardedFor: string) => {
    const r = await rectify.anonymous.request(
      'POST',
      '/feedback',
      { message: '整改意见' },
      { 'x-forwarded-for': forwardedFor },
    );
    expect(r.status).toBe(201);
    const rows = (await rectify.request('GET', '/audit?limit=5')).body.items;
    return rows.find((row: { path: string }) => row.path === '/feedback').ip;
  };

  describe('a hop count: one proxy in front of the API', () => {
    let rectify: RectifyHarness;
    beforeAll(async () => {
      rectify = await startRectify({ env: { RECTIFY_TRUST_PROXY: '1' } });
    });
    afterAll(() => rectify?.stop());

    it('takes the address the proxy saw, not one the client wrote before it', async () => {
      expect(await auditedIp(rectify, '203.0.113.66, 198.51.100.7')).toBe('198.51.100.7');
      expect(await auditedIp(rectify, '198.51.100.8')).toBe('198.51.100.8');
    });
  });

  describe('a list of proxy addresses and CIDRs', () => {
    let rectify: RectifyHarness;
    beforeAll(async () => {
      rectify = await startRectify({ env: { RECTIFY_TRUST_PROXY: 'loopback, 10.0.0.0/8' } });
    });
    afterAll(() => rectify?.stop());

    it('walks back through the listed proxies to the first address that is not one', async () => {
      expect(await auditedIp(rectify, '203.0.113.66, 198.51.100.7, 10.1.2.3')).toBe('198.51.100.7');
      expect(await auditedIp(rectify, '198.51.100.9, 10.1.2.3, 10.4.5.6')).toBe('198.51.100.9');
    });
  });

  describe('no proxy named', () => {
    let rectify: RectifyHarness;
    beforeAll(async () => {
      rectify = await startRectify({ env: { RECTIFY_TRUST_PROXY: 'false' } });
    });
    afterAll(() => rectify?.stop());

    it('ignores the header and takes the socket peer', async () => {
      expect(await auditedIp(rectify, '203.0.113.66')).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
    });
  });
});
