// The one place that reads the environment. Parsed once; a bad value stops the process at boot
// with the variable named, instead of failing later in a request.
import { createPrivateKey, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { isIP } from 'node:net';
import * as path from 'node:path';
import { z } from 'zod';
import { parseIsoDuration } from '../../domain/src/iso-duration';

export const JWT_ALGORITHMS = ['HS256', 'EdDSA', 'RS256'] as const;
export type JwtAlgorithm = (typeof JWT_ALGORITHMS)[number];

// A number from the environment. An empty value is refused rather than read as 0, which is what
// Number('') gives: PORT= would have listened on a port of the system's choosing, and
// RECTIFY_WORKER_MAX_CACHED_WORKFLOWS= run the worker with no workflow cache.
function fromText(schema: z.ZodNumber) {
  return z
    .string()
    .trim()
    .min(1, 'must be a number, not empty')
    .transform(Number)
    .pipe(z.number({ error: 'must be a number' }))
    .pipe(schema);
}

// Frames of each stack captured in workflow code (RECTIFY_WORKFLOW_STACK_FRAMES).
export const DEFAULT_WORKFLOW_STACK_FRAMES = 3;

// How far a V8 heap of the worker grows past its live data before its next full collection
// (RECTIFY_WORKER_HEAP_GROWING_PERCENT; apps/worker/src/heap-growth.ts).
export const DEFAULT_HEAP_GROWING_PERCENT = 50;

// Open measures kept in the worker's workflow cache (RECTIFY_WORKER_MAX_CACHED_WORKFLOWS). It was
// 500 while each cached run carried OpenTelemetry's modules and context (a workflow thread ran out
// of heap at about 2,100); untraced runs load none, and a cached measure now costs the process
// about 0.2–0.35 MiB, so 2,000 cost 0.3–0.5 GiB more than 500 and drained a burst of 1,000 steps
// of cached measures at 0.79 of bare timers instead of 0.43 in a pair (0.53–0.79 over three full
// runs; BENCHMARKS.md, "The workflow cache").
export const DEFAULT_MAX_CACHED_WORKFLOWS = 2000;

const port = fromText(z.number().int().min(0).max(65_535));
const count = fromText(z.number().int().min(1));

// A fixed-length ISO-8601 duration (PT30S, PT1H, P1D) in milliseconds; calendar units are refused.
const duration = z.string().transform((text, ctx) => {
  try {
    const d = parseIsoDuration(text);
    if (d.sign < 0 || d.years || d.months) throw new Error();
    return ((d.weeks * 7 + d.days) * 86_400 + d.hours * 3_600 + d.minutes * 60 + d.seconds) * 1_000;
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be a positive ISO-8601 duration such as PT30S or PT1H' });
    return z.NEVER;
  }
});

const origins = z.string().transform((text, ctx) => {
  const list = text
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const o of list) {
    let origin: string | null = null;
    try {
      origin = new URL(o).origin;
    } catch {
      // reported below
    }
    if (origin !== o)
      ctx.addIssue({ code: 'custom', message: `${o} is not an origin like https://rectify.example.org` });
  }
  return list;
});

// Express's `trust proxy`, for X-Forwarded-For: off, a hop count, or the proxies' addresses, CIDRs
// or Express's names (`loopback`, `linklocal`, `uniquelocal`). `true` is refused: it trusts every
// hop, so any client could name its own address and slip past sign-in lockouts and rate limits.
const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];
const trustProxy = z.string().transform((text, ctx): false | number | string => {
  const value = text.trim();
  if (value === 'false') return false;
  if (value === 'true') {
    ctx.addIssue({
      code: 'custom',
      message:
        'true would trust every hop, so any client could set its own address with X-Forwarded-For: give the number of proxies in front of the API (e.g. 1) or their addresses or CIDRs (e.g. 10.0.0.0/8, loopback)',
    });
    return z.NEVER;
  }
  if (/^\d+$/.test(value)) return Number(value);
  const entries = value.split(',').map((entry) => entry.trim());
  for (const entry of entries) {
    if (!isProxyAddress(entry))
      ctx.addIssue({
        code: 'custom',
        message: `${entry ? `"${entry}"` : 'an empty entry'} is not a hop count, an IP address, a CIDR or one of ${PROXY_NAMES.join(', ')}`,
      });
  }
  return entries.join(',');
});

function isProxyAddress(entry: string): boolean {
  if (PROXY_NAMES.includes(entry)) return true;
  const [address, range, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  if (range === undefined) return true;
  if (/^\d{1,3}$/.test(range)) return Number(range) <= (family === 4 ? 32 : 128);
  // proxy-addr also takes an IPv4 netmask (10.0.0.0/255.0.0.0).
  return family === 4 && isIP(range) === 4;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL (leave it unset for the embedded SQLite file)')
    .optional(),
  RECTIFY_SQLITE_PATH: z.string().min(1).optional(),
  RECTIFY_DB_LOGGING: z.enum(['true', 'false']).default('false'),
  TEMPORAL_ADDRESS: z
    .string()
    .regex(/^[^\s:]+:\d+$/, 'must be host:port')
    .default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('rectify'),
  TEMPORAL_UI_URL: z.string().url().optional(),
  TEMPORAL_SEARCH_ATTRIBUTES: z.enum(['true', 'false']).default('true'),
  // Secured clusters and Temporal Cloud: PEM files of the client certificate, its key and the CA
  // that signed the server's certificate; an API key (TLS is then on, with the system's CAs).
  RECTIFY_TEMPORAL_TLS_CERT: z.string().min(1).optional(),
  RECTIFY_TEMPORAL_TLS_KEY: z.string().min(1).optional(),
  RECTIFY_TEMPORAL_TLS_CA: z.string().min(1).optional(),
  RECTIFY_TEMPORAL_API_KEY: z.string().min(1).optional(),
  // Payload encryption (docs/operations.md#payload-encryption): `id:base64key` pairs, the first
  // encrypts, all decrypt; inline or in a file (one of the two). Unset: payloads stay plain.
  RECTIFY_PAYLOAD_KEYS: z.string().min(1).optional(),
  RECTIFY_PAYLOAD_KEYS_FILE: z.string().min(1).optional(),
  // The Temporal Web UI's origin, allowed to call the codec endpoint from the browser.
  RECTIFY_CODEC_CORS_ORIGIN: origins.optional(),
  RECTIFY_WORKFLOW_BUNDLE: z.string().min(1).optional(),
  // Open measures kept in the worker's workflow cache; the others replay their history when they
  // next run. Set here rather than left to the SDK's default, which it sizes from the heap limit.
  RECTIFY_WORKER_MAX_CACHED_WORKFLOWS: fromText(z.number().int().min(0).max(100_000)).default(
    DEFAULT_MAX_CACHED_WORKFLOWS,
  ),
  // Threads running workflow code. The SDK runs one when it reuses a V8 context (its default); a
  // profile showed that thread busy 81 % of an import's catch-up while the main thread (activities,
  // gRPC) sat 88 % idle, so two use both cores. Their gain on an import's catch-up is not settled: the
  // one-against-two figures were read in the server's 5-s steps of queue statistics (BENCHMARKS.md).
  RECTIFY_WORKER_WORKFLOW_THREADS: fromText(z.number().int().min(1).max(64)).default(2),
  // Frames of each stack in workflow code: what the stack trace query shows of each pending promise
  // and a workflow failure's trace. The SDK captures one for every promise a workflow makes; V8's
  // 10 frames were nearly half of a measure's replay (apps/worker/src/workflow-stack-frames.ts).
  RECTIFY_WORKFLOW_STACK_FRAMES: fromText(z.number().int().min(0).max(200)).default(
    DEFAULT_WORKFLOW_STACK_FRAMES,
  ),
  // How far each V8 heap of the worker (its workflow threads' above all) grows past its live data
  // before a full collection, in percent; 0 leaves it to V8, which let each workflow thread's heap
  // grow to about four times its live data (apps/worker/src/heap-growth.ts). V8 grows by at most
  // 300 %.
  RECTIFY_WORKER_HEAP_GROWING_PERCENT: fromText(z.number().int().min(0).max(300)).default(
    DEFAULT_HEAP_GROWING_PERCENT,
  ),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(3000),
  // The built web app (`npm run build` writes it to dist/web); the API serves it at `/`.
  RECTIFY_WEB_ROOT: z.string().min(1).default('dist/web'),
  NODE_ENV: z.string().optional(),
  RECTIFY_JWT_SECRET: z
    .string()
    .min(32, 'must be at least 32 characters (e.g. openssl rand -hex 32)')
    .optional(),
  // Asymmetric signing (EdDSA, RS256) with a PKCS#8 PEM key publishes its public key at
  // /.well-known/jwks.json; HS256 (the default) signs with RECTIFY_JWT_SECRET and publishes nothing.
  RECTIFY_JWT_ALG: z
    .enum(JWT_ALGORITHMS, { error: `must be one of ${JWT_ALGORITHMS.join(', ')}` })
    .default('HS256'),
  RECTIFY_JWT_PRIVATE_KEY: z.string().min(1).optional(),
  RECTIFY_JWT_AUDIENCE: z.string().min(1).default('rectify-api'),
  RECTIFY_JWT_CLOCK_SKEW: duration.prefault('PT30S'),
  RECTIFY_ADMIN_EMAIL: z.email().optional(),
  RECTIFY_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').max(200).optional(),
  // scrypt's N for new password hashes: a power of two, at least 2^14 (tests lower it for speed).
  RECTIFY_SCRYPT_COST: fromText(
    z
      .number()
      .int()
      .refine((n) => n >= 2 ** 14 && n <= 2 ** 20 && Number.isInteger(Math.log2(n)), {
        message: 'must be a power of two from 16384 (2^14) to 1048576 (2^20)',
      }),
  ).default(2 ** 17),
  // Where the first admin's one-time setup token is written (mode 0600) when no account exists.
  RECTIFY_SETUP_TOKEN_FILE: z.string().min(1).default('.data/setup-token'),
  RECTIFY_CORS_ORIGINS: origins.optional(),
  RECTIFY_TRUST_PROXY: trustProxy.optional(),
  RECTIFY_EVIDENCE_DIR: z.string().min(1).default('.data/evidence'),
  RECTIFY_EVIDENCE_MAX_BYTES: count.default(20 * 1024 * 1024),
  // Readiness is down when the evidence directory's file system has less free space than this.
  RECTIFY_EVIDENCE_MIN_FREE_BYTES: fromText(z.number().int().min(0)).default(100 * 1024 * 1024),
  // Plan files are read in a worker thread with these limits (docs/security.md, hostile plan files).
  RECTIFY_PLAN_PARSE_MEMORY_MB: fromText(
    z.number().int().min(32, 'must be at least 32 (MB)').max(4096, 'must be at most 4096 (MB)'),
  ).default(256),
  RECTIFY_PLAN_PARSE_TIMEOUT: duration.refine((ms) => ms > 0, 'must be longer than zero').prefault('PT30S'),
  // A ledger or bulletin rendering gathers the requests for the same rendering until none has come
  // for this long, then reads the plan (docs/operations.md): ten requests at once cost one
  // rendering. A lone request waits this much longer; PT0S shares only among those that arrive
  // during a rendering.
  RECTIFY_REPORT_GATHER: duration
    .refine((ms) => ms <= 5_000, 'must be at most PT5S (every rendering waits this long)')
    .prefault('PT0.05S'),
  // Ledgers kept, the last of each plan and as-of day, answered again while what they show is
  // unchanged (libs/reporting/src/kept-renderings.ts): a 50,000-measure ledger is about 11 MB kept
  // and about 4 s of writing saved. 0 keeps none.
  RECTIFY_REPORT_KEEP: fromText(
    z.number().int().min(0, 'must be 0 or more').max(64, 'must be at most 64'),
  ).default(4),
  RECTIFY_LOGIN_MAX_FAILURES: count.default(5),
  RECTIFY_LOGIN_MAX_FAILURES_PER_IP: count.default(20),
  RECTIFY_LOGIN_LOCKOUT: duration.prefault('PT30S'),
  RECTIFY_LOGIN_LOCKOUT_MAX: duration.prefault('PT1H'),
  // Requests per client address and window on the public routes, counted in the database so
  // that every API replica shares them.
  RECTIFY_THROTTLE_LOGIN_LIMIT: count.default(20),
  RECTIFY_THROTTLE_LOGIN_TTL: duration.prefault('PT1M'),
  RECTIFY_THROTTLE_FEEDBACK_LIMIT: count.default(5),
  RECTIFY_THROTTLE_FEEDBACK_TTL: duration.prefault('PT10M'),
  RECTIFY_THROTTLE_PUBLIC_READ_LIMIT: count.default(60),
  RECTIFY_THROTTLE_PUBLIC_READ_TTL: duration.prefault('PT1M'),
  RECTIFY_API_TOKEN: z.string().min(1).optional(),
  // The audit chain's HMAC keys, one a line (the first signs); unset: .data/audit-key, created once.
  RECTIFY_AUDIT_KEY_FILE: z.string().min(1).optional(),
  // Signed checkpoints of the chain's head, one JSON line each, kept outside the database.
  RECTIFY_AUDIT_ANCHOR_FILE: z.string().min(1).default('.data/audit-anchors.jsonl'),
  RECTIFY_AUDIT_ANCHOR_INTERVAL: duration.prefault('PT5M'),
  RECTIFY_AUDIT_ANCHOR_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
  RECTIFY_AUDIT_ANCHOR_WEBHOOK_SECRET: z
    .string()
    .min(32, 'must be at least 32 characters (e.g. openssl rand -hex 32)')
    .optional(),
  // Where mail goes: smtp://user:pass@host:port (STARTTLS when offered) or smtps:// (TLS).
  RECTIFY_SMTP_URL: z
    .string()
    .regex(
      /^smtps?:\/\/[^\s]+$/,
      'must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.org:587',
    )
    .optional(),
  RECTIFY_MAIL_FROM: z.string().min(3).default('Rectify <rectify@localhost>'),
  // The address people open Rectify at: links in mails and webhook payloads.
  RECTIFY_PUBLIC_URL: z.string().url().optional(),
  // Hosts and CIDRs webhooks may be sent to; nothing else, and no private address unless listed.
  RECTIFY_WEBHOOK_ALLOW: z.string().default(''),
  RECTIFY_WEBHOOK_TIMEOUT: duration.prefault('PT10S'),
  // How often a delivery is tried before it is dead, and the first wait between tries (doubling).
  RECTIFY_DELIVERY_ATTEMPTS: count.default(6),
  RECTIFY_DELIVERY_BACKOFF: duration.prefault('PT30S'),
  // Tests only: the worker kills itself (SIGKILL) right after the transaction of the first event
  // of this kind commits, before the activity completes. Refused in production.
  RECTIFY_FAULT_KILL_AFTER_COMMIT: z
    .string()
    .regex(/^[a-z_]{1,32}$/, 'must be a measure event kind, e.g. overdue_notice')
    .optional(),
  // Tests only: the worker kills itself (SIGKILL) right after the first delivery on this channel
  // is recorded as sent, before the activity completes. Refused in production.
  RECTIFY_FAULT_KILL_AFTER_DELIVERY: z
    .enum(['email', 'webhook'], { error: 'must be a delivery channel: email or webhook' })
    .optional(),
  // Observability (docs/operations.md#operating-rectify).
  RECTIFY_LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  RECTIFY_METRICS_ENABLED: z.enum(['true', 'false']).default('true'),
  RECTIFY_METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  RECTIFY_WORKER_METRICS_PORT: port.optional(),
  RECTIFY_WORKER_SDK_METRICS_PORT: port.optional(),
  RECTIFY_OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
});

export type DatabaseConfig =
  | { readonly kind: 'postgres'; readonly url: string; readonly logging: boolean }
  | { readonly kind: 'sqlite'; readonly file: string; readonly logging: boolean };

export interface RectifyConfig {
  readonly database: DatabaseConfig;
  readonly temporal: {
    readonly address: string;
    readonly namespace: string;
    readonly taskQueue: string;
    readonly uiUrl: string | null;
    // Measures upsert the Rectify* search attributes; the namespace must have them registered.
    readonly searchAttributes: boolean;
    // PEM file paths; null: plain connection (or TLS with the system's CAs when apiKey is set).
    readonly tls: TemporalTlsFiles | null;
    readonly apiKey: string | null;
    // AES-256-GCM keys for payloads: the first encrypts, every one decrypts; empty: no encryption.
    readonly payloadKeys: readonly PayloadKey[];
  };
  readonly http: {
    readonly host: string;
    readonly port: number;
    // Browser origins allowed to call the API; empty: no cross-origin access.
    readonly corsOrigins: readonly string[];
    readonly trustProxy: false | number | string;
    // Browser origins (the Temporal Web UI) allowed to call /codec with credentials.
    readonly codecCorsOrigins: readonly string[];
    // The built web app served at `/`; a missing folder serves nothing there (the API still runs).
    readonly webRoot: string;
  };
  // A prebuilt workflow bundle (npm run build); unset, the worker bundles the sources at start.
  readonly worker: {
    readonly workflowBundlePath: string | null;
    // Workflows kept in memory between tasks; the rest replay their history when they next run.
    readonly maxCachedWorkflows: number;
    // Threads running workflow tasks; the cache above is shared out among them.
    readonly workflowThreads: number;
    // Frames of each stack captured in workflow code.
    readonly workflowStackFrames: number;
    // How far a heap grows past its live data before a full collection, in percent; 0: V8's own.
    readonly heapGrowingPercent: number;
  };
  readonly auth: {
    readonly jwtSecret: string;
    // No RECTIFY_JWT_SECRET outside production: a random secret for this process only.
    readonly jwtSecretEphemeral: boolean;
    readonly jwt: JwtConfig;
    // The first admin, created at boot when no account exists.
    readonly bootstrapAdmin: { readonly email: string; readonly password: string } | null;
    // Without it and without an account: the one-time setup token goes to this file.
    readonly setupTokenFile: string;
    // scrypt's N for new password hashes; older, weaker hashes are replaced at sign-in.
    readonly scryptCost: number;
    readonly login: {
      readonly maxFailuresPerAccount: number;
      readonly maxFailuresPerIp: number;
      readonly lockoutMs: number;
      readonly maxLockoutMs: number;
    };
  };
  readonly evidence: { readonly dir: string; readonly maxBytes: number };
  // Limits of the worker thread each uploaded plan file is read in.
  readonly planFiles: { readonly parseMemoryMb: number; readonly parseTimeoutMs: number };
  // Whole-plan renderings (ledger, bulletin): how long each gathers requests it then answers, and
  // how many ledgers are kept to answer again while unchanged.
  readonly reports: { readonly gatherMs: number; readonly keptLedgers: number };
  // Readiness thresholds (GET /health/ready).
  readonly health: { readonly evidenceMinFreeBytes: number };
  readonly rateLimits: RateLimitsConfig;
  readonly audit: AuditConfig;
  // The CLI's credentials for calls to the API (an API token).
  readonly cli: { readonly apiToken: string | null };
  // Fault injection for the crash tests; null (off) unless set, and never in production.
  readonly faults: {
    readonly killAfterCommit: string | null;
    readonly killAfterDelivery: 'email' | 'webhook' | null;
  };
  readonly delivery: DeliveryConfig;
  readonly observability: ObservabilityConfig;
}

export interface ObservabilityConfig {
  readonly logLevel: LogLevel;
  // GET /metrics on the API: off (404), public, or only with this bearer token.
  readonly metrics: { readonly enabled: boolean; readonly token: string | null };
  // The worker's own /metrics, and the Temporal SDK's Prometheus exporter; null: off.
  readonly workerMetricsPort: number | null;
  readonly sdkMetricsPort: number | null;
  // OTLP/HTTP collector base URL; null: no traces.
  readonly otlpEndpoint: string | null;
}

export interface AuditConfig {
  // The keys' file; `createKey`: it may be created (0600) when missing, as it was not named.
  readonly keyFile: string;
  readonly createKey: boolean;
  readonly anchorFile: string;
  readonly anchorIntervalMs: number;
  // Each checkpoint is also POSTed here, signed as notification webhooks are; null: file only.
  readonly anchorWebhook: { readonly url: string; readonly secret: string } | null;
}

export interface RateLimit {
  readonly limit: number;
  readonly ttlMs: number;
}

// Sign-in; feedback submissions; public reads (feedback tracking, the public bulletin).
export interface RateLimitsConfig {
  readonly login: RateLimit;
  readonly feedback: RateLimit;
  readonly publicRead: RateLimit;
}

export interface JwtConfig {
  readonly algorithm: JwtAlgorithm;
  // PKCS#8 PEM; set exactly when the algorithm is asymmetric.
  readonly privateKeyPem: string | null;
  readonly issuer: string;
  readonly audience: string;
  // How far the clocks of the signer and a verifier may disagree on iat, nbf and exp.
  readonly clockSkewSeconds: number;
}

// The longest clock skew accepted: beyond it, a 15-minute token would mean little.
const MAX_CLOCK_SKEW_MS = 5 * 60_000;

export interface DeliveryConfig {
  // null: e-mail channels are planned but end as dead with "no SMTP server configured".
  readonly smtp: { readonly url: string; readonly from: string } | null;
  readonly publicUrl: string;
  readonly webhookAllow: readonly string[];
  readonly webhookTimeoutMs: number;
  readonly attempts: number;
  readonly backoffMs: number;
}

export interface PayloadKey {
  // Written beside every encrypted payload, so a rotated-out key can still be found.
  readonly id: string;
  // 32 bytes (AES-256).
  readonly key: Buffer;
}

export interface TemporalTlsFiles {
  readonly certFile: string | null;
  readonly keyFile: string | null;
  readonly caFile: string | null;
}

export class ConfigError extends Error {}

// Every variable the configuration reads (deploy files are checked against this list).
export const CONFIG_VARIABLES: readonly string[] = Object.keys(envSchema.shape);

export function parseConfig(env: Record<string, string | undefined>, cwd = process.cwd()): RectifyConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration: ${lines.join('; ')}`);
  }
  const e = parsed.data;
  const logging = e.RECTIFY_DB_LOGGING === 'true';
  const production = e.NODE_ENV === 'production';
  if (Boolean(e.RECTIFY_TEMPORAL_TLS_CERT) !== Boolean(e.RECTIFY_TEMPORAL_TLS_KEY)) {
    throw new ConfigError(
      'invalid configuration: RECTIFY_TEMPORAL_TLS_CERT and RECTIFY_TEMPORAL_TLS_KEY: set both or neither',
    );
  }
  const symmetric = e.RECTIFY_JWT_ALG === 'HS256';
  if (production && symmetric && !e.RECTIFY_JWT_SECRET) {
    throw new ConfigError('invalid configuration: RECTIFY_JWT_SECRET: required when NODE_ENV=production');
  }
  const privateKeyPem = jwtPrivateKey(e.RECTIFY_JWT_ALG, e.RECTIFY_JWT_PRIVATE_KEY);
  if (e.RECTIFY_JWT_CLOCK_SKEW > MAX_CLOCK_SKEW_MS) {
    throw new ConfigError('invalid configuration: RECTIFY_JWT_CLOCK_SKEW: must be at most PT5M');
  }
  if (production && e.RECTIFY_FAULT_KILL_AFTER_COMMIT) {
    throw new ConfigError(
      'invalid configuration: RECTIFY_FAULT_KILL_AFTER_COMMIT: a test hook, refused when NODE_ENV=production',
    );
  }
  if (production && e.RECTIFY_FAULT_KILL_AFTER_DELIVERY) {
    throw new ConfigError(
      'invalid configuration: RECTIFY_FAULT_KILL_AFTER_DELIVERY: a test hook, refused when NODE_ENV=production',
    );
  }
  // The per-replica token bucket's keys: refused, so a limit an operator set is not silently lost.
  for (const [old, now] of [
    ['RECTIFY_FEEDBACK_BURST', 'RECTIFY_THROTTLE_FEEDBACK_LIMIT'],
    ['RECTIFY_FEEDBACK_REFILL', 'RECTIFY_THROTTLE_FEEDBACK_TTL'],
  ]) {
    if (env[old] !== undefined) throw new ConfigError(`invalid configuration: ${old}: replaced by ${now}`);
  }
  if (
    e.RECTIFY_WORKER_METRICS_PORT !== undefined &&
    e.RECTIFY_WORKER_METRICS_PORT !== 0 &&
    e.RECTIFY_WORKER_METRICS_PORT === e.RECTIFY_WORKER_SDK_METRICS_PORT
  ) {
    throw new ConfigError(
      'invalid configuration: RECTIFY_WORKER_SDK_METRICS_PORT: must differ from RECTIFY_WORKER_METRICS_PORT',
    );
  }
  if (Boolean(e.RECTIFY_AUDIT_ANCHOR_WEBHOOK_URL) !== Boolean(e.RECTIFY_AUDIT_ANCHOR_WEBHOOK_SECRET)) {
    throw new ConfigError(
      'invalid configuration: RECTIFY_AUDIT_ANCHOR_WEBHOOK_URL and RECTIFY_AUDIT_ANCHOR_WEBHOOK_SECRET: set both or neither',
    );
  }
  if (Boolean(e.RECTIFY_ADMIN_EMAIL) !== Boolean(e.RECTIFY_ADMIN_PASSWORD)) {
    throw new ConfigError(
      'invalid configuration: RECTIFY_ADMIN_EMAIL and RECTIFY_ADMIN_PASSWORD: set both or neither',
    );
  }
  if (e.RECTIFY_PAYLOAD_KEYS && e.RECTIFY_PAYLOAD_KEYS_FILE) {
    throw new ConfigError(
      'invalid configuration: RECTIFY_PAYLOAD_KEYS and RECTIFY_PAYLOAD_KEYS_FILE: set one or neither',
    );
  }
  const payloadKeys = e.RECTIFY_PAYLOAD_KEYS_FILE
    ? parsePayloadKeys(
        readKeysFile(path.resolve(cwd, e.RECTIFY_PAYLOAD_KEYS_FILE)),
        'RECTIFY_PAYLOAD_KEYS_FILE',
      )
    : e.RECTIFY_PAYLOAD_KEYS
      ? parsePayloadKeys(e.RECTIFY_PAYLOAD_KEYS, 'RECTIFY_PAYLOAD_KEYS')
      : [];
  return {
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL, logging }
      : { kind: 'sqlite', file: path.resolve(cwd, e.RECTIFY_SQLITE_PATH ?? '.data/rectify.sqlite'), logging },
    temporal: {
      address: e.TEMPORAL_ADDRESS,
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.TEMPORAL_TASK_QUEUE,
      uiUrl: e.TEMPORAL_UI_URL ?? null,
      searchAttributes: e.TEMPORAL_SEARCH_ATTRIBUTES === 'true',
      tls:
        e.RECTIFY_TEMPORAL_TLS_CERT || e.RECTIFY_TEMPORAL_TLS_CA
          ? {
              certFile: e.RECTIFY_TEMPORAL_TLS_CERT ? path.resolve(cwd, e.RECTIFY_TEMPORAL_TLS_CERT) : null,
              keyFile: e.RECTIFY_TEMPORAL_TLS_KEY ? path.resolve(cwd, e.RECTIFY_TEMPORAL_TLS_KEY) : null,
              caFile: e.RECTIFY_TEMPORAL_TLS_CA ? path.resolve(cwd, e.RECTIFY_TEMPORAL_TLS_CA) : null,
            }
          : null,
      apiKey: e.RECTIFY_TEMPORAL_API_KEY ?? null,
      payloadKeys,
    },
    http: {
      host: e.HOST,
      port: e.PORT,
      corsOrigins: e.RECTIFY_CORS_ORIGINS ?? [],
      trustProxy: e.RECTIFY_TRUST_PROXY ?? false,
      codecCorsOrigins: e.RECTIFY_CODEC_CORS_ORIGIN ?? [],
      webRoot: path.resolve(cwd, e.RECTIFY_WEB_ROOT),
    },
    worker: {
      workflowBundlePath: e.RECTIFY_WORKFLOW_BUNDLE ? path.resolve(cwd, e.RECTIFY_WORKFLOW_BUNDLE) : null,
      maxCachedWorkflows: e.RECTIFY_WORKER_MAX_CACHED_WORKFLOWS,
      workflowThreads: e.RECTIFY_WORKER_WORKFLOW_THREADS,
      workflowStackFrames: e.RECTIFY_WORKFLOW_STACK_FRAMES,
      heapGrowingPercent: e.RECTIFY_WORKER_HEAP_GROWING_PERCENT,
    },
    auth: {
      jwtSecret: e.RECTIFY_JWT_SECRET ?? randomBytes(32).toString('hex'),
      jwtSecretEphemeral: symmetric && !e.RECTIFY_JWT_SECRET,
      jwt: {
        algorithm: e.RECTIFY_JWT_ALG,
        privateKeyPem,
        issuer: 'rectify',
        audience: e.RECTIFY_JWT_AUDIENCE,
        clockSkewSeconds: Math.floor(e.RECTIFY_JWT_CLOCK_SKEW / 1000),
      },
      bootstrapAdmin:
        e.RECTIFY_ADMIN_EMAIL && e.RECTIFY_ADMIN_PASSWORD
          ? { email: e.RECTIFY_ADMIN_EMAIL, password: e.RECTIFY_ADMIN_PASSWORD }
          : null,
      setupTokenFile: path.resolve(cwd, e.RECTIFY_SETUP_TOKEN_FILE),
      scryptCost: e.RECTIFY_SCRYPT_COST,
      login: {
        maxFailuresPerAccount: e.RECTIFY_LOGIN_MAX_FAILURES,
        maxFailuresPerIp: e.RECTIFY_LOGIN_MAX_FAILURES_PER_IP,
        lockoutMs: e.RECTIFY_LOGIN_LOCKOUT,
        maxLockoutMs: e.RECTIFY_LOGIN_LOCKOUT_MAX,
      },
    },
    evidence: { dir: path.resolve(cwd, e.RECTIFY_EVIDENCE_DIR), maxBytes: e.RECTIFY_EVIDENCE_MAX_BYTES },
    planFiles: {
      parseMemoryMb: e.RECTIFY_PLAN_PARSE_MEMORY_MB,
      parseTimeoutMs: e.RECTIFY_PLAN_PARSE_TIMEOUT,
    },
    reports: { gatherMs: e.RECTIFY_REPORT_GATHER, keptLedgers: e.RECTIFY_REPORT_KEEP },
    health: { evidenceMinFreeBytes: e.RECTIFY_EVIDENCE_MIN_FREE_BYTES },
    rateLimits: {
      login: { limit: e.RECTIFY_THROTTLE_LOGIN_LIMIT, ttlMs: e.RECTIFY_THROTTLE_LOGIN_TTL },
      feedback: { limit: e.RECTIFY_THROTTLE_FEEDBACK_LIMIT, ttlMs: e.RECTIFY_THROTTLE_FEEDBACK_TTL },
      publicRead: { limit: e.RECTIFY_THROTTLE_PUBLIC_READ_LIMIT, ttlMs: e.RECTIFY_THROTTLE_PUBLIC_READ_TTL },
    },
    audit: {
      keyFile: path.resolve(cwd, e.RECTIFY_AUDIT_KEY_FILE ?? '.data/audit-key'),
      // Never in production: replicas that each made up a key would hash one chain with several,
      // and a container's key is gone with it. There, the operator's shared key file is required.
      createKey: !e.RECTIFY_AUDIT_KEY_FILE && !production,
      anchorFile: path.resolve(cwd, e.RECTIFY_AUDIT_ANCHOR_FILE),
      anchorIntervalMs: e.RECTIFY_AUDIT_ANCHOR_INTERVAL,
      anchorWebhook:
        e.RECTIFY_AUDIT_ANCHOR_WEBHOOK_URL && e.RECTIFY_AUDIT_ANCHOR_WEBHOOK_SECRET
          ? { url: e.RECTIFY_AUDIT_ANCHOR_WEBHOOK_URL, secret: e.RECTIFY_AUDIT_ANCHOR_WEBHOOK_SECRET }
          : null,
    },
    cli: { apiToken: e.RECTIFY_API_TOKEN ?? null },
    faults: {
      killAfterCommit: e.RECTIFY_FAULT_KILL_AFTER_COMMIT ?? null,
      killAfterDelivery: e.RECTIFY_FAULT_KILL_AFTER_DELIVERY ?? null,
    },
    delivery: {
      smtp: e.RECTIFY_SMTP_URL ? { url: e.RECTIFY_SMTP_URL, from: e.RECTIFY_MAIL_FROM } : null,
      publicUrl: (e.RECTIFY_PUBLIC_URL ?? `http://${e.HOST}:${e.PORT}`).replace(/\/$/, ''),
      webhookAllow: e.RECTIFY_WEBHOOK_ALLOW.split(',')
        .map((a) => a.trim())
        .filter(Boolean),
      webhookTimeoutMs: e.RECTIFY_WEBHOOK_TIMEOUT,
      attempts: e.RECTIFY_DELIVERY_ATTEMPTS,
      backoffMs: e.RECTIFY_DELIVERY_BACKOFF,
    },
    observability: {
      logLevel: e.RECTIFY_LOG_LEVEL,
      metrics: { enabled: e.RECTIFY_METRICS_ENABLED === 'true', token: e.RECTIFY_METRICS_TOKEN ?? null },
      workerMetricsPort: e.RECTIFY_WORKER_METRICS_PORT ?? null,
      sdkMetricsPort: e.RECTIFY_WORKER_SDK_METRICS_PORT ?? null,
      otlpEndpoint:
        (e.RECTIFY_OTEL_EXPORTER_OTLP_ENDPOINT ?? e.OTEL_EXPORTER_OTLP_ENDPOINT ?? null)?.replace(
          /\/$/,
          '',
        ) ?? null,
    },
  };
}

// The signing key of an asymmetric algorithm: PKCS#8 PEM (literal `\n` allowed, as container
// environments often carry one line), of the key type the algorithm needs.
function jwtPrivateKey(algorithm: JwtAlgorithm, text: string | undefined): string | null {
  const fail = (message: string) =>
    new ConfigError(`invalid configuration: RECTIFY_JWT_PRIVATE_KEY: ${message}`);
  if (algorithm === 'HS256') {
    if (text)
      throw fail('set RECTIFY_JWT_ALG=EdDSA or RS256 to sign with it (HS256 signs with RECTIFY_JWT_SECRET)');
    return null;
  }
  if (!text) throw fail(`required when RECTIFY_JWT_ALG=${algorithm}`);
  const pem = text.replace(/\\n/g, '\n').trim();
  if (!pem.startsWith('-----BEGIN PRIVATE KEY-----')) {
    throw fail('must be a PKCS#8 PEM key (-----BEGIN PRIVATE KEY-----), e.g. from openssl genpkey');
  }
  let key;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw fail('is not a readable PKCS#8 PEM key');
  }
  const type = key.asymmetricKeyType;
  if (algorithm === 'EdDSA' && type !== 'ed25519') throw fail(`EdDSA needs an Ed25519 key, not ${type}`);
  if (algorithm === 'RS256') {
    if (type !== 'rsa') throw fail(`RS256 needs an RSA key, not ${type}`);
    if ((key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048)
      throw fail('RS256 needs an RSA key of 2048 bits or more');
  }
  return `${pem}\n`;
}

const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;

// `id:base64key` entries separated by commas or newlines. Key bytes never appear in a message.
function parsePayloadKeys(text: string, variable: string): PayloadKey[] {
  const fail = (message: string) => new ConfigError(`invalid configuration: ${variable}: ${message}`);
  const entries = text
    .split(/[,\n]/)
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (!entries.length) throw fail('holds no key; expected id:base64key[,id:base64key…]');
  const keys: PayloadKey[] = [];
  entries.forEach((entry, i) => {
    const colon = entry.indexOf(':');
    const id = colon < 0 ? '' : entry.slice(0, colon);
    const encoded = colon < 0 ? '' : entry.slice(colon + 1);
    if (!KEY_ID.test(id) || !encoded)
      throw fail(`entry ${i + 1} must be id:base64key, the id 1–64 letters, digits, '.', '_' or '-'`);
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) throw fail(`key ${id} is not base64`);
    const key = Buffer.from(encoded, 'base64');
    if (key.length !== 32)
      throw fail(`key ${id} is ${key.length} bytes; AES-256 needs 32 (e.g. openssl rand -base64 32)`);
    if (keys.some((k) => k.id === id)) throw fail(`key id ${id} appears twice`);
    keys.push({ id, key });
  });
  return keys;
}

function readKeysFile(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(
      `invalid configuration: RECTIFY_PAYLOAD_KEYS_FILE: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? e})`,
    );
  }
}

let cached: RectifyConfig | undefined;

export function loadConfig(): RectifyConfig {
  cached ??= parseConfig(process.env);
  return cached;
}
