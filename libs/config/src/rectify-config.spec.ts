import { generateKeyPairSync } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigError, parseConfig } from './rectify-config';

const pem = (key: ReturnType<typeof generateKeyPairSync>['privateKey']) =>
  key.export({ format: 'pem', type: 'pkcs8' }).toString();
const ED25519 = pem(generateKeyPairSync('ed25519').privateKey);
const RSA_1024 = pem(generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey);

describe('configuration of who may do what', () => {
  it('defaults to no cross-origin access, no trusted proxy, 20 MB evidence and a 5-failure lockout', () => {
    const c = parseConfig({}, '/srv/rectify');
    expect(c.http).toMatchObject({ corsOrigins: [], trustProxy: false });
    expect(c.evidence).toEqual({ dir: '/srv/rectify/.data/evidence', maxBytes: 20 * 1024 * 1024 });
    expect(c.auth.login).toEqual({
      maxFailuresPerAccount: 5,
      maxFailuresPerIp: 20,
      lockoutMs: 30_000,
      maxLockoutMs: 3_600_000,
    });
    expect(c.rateLimits).toEqual({
      login: { limit: 20, ttlMs: 60_000 },
      feedback: { limit: 5, ttlMs: 600_000 },
      publicRead: { limit: 60, ttlMs: 60_000 },
    });
    expect(c.auth.bootstrapAdmin).toBeNull();
    expect(c.cli.apiToken).toBeNull();
  });

  it('reads plan files in a thread of 256 MB for at most 30 s by default, or as configured', () => {
    expect(parseConfig({}).planFiles).toEqual({ parseMemoryMb: 256, parseTimeoutMs: 30_000 });
    expect(
      parseConfig({ RECTIFY_PLAN_PARSE_MEMORY_MB: '64', RECTIFY_PLAN_PARSE_TIMEOUT: 'PT1.5S' }).planFiles,
    ).toEqual({ parseMemoryMb: 64, parseTimeoutMs: 1_500 });
  });

  it('gathers the requests for one ledger or bulletin for 50 ms and keeps four ledgers by default, or as configured', () => {
    expect(parseConfig({}).reports).toEqual({ gatherMs: 50, keptLedgers: 4 });
    expect(parseConfig({ RECTIFY_REPORT_GATHER: 'PT0.2S' }).reports).toEqual({
      gatherMs: 200,
      keptLedgers: 4,
    });
    expect(parseConfig({ RECTIFY_REPORT_GATHER: 'PT0S' }).reports).toEqual({ gatherMs: 0, keptLedgers: 4 });
    expect(parseConfig({ RECTIFY_REPORT_KEEP: '0' }).reports).toEqual({ gatherMs: 50, keptLedgers: 0 });
    expect(parseConfig({ RECTIFY_REPORT_KEEP: ' 8 ' }).reports).toEqual({ gatherMs: 50, keptLedgers: 8 });
  });

  it('makes up a secret for this process when RECTIFY_JWT_SECRET is unset outside production', () => {
    const a = parseConfig({});
    const b = parseConfig({});
    expect(a.auth.jwtSecretEphemeral).toBe(true);
    expect(a.auth.jwtSecret).toHaveLength(64);
    expect(a.auth.jwtSecret).not.toBe(b.auth.jwtSecret);
    const set = parseConfig({ RECTIFY_JWT_SECRET: 's'.repeat(32) });
    expect(set.auth).toMatchObject({ jwtSecret: 's'.repeat(32), jwtSecretEphemeral: false });
  });

  it('signs access tokens with HS256 by default, for audience rectify-api with 30 s of clock skew', () => {
    expect(parseConfig({}).auth.jwt).toEqual({
      algorithm: 'HS256',
      privateKeyPem: null,
      issuer: 'rectify',
      audience: 'rectify-api',
      clockSkewSeconds: 30,
    });
  });

  it('signs with an asymmetric key when one is configured, and needs no secret then', () => {
    const c = parseConfig({
      NODE_ENV: 'production',
      RECTIFY_JWT_ALG: 'EdDSA',
      // One line, as container environments often carry it.
      RECTIFY_JWT_PRIVATE_KEY: ED25519.trim().replace(/\n/g, '\\n'),
      RECTIFY_JWT_AUDIENCE: 'rectify-prod',
      RECTIFY_JWT_CLOCK_SKEW: 'PT5S',
    });
    expect(c.auth.jwt).toEqual({
      algorithm: 'EdDSA',
      privateKeyPem: ED25519,
      issuer: 'rectify',
      audience: 'rectify-prod',
      clockSkewSeconds: 5,
    });
    expect(c.auth.jwtSecretEphemeral).toBe(false);
  });

  it('reads CORS origins, proxies, durations and the first admin', () => {
    const c = parseConfig({
      RECTIFY_CORS_ORIGINS: 'https://rectify.example.org, http://localhost:5173',
      RECTIFY_TRUST_PROXY: 'loopback',
      RECTIFY_LOGIN_LOCKOUT: 'PT2S',
      RECTIFY_THROTTLE_FEEDBACK_TTL: 'PT1H',
      RECTIFY_ADMIN_EMAIL: 'admin@example.org',
      RECTIFY_ADMIN_PASSWORD: 'a long passphrase',
    });
    expect(c.http.corsOrigins).toEqual(['https://rectify.example.org', 'http://localhost:5173']);
    expect(c.http.trustProxy).toBe('loopback');
    expect(parseConfig({ RECTIFY_TRUST_PROXY: '1' }).http.trustProxy).toBe(1);
    expect(c.auth.login.lockoutMs).toBe(2_000);
    expect(c.rateLimits.feedback).toEqual({ limit: 5, ttlMs: 3_600_000 });
    expect(c.auth.bootstrapAdmin).toEqual({ email: 'admin@example.org', password: 'a long passphrase' });
  });

  // The crash tests' fault hooks: off unless set, a delivery channel by name, never in production.
  it('reads the fault hooks, off by default', () => {
    expect(parseConfig({}).faults).toEqual({ killAfterCommit: null, killAfterDelivery: null });
    const c = parseConfig({
      RECTIFY_FAULT_KILL_AFTER_COMMIT: 'overdue_notice',
      RECTIFY_FAULT_KILL_AFTER_DELIVERY: 'webhook',
    });
    expect(c.faults).toEqual({ killAfterCommit: 'overdue_notice', killAfterDelivery: 'webhook' });
    expect(parseConfig({ RECTIFY_FAULT_KILL_AFTER_DELIVERY: 'email' }).faults.killAfterDelivery).toBe(
      'email',
    );
  });

  it.each<[string, Record<string, string>, string]>([
    [
      'production without a JWT secret',
      { NODE_ENV: 'production' },
      'RECTIFY_JWT_SECRET: required when NODE_ENV=production',
    ],
    [
      'a short JWT secret',
      { RECTIFY_JWT_SECRET: 'short' },
      'RECTIFY_JWT_SECRET: must be at least 32 characters',
    ],
    ['an admin email without a password', { RECTIFY_ADMIN_EMAIL: 'a@example.org' }, 'set both or neither'],
    [
      'a short admin password',
      { RECTIFY_ADMIN_EMAIL: 'a@example.org', RECTIFY_ADMIN_PASSWORD: 'short' },
      'RECTIFY_ADMIN_PASSWORD',
    ],
    ['a CORS origin with a path', { RECTIFY_CORS_ORIGINS: 'https://a.example.org/app' }, 'is not an origin'],
    [
      'a lockout in months',
      { RECTIFY_LOGIN_LOCKOUT: 'P1M' },
      'RECTIFY_LOGIN_LOCKOUT: must be a positive ISO-8601 duration',
    ],
    ['a zero evidence limit', { RECTIFY_EVIDENCE_MAX_BYTES: '0' }, 'RECTIFY_EVIDENCE_MAX_BYTES'],
    [
      'a plan file thread of 16 MB',
      { RECTIFY_PLAN_PARSE_MEMORY_MB: '16' },
      'RECTIFY_PLAN_PARSE_MEMORY_MB: must be at least 32 (MB)',
    ],
    [
      'no time to read a plan file',
      { RECTIFY_PLAN_PARSE_TIMEOUT: 'PT0S' },
      'RECTIFY_PLAN_PARSE_TIMEOUT: must be longer than zero',
    ],
    [
      'a report gathering longer than 5 s',
      { RECTIFY_REPORT_GATHER: 'PT6S' },
      'RECTIFY_REPORT_GATHER: must be at most PT5S',
    ],
    [
      'a negative number of ledgers kept',
      { RECTIFY_REPORT_KEEP: '-1' },
      'RECTIFY_REPORT_KEEP: must be 0 or more',
    ],
    ['more ledgers kept than 64', { RECTIFY_REPORT_KEEP: '65' }, 'RECTIFY_REPORT_KEEP: must be at most 64'],
    // Number('') is 0: an empty number would have read as 0 (no ledger kept, no workflow cache).
    ['an empty port', { PORT: '' }, 'PORT: must be a number, not empty'],
    [
      'a blank worker metrics port',
      { RECTIFY_WORKER_METRICS_PORT: '  ' },
      'RECTIFY_WORKER_METRICS_PORT: must be a number, not empty',
    ],
    [
      'an empty number of ledgers kept',
      { RECTIFY_REPORT_KEEP: '' },
      'RECTIFY_REPORT_KEEP: must be a number, not empty',
    ],
    [
      'an empty workflow cache size',
      { RECTIFY_WORKER_MAX_CACHED_WORKFLOWS: '' },
      'RECTIFY_WORKER_MAX_CACHED_WORKFLOWS: must be a number, not empty',
    ],
    [
      'an empty lockout count',
      { RECTIFY_LOGIN_MAX_FAILURES: '' },
      'RECTIFY_LOGIN_MAX_FAILURES: must be a number, not empty',
    ],
    [
      'an empty free-space floor',
      { RECTIFY_EVIDENCE_MIN_FREE_BYTES: '' },
      'RECTIFY_EVIDENCE_MIN_FREE_BYTES: must be a number, not empty',
    ],
    ['a port that is no number', { PORT: 'http' }, 'PORT: must be a number'],
    [
      'a kill-after-commit hook in production',
      {
        NODE_ENV: 'production',
        RECTIFY_JWT_SECRET: 's'.repeat(32),
        RECTIFY_FAULT_KILL_AFTER_COMMIT: 'reminder',
      },
      'RECTIFY_FAULT_KILL_AFTER_COMMIT: a test hook, refused when NODE_ENV=production',
    ],
    [
      'a kill-after-delivery hook in production',
      {
        NODE_ENV: 'production',
        RECTIFY_JWT_SECRET: 's'.repeat(32),
        RECTIFY_FAULT_KILL_AFTER_DELIVERY: 'email',
      },
      'RECTIFY_FAULT_KILL_AFTER_DELIVERY: a test hook, refused when NODE_ENV=production',
    ],
    [
      'a kill-after-delivery hook on an unknown channel',
      { RECTIFY_FAULT_KILL_AFTER_DELIVERY: 'inbox' },
      'RECTIFY_FAULT_KILL_AFTER_DELIVERY: must be a delivery channel: email or webhook',
    ],
    [
      'an unknown JWT algorithm',
      { RECTIFY_JWT_ALG: 'none' },
      'RECTIFY_JWT_ALG: must be one of HS256, EdDSA, RS256',
    ],
    [
      'EdDSA without a key',
      { RECTIFY_JWT_ALG: 'EdDSA' },
      'RECTIFY_JWT_PRIVATE_KEY: required when RECTIFY_JWT_ALG=EdDSA',
    ],
    [
      'a private key with HS256',
      { RECTIFY_JWT_PRIVATE_KEY: ED25519 },
      'RECTIFY_JWT_PRIVATE_KEY: set RECTIFY_JWT_ALG=EdDSA or RS256',
    ],
    [
      'a key that is not PKCS#8 PEM',
      { RECTIFY_JWT_ALG: 'EdDSA', RECTIFY_JWT_PRIVATE_KEY: 'c2VjcmV0' },
      'RECTIFY_JWT_PRIVATE_KEY: must be a PKCS#8 PEM key',
    ],
    [
      'a damaged PEM key',
      {
        RECTIFY_JWT_ALG: 'EdDSA',
        RECTIFY_JWT_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----',
      },
      'RECTIFY_JWT_PRIVATE_KEY: is not a readable PKCS#8 PEM key',
    ],
    [
      'an RSA key for EdDSA',
      { RECTIFY_JWT_ALG: 'EdDSA', RECTIFY_JWT_PRIVATE_KEY: RSA_1024 },
      'RECTIFY_JWT_PRIVATE_KEY: EdDSA needs an Ed25519 key, not rsa',
    ],
    [
      'an Ed25519 key for RS256',
      { RECTIFY_JWT_ALG: 'RS256', RECTIFY_JWT_PRIVATE_KEY: ED25519 },
      'RECTIFY_JWT_PRIVATE_KEY: RS256 needs an RSA key, not ed25519',
    ],
    [
      'a short RSA key',
      { RECTIFY_JWT_ALG: 'RS256', RECTIFY_JWT_PRIVATE_KEY: RSA_1024 },
      'RECTIFY_JWT_PRIVATE_KEY: RS256 needs an RSA key of 2048 bits or more',
    ],
    [
      'a clock skew over five minutes',
      { RECTIFY_JWT_CLOCK_SKEW: 'PT10M' },
      'RECTIFY_JWT_CLOCK_SKEW: must be at most PT5M',
    ],
    [
      'the token bucket of earlier versions',
      { RECTIFY_FEEDBACK_BURST: '5' },
      'RECTIFY_FEEDBACK_BURST: replaced by RECTIFY_THROTTLE_FEEDBACK_LIMIT',
    ],
    ['a throttle limit of zero', { RECTIFY_THROTTLE_LOGIN_LIMIT: '0' }, 'RECTIFY_THROTTLE_LOGIN_LIMIT'],
    [
      'a throttle window in months',
      { RECTIFY_THROTTLE_PUBLIC_READ_TTL: 'P1M' },
      'RECTIFY_THROTTLE_PUBLIC_READ_TTL: must be a positive ISO-8601 duration',
    ],
  ])('refuses %s, naming the variable', (_label, env, message) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(message);
  });
});

describe('RECTIFY_TRUST_PROXY', () => {
  const trustProxy = (value: string) => parseConfig({ RECTIFY_TRUST_PROXY: value }).http.trustProxy;

  it.each<[string, false | number | string]>([
    ['false', false],
    ['0', 0],
    ['1', 1],
    ['2', 2],
    ['loopback', 'loopback'],
    ['10.0.0.1', '10.0.0.1'],
    ['10.0.0.0/8', '10.0.0.0/8'],
    ['10.0.0.0/255.0.0.0', '10.0.0.0/255.0.0.0'],
    ['fd00::/8', 'fd00::/8'],
    ['::1', '::1'],
    ['loopback, 10.0.0.0/8 ,172.16.0.1', 'loopback,10.0.0.0/8,172.16.0.1'],
    ['linklocal,uniquelocal', 'linklocal,uniquelocal'],
  ])('accepts %s', (value, expected) => {
    expect(trustProxy(value)).toBe(expected);
  });

  it('trusts no proxy when unset', () => {
    expect(parseConfig({}).http.trustProxy).toBe(false);
  });

  it.each<[string, string]>([
    ['true', 'RECTIFY_TRUST_PROXY: true would trust every hop'],
    ['TRUE', 'RECTIFY_TRUST_PROXY: "TRUE" is not a hop count'],
    ['all', 'RECTIFY_TRUST_PROXY: "all" is not a hop count, an IP address, a CIDR'],
    ['proxy.example.org', '"proxy.example.org" is not a hop count'],
    ['10.0.0.0/33', '"10.0.0.0/33" is not'],
    ['fd00::/129', '"fd00::/129" is not'],
    ['fd00::/255.0.0.0', '"fd00::/255.0.0.0" is not'],
    ['10.0.0.0/8/8', '"10.0.0.0/8/8" is not'],
    ['999.0.0.1', '"999.0.0.1" is not'],
    ['-1', '"-1" is not'],
    ['loopback,', 'an empty entry is not'],
  ])('refuses %s at boot, saying why', (value, message) => {
    expect(() => trustProxy(value)).toThrow(ConfigError);
    expect(() => trustProxy(value)).toThrow(message);
  });
});

describe('configuration of logs, metrics and traces', () => {
  it('defaults to info logs, public API metrics, no worker metrics and no traces', () => {
    expect(parseConfig({}).observability).toEqual({
      logLevel: 'info',
      metrics: { enabled: true, token: null },
      workerMetricsPort: null,
      sdkMetricsPort: null,
      otlpEndpoint: null,
    });
  });

  it('reads every key, the Rectify OTLP endpoint before the standard one', () => {
    const c = parseConfig({
      RECTIFY_LOG_LEVEL: 'debug',
      RECTIFY_METRICS_ENABLED: 'false',
      RECTIFY_METRICS_TOKEN: 'scrape-token-0123456789',
      RECTIFY_WORKER_METRICS_PORT: '9464',
      RECTIFY_WORKER_SDK_METRICS_PORT: '9465',
      RECTIFY_OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://other:4318',
    });
    expect(c.observability).toEqual({
      logLevel: 'debug',
      metrics: { enabled: false, token: 'scrape-token-0123456789' },
      workerMetricsPort: 9464,
      sdkMetricsPort: 9465,
      otlpEndpoint: 'http://collector:4318',
    });
    expect(parseConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://other:4318' }).observability.otlpEndpoint).toBe(
      'http://other:4318',
    );
  });

  it.each([
    ['an unknown log level', { RECTIFY_LOG_LEVEL: 'verbose' }, 'RECTIFY_LOG_LEVEL'],
    [
      'a short metrics token',
      { RECTIFY_METRICS_TOKEN: 'short' },
      'RECTIFY_METRICS_TOKEN: must be at least 16',
    ],
    ['a port out of range', { RECTIFY_WORKER_METRICS_PORT: '70000' }, 'RECTIFY_WORKER_METRICS_PORT'],
    [
      'one port for both worker endpoints',
      { RECTIFY_WORKER_METRICS_PORT: '9464', RECTIFY_WORKER_SDK_METRICS_PORT: '9464' },
      'RECTIFY_WORKER_SDK_METRICS_PORT: must differ from RECTIFY_WORKER_METRICS_PORT',
    ],
    [
      'an endpoint that is no URL',
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'the collector' },
      'OTEL_EXPORTER_OTLP_ENDPOINT',
    ],
  ])('refuses %s, naming the variable', (_label, env, message) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(message);
  });
});

describe('configuration of password hashing and the first admin', () => {
  it('hashes passwords with scrypt N=2^17 and writes the setup token under .data by default', () => {
    const c = parseConfig({}, '/srv/rectify');
    expect(c.auth.scryptCost).toBe(2 ** 17);
    expect(c.auth.setupTokenFile).toBe('/srv/rectify/.data/setup-token');
  });

  it.each(['8192', '100000', '2097152', 'strong'])('refuses RECTIFY_SCRYPT_COST=%s', (cost) => {
    expect(() => parseConfig({ RECTIFY_SCRYPT_COST: cost })).toThrow(/RECTIFY_SCRYPT_COST/);
  });

  it('accepts a lower cost down to 2^14, for tests', () => {
    expect(parseConfig({ RECTIFY_SCRYPT_COST: '16384' }).auth.scryptCost).toBe(2 ** 14);
  });
});

describe('configuration of payload encryption and the codec endpoint', () => {
  const k1 = Buffer.alloc(32, 1).toString('base64');
  const k0 = Buffer.alloc(32, 2).toString('base64');

  it('encrypts nothing and lets no browser call the codec by default', () => {
    const c = parseConfig({});
    expect(c.temporal.payloadKeys).toEqual([]);
    expect(c.http.codecCorsOrigins).toEqual([]);
  });

  it('reads id:base64key pairs in order, the first one encrypting, and the Web UI origin', () => {
    const c = parseConfig({
      RECTIFY_PAYLOAD_KEYS: `k-2027:${k1}, k-2026:${k0}`,
      RECTIFY_CODEC_CORS_ORIGIN: 'https://temporal-ui.example.org',
    });
    expect(c.temporal.payloadKeys).toEqual([
      { id: 'k-2027', key: Buffer.alloc(32, 1) },
      { id: 'k-2026', key: Buffer.alloc(32, 2) },
    ]);
    expect(c.http.codecCorsOrigins).toEqual(['https://temporal-ui.example.org']);
  });

  it('reads the keys from a file, one per line, relative to the working directory', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-keys-'));
    try {
      fs.writeFileSync(path.join(dir, 'payload-keys'), `k-2027:${k1}\nk-2026:${k0}\n`);
      const c = parseConfig({ RECTIFY_PAYLOAD_KEYS_FILE: 'payload-keys' }, dir);
      expect(c.temporal.payloadKeys.map((k) => k.id)).toEqual(['k-2027', 'k-2026']);
      expect(() => parseConfig({ RECTIFY_PAYLOAD_KEYS_FILE: 'missing' }, dir)).toThrow(
        `RECTIFY_PAYLOAD_KEYS_FILE: cannot read ${path.join(dir, 'missing')} (ENOENT)`,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each<[string, Record<string, string>, string]>([
    [
      'both the keys and a key file',
      { RECTIFY_PAYLOAD_KEYS: `k:${k1}`, RECTIFY_PAYLOAD_KEYS_FILE: '/etc/keys' },
      'RECTIFY_PAYLOAD_KEYS and RECTIFY_PAYLOAD_KEYS_FILE: set one or neither',
    ],
    [
      'a key without an id',
      { RECTIFY_PAYLOAD_KEYS: k1 },
      'RECTIFY_PAYLOAD_KEYS: entry 1 must be id:base64key',
    ],
    [
      'an id with a space',
      { RECTIFY_PAYLOAD_KEYS: `k:${k1},key two:${k0}` },
      'RECTIFY_PAYLOAD_KEYS: entry 2 must be id:base64key',
    ],
    [
      'a key that is not base64',
      { RECTIFY_PAYLOAD_KEYS: 'k:not base64!' },
      'RECTIFY_PAYLOAD_KEYS: key k is not base64',
    ],
    [
      'a 16-byte key',
      { RECTIFY_PAYLOAD_KEYS: `k:${Buffer.alloc(16).toString('base64')}` },
      'RECTIFY_PAYLOAD_KEYS: key k is 16 bytes; AES-256 needs 32',
    ],
    [
      'one id twice',
      { RECTIFY_PAYLOAD_KEYS: `k:${k1},k:${k0}` },
      'RECTIFY_PAYLOAD_KEYS: key id k appears twice',
    ],
    ['only separators', { RECTIFY_PAYLOAD_KEYS: ' , ' }, 'RECTIFY_PAYLOAD_KEYS: holds no key'],
    [
      'a codec origin with a path',
      { RECTIFY_CODEC_CORS_ORIGIN: 'https://ui.example.org/namespaces' },
      'RECTIFY_CODEC_CORS_ORIGIN',
    ],
  ])('refuses %s, naming the variable', (_label, env, message) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(message);
  });

  it('never shows key material in a refusal', () => {
    const short = Buffer.alloc(16, 7).toString('base64');
    expect(() => parseConfig({ RECTIFY_PAYLOAD_KEYS: `k:${short}` })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining(short) }),
    );
  });
});

describe('configuration of the audit chain', () => {
  it('keeps the key and the anchors under .data by default, the key created there, anchored every 5 minutes', () => {
    expect(parseConfig({}, '/srv/rectify').audit).toEqual({
      keyFile: '/srv/rectify/.data/audit-key',
      createKey: true,
      anchorFile: '/srv/rectify/.data/audit-anchors.jsonl',
      anchorIntervalMs: 300_000,
      anchorWebhook: null,
    });
  });

  it("never creates a key in production, where every replica must read the operator's shared key file", () => {
    const c = parseConfig({ NODE_ENV: 'production', RECTIFY_JWT_SECRET: 'j'.repeat(32) }, '/srv/rectify');
    expect(c.audit).toMatchObject({ keyFile: '/srv/rectify/.data/audit-key', createKey: false });
  });

  it('reads a named key file, never created, an interval and the anchor webhook', () => {
    const secret = 's'.repeat(32);
    const c = parseConfig(
      {
        RECTIFY_AUDIT_KEY_FILE: '/run/secrets/audit-key',
        RECTIFY_AUDIT_ANCHOR_FILE: 'anchors/audit.jsonl',
        RECTIFY_AUDIT_ANCHOR_INTERVAL: 'PT1M',
        RECTIFY_AUDIT_ANCHOR_WEBHOOK_URL: 'https://log.example.org/anchors',
        RECTIFY_AUDIT_ANCHOR_WEBHOOK_SECRET: secret,
      },
      '/srv/rectify',
    );
    expect(c.audit).toEqual({
      keyFile: '/run/secrets/audit-key',
      createKey: false,
      anchorFile: '/srv/rectify/anchors/audit.jsonl',
      anchorIntervalMs: 60_000,
      anchorWebhook: { url: 'https://log.example.org/anchors', secret },
    });
  });

  it.each([
    [{ RECTIFY_AUDIT_ANCHOR_WEBHOOK_URL: 'https://log.example.org/a' }, 'set both or neither'],
    [{ RECTIFY_AUDIT_ANCHOR_WEBHOOK_SECRET: 's'.repeat(32) }, 'set both or neither'],
    [{ RECTIFY_AUDIT_ANCHOR_WEBHOOK_URL: 'ftp://log.example.org/a' }, 'RECTIFY_AUDIT_ANCHOR_WEBHOOK_URL'],
    [
      { RECTIFY_AUDIT_ANCHOR_WEBHOOK_SECRET: 'short' },
      'RECTIFY_AUDIT_ANCHOR_WEBHOOK_SECRET: must be at least 32',
    ],
    [{ RECTIFY_AUDIT_ANCHOR_INTERVAL: 'P1M' }, 'RECTIFY_AUDIT_ANCHOR_INTERVAL'],
  ])('refuses %j, naming the variable', (env, message) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(message);
  });
});

describe('configuration of the worker', () => {
  it('keeps 2,000 open measures in the workflow cache by default', () => {
    expect(parseConfig({}).worker.maxCachedWorkflows).toBe(2000);
  });

  it.each([
    ['0', 0],
    ['500', 500],
  ])('reads RECTIFY_WORKER_MAX_CACHED_WORKFLOWS=%s', (value, n) => {
    expect(parseConfig({ RECTIFY_WORKER_MAX_CACHED_WORKFLOWS: value }).worker.maxCachedWorkflows).toBe(n);
  });

  it.each(['-1', 'many', '1.5', '100001'])(
    'refuses RECTIFY_WORKER_MAX_CACHED_WORKFLOWS=%s, naming it',
    (value) => {
      expect(() => parseConfig({ RECTIFY_WORKER_MAX_CACHED_WORKFLOWS: value })).toThrow(
        /RECTIFY_WORKER_MAX_CACHED_WORKFLOWS/,
      );
    },
  );

  it('runs workflow code on two threads by default', () => {
    expect(parseConfig({}).worker.workflowThreads).toBe(2);
  });

  it.each([
    ['1', 1],
    ['4', 4],
  ])('reads RECTIFY_WORKER_WORKFLOW_THREADS=%s', (value, n) => {
    expect(parseConfig({ RECTIFY_WORKER_WORKFLOW_THREADS: value }).worker.workflowThreads).toBe(n);
  });

  it('keeps three frames of each stack in workflow code by default', () => {
    expect(parseConfig({}).worker.workflowStackFrames).toBe(3);
  });

  it.each([
    ['0', 0],
    ['10', 10],
  ])('reads RECTIFY_WORKFLOW_STACK_FRAMES=%s', (value, n) => {
    expect(parseConfig({ RECTIFY_WORKFLOW_STACK_FRAMES: value }).worker.workflowStackFrames).toBe(n);
  });

  it.each(['', '-1', 'ten', '2.5', '201'])('refuses RECTIFY_WORKFLOW_STACK_FRAMES=%s, naming it', (value) => {
    expect(() => parseConfig({ RECTIFY_WORKFLOW_STACK_FRAMES: value })).toThrow(
      /RECTIFY_WORKFLOW_STACK_FRAMES/,
    );
  });

  it('lets a heap of the worker grow half again its live data by default', () => {
    expect(parseConfig({}).worker.heapGrowingPercent).toBe(50);
  });

  it.each([
    ['0', 0],
    ['100', 100],
    ['300', 300],
  ])('reads RECTIFY_WORKER_HEAP_GROWING_PERCENT=%s', (value, n) => {
    expect(parseConfig({ RECTIFY_WORKER_HEAP_GROWING_PERCENT: value }).worker.heapGrowingPercent).toBe(n);
  });

  it.each(['', '-1', 'half', '12.5', '301'])(
    'refuses RECTIFY_WORKER_HEAP_GROWING_PERCENT=%s, naming it',
    (value) => {
      expect(() => parseConfig({ RECTIFY_WORKER_HEAP_GROWING_PERCENT: value })).toThrow(
        /RECTIFY_WORKER_HEAP_GROWING_PERCENT/,
      );
    },
  );

  it.each(['0', '-1', 'two', '1.5', '65'])(
    'refuses RECTIFY_WORKER_WORKFLOW_THREADS=%s, naming it',
    (value) => {
      expect(() => parseConfig({ RECTIFY_WORKER_WORKFLOW_THREADS: value })).toThrow(
        /RECTIFY_WORKER_WORKFLOW_THREADS/,
      );
    },
  );
});
