import { parseConfig } from '../../libs/config/src/rectify-config';
import { ApiReplica, startApiReplica } from '../support/api-replica';
import { RectifyHarness, startRectify } from '../support/rectify-harness';
import { testEngine } from '../support/test-database';

// RECTIFY_TRUST_PROXY believes X-Forwarded-For only as far as the proxies it names. The audit log
// records the address the API settled on. The test client connects from 127.0.0.1: it plays the
// proxy nearest the API, and the header plays what the hops before it wrote.
// `trust proxy` is the API's own setting: each case is an API replica configured with its value
// (parsed from the variable as a deployment's would be) on one harness's database, whose audit
// log the harness reads. One boot of database, worker and API for the file, not one per case.
describe(`X-Forwarded-For through trusted proxies only (${testEngine()})`, () => {
  let rectify: RectifyHarness;
  beforeAll(async () => {
    rectify = await startRectify();
  });
  afterAll(() => rectify?.stop());

  const replicaTrusting = (setting: string) => {
    const { trustProxy } = parseConfig({ RECTIFY_TRUST_PROXY: setting }).http;
    return startApiReplica(rectify, {
      config: { ...rectify.config, http: { ...rectify.config.http, trustProxy } },
    });
  };
  const auditedIp = async (api: ApiReplica, forwardedFor: string) => {
    const r = await api.anonymous.request(
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
    let api: ApiReplica;
    beforeAll(async () => {
      api = await replicaTrusting('1');
    });
    afterAll(() => api?.stop());

    it('takes the address the proxy saw, not one the client wrote before it', async () => {
      expect(await auditedIp(api, '203.0.113.66, 198.51.100.7')).toBe('198.51.100.7');
      expect(await auditedIp(api, '198.51.100.8')).toBe('198.51.100.8');
    });
  });

  describe('a list of proxy addresses and CIDRs', () => {
    let api: ApiReplica;
    beforeAll(async () => {
      api = await replicaTrusting('loopback, 10.0.0.0/8');
    });
    afterAll(() => api?.stop());

    it('walks back through the listed proxies to the first address that is not one', async () => {
      expect(await auditedIp(api, '203.0.113.66, 198.51.100.7, 10.1.2.3')).toBe('198.51.100.7');
      expect(await auditedIp(api, '198.51.100.9, 10.1.2.3, 10.4.5.6')).toBe('198.51.100.9');
    });
  });

  describe('no proxy named', () => {
    let api: ApiReplica;
    beforeAll(async () => {
      api = await replicaTrusting('false');
    });
    afterAll(() => api?.stop());

    it('ignores the header and takes the socket peer', async () => {
      expect(await auditedIp(api, '203.0.113.66')).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
    });
  });
});
