import { Client, Connection } from '@temporalio/client';
// The whole system in one process for end-to-end tests: the real HTTP API and a real worker,
// against the shared Temporal dev server and a fresh database. Requests go over real HTTP.
// `rectify.request` acts as the admin the harness bootstraps through RECTIFY_ADMIN_EMAIL;
// `rectify.as(...)` acts as anyone else, `rectify.anonymous` as the public.
import { INestApplication, LoggerService } from '@nestjs/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DestinationStream } from 'pino';
import { createApiApp } from '../../apps/api/src/api.factory';
import type { LadderMetrics } from '../../libs/observability/src/ladder-metrics';
import type { Tracing } from '../../libs/observability/src/tracing';
import { DatabaseConfig, parseConfig, RectifyConfig } from '../../libs/config/src/rectify-config';
import { createDataSource } from '../../libs/persistence/src/data-source';
import type { Role } from '../../libs/domain/src/authorization';
import { temporalDataConverter } from '../../libs/temporal/src/temporal-data-converter';
import { devServerAddress, testMeasureWorker } from './temporal-test-env';
import { createTestDatabase, TestDatabase } from './test-database';
import { uniqueCode } from './unique';

export interface HttpAnswer {
  readonly status: number;
  // Bodies are untyped JSON that tests assert on field by field.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly body: any;
  readonly headers: Headers;
}

export interface RectifyClient {
  // A JSON body (a string is sent as it is, for malformed JSON); extra headers such as
  // X-Forwarded-For to play another client address.
  request(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<HttpAnswer>;
  // Raw bytes, for uploads.
  send(method: string, path: string, bytes: Buffer, headers: Record<string, string>): Promise<HttpAnswer>;
}

// Email and password to sign in with, or a bearer token (access or API token).
export type Credentials = { readonly email: string; readonly password: string } | string;

export interface TestAccount {
  readonly id: string;
  readonly email: string;
  readonly password: string;
  readonly role: Role;
  readonly client: RectifyClient;
}

export interface AccountScope {
  readonly units?: string[];
  readonly leaderName?: string;
}

export interface RectifyHarness extends RectifyClient {
  readonly app: INestApplication;
  readonly url: string;
  readonly db: TestDatabase;
  readonly config: RectifyConfig;
  // The API's own Temporal client, for tests that look at workflows directly.
  readonly temporal: Client;
  readonly admin: { readonly email: string; readonly password: string };
  readonly anonymous: RectifyClient;
  as(credentials: Credentials): RectifyClient;
  createUser(role: Exclude<Role, 'public'>, scope?: AccountScope): Promise<TestAccount>;
  // What a redeployment with changed configuration is: the API and the worker stop and start
  // again with `env` over the harness's configuration, on the same database, task queue, address
  // and JWT secret (signed-in clients stay signed in). `app`, `config` and `temporal` follow.
  restart(env: Record<string, string>): Promise<void>;
  stop(): Promise<void>;
}

// Access tokens live 15 minutes; a client signs in again well before.
const SESSION_REUSE_MS = 10 * 60_000;

export interface HarnessOptions {
  // Configuration beyond the harness's own (e.g. a short login lockout).
  readonly env?: Record<string, string>;
  // false: no admin at boot, so the API writes a setup token to a file instead.
  readonly bootstrapAdmin?: boolean;
  // Where the API logs; by default nowhere.
  readonly logger?: LoggerService;
  // 'relaxed' (default): tests sign in and read from one address far more than a person would,
  // so the rate limits are raised out of their way; 'defaults': the limits a deployment gets.
  readonly rateLimits?: 'relaxed' | 'defaults';
  // Where the API's JSON log goes, with Nest's own lines in it (set RECTIFY_LOG_LEVEL in `env`:
  // the harness's default is silent).
  readonly logDestination?: DestinationStream;
  // The worker's ladder series, and the span target of its workflows.
  readonly ladderMetrics?: LadderMetrics;
  readonly tracing?: Tracing;
  // How the API and the worker reach the test database (through a proxy a test can cut); the
  // test's own `db.dataSource` stays direct.
  readonly routeDatabase?: (db: DatabaseConfig) => DatabaseConfig;
}

const RELAXED_RATE_LIMITS = {
  RECTIFY_THROTTLE_LOGIN_LIMIT: '100000',
  RECTIFY_THROTTLE_FEEDBACK_LIMIT: '100000',
  RECTIFY_THROTTLE_PUBLIC_READ_LIMIT: '100000',
};

export async function startRectify(o: HarnessOptions = {}): Promise<RectifyHarness> {
  const db = await createTestDatabase();
  const evidenceDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-evidence-'));
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-work-'));
  const admin = { email: `admin-${randomBytes(3).toString('hex')}@rectify.test`, password: password() };
  const adminEnv =
    o.bootstrapAdmin === false
      ? {}
      : { RECTIFY_ADMIN_EMAIL: admin.email, RECTIFY_ADMIN_PASSWORD: admin.password };
  // A test may route the apps' database through something of its own (a proxy it can cut).
  const appDatabase = o.routeDatabase ? o.routeDatabase(db.config) : db.config;
  const appDataSource = o.routeDatabase ? await createDataSource(appDatabase).initialize() : db.dataSource;
  const baseEnv = {
    TEMPORAL_ADDRESS: devServerAddress(),
    TEMPORAL_TASK_QUEUE: uniqueCode('e2e'),
    PORT: '0',
    ...adminEnv,
    // Tests play many client addresses through X-Forwarded-For from loopback.
    RECTIFY_TRUST_PROXY: 'loopback',
    RECTIFY_EVIDENCE_DIR: evidenceDir,
    RECTIFY_SETUP_TOKEN_FILE: path.join(evidenceDir, 'setup-token'),
    // Tests create and sign in many accounts: the cheapest cost allowed (production: 2^17).
    RECTIFY_SCRYPT_COST: String(2 ** 14),
    ...(o.rateLimits === 'defaults' ? {} : RELAXED_RATE_LIMITS),
    RECTIFY_LOG_LEVEL: 'silent',
    ...o.env,
  };
  const boot = async (config: RectifyConfig, port: number): Promise<Running> => {
    const connection = await NativeConnection.connect({ address: config.temporal.address });
    const workerClient = new Client({
      connection: await Connection.connect({ address: config.temporal.address }),
      namespace: config.temporal.namespace,
      dataConverter: temporalDataConverter(config.temporal),
    });
    const worker: Worker = await testMeasureWorker({
      connection,
      client: workerClient,
      namespace: config.temporal.namespace,
      taskQueue: config.temporal.taskQueue,
      dataSource: appDataSource,
      dataConverter: temporalDataConverter(config.temporal),
      delivery: config.delivery,
      ladderMetrics: o.ladderMetrics,
      tracing: o.tracing,
    });
    const running = worker.run();
    const app: INestApplication = await createApiApp(config, {
      logger: o.logger ?? (o.logDestination ? undefined : false),
      logDestination: o.logDestination,
    });
    await app.listen(port, '127.0.0.1');
    return { config, app, worker, running, connection, workerClient };
  };
  const shutDown = async (r: Running) => {
    await r.app.close();
    r.worker.shutdown();
    await r.running;
    await r.connection.close();
    await r.workerClient.connection.close();
  };
  // Relative defaults (the audit key and anchor files in .data/) land in a folder of this run.
  let current = await boot({ ...parseConfig(baseEnv, workDir), database: appDatabase }, 0);
  const url = (await current.app.getUrl()).replace('[::1]', '127.0.0.1');

  const anonymous = client(url, async () => null);
  const as = (credentials: Credentials): RectifyClient => {
    if (typeof credentials === 'string') return client(url, async () => credentials);
    let session: { token: string; at: number } | null = null;
    return client(url, async () => {
      if (!session || Date.now() - session.at > SESSION_REUSE_MS) {
        const r = await anonymous.request('POST', '/auth/login', credentials);
        if (r.status !== 200)
          throw new Error(`sign-in of ${credentials.email} failed: ${JSON.stringify(r.body)}`);
        session = { token: r.body.accessToken, at: Date.now() };
      }
      return session.token;
    });
  };
  const asAdmin = as(admin);

  return {
    get app() {
      return current.app;
    },
    url,
    db,
    get config() {
      return current.config;
    },
    get temporal() {
      return current.app.get(Client);
    },
    admin,
    anonymous,
    as,
    request: asAdmin.request,
    send: asAdmin.send,
    async createUser(role, scope = {}) {
      const email = `${role}-${randomBytes(4).toString('hex')}@rectify.test`;
      const pw = password();
      const r = await asAdmin.request('POST', '/users', {
        email,
        password: pw,
        displayName: `test ${role}`,
        role,
        units: scope.units ?? [],
        leaderName: scope.leaderName ?? null,
      });
      if (r.status !== 201) throw new Error(`could not create a ${role}: ${JSON.stringify(r.body)}`);
      return { id: r.body.id, email, password: pw, role, client: as({ email, password: pw }) };
    },
    async restart(env) {
      const parsed = parseConfig({ ...baseEnv, ...env }, workDir);
      const config: RectifyConfig = {
        ...parsed,
        database: appDatabase,
        auth: { ...parsed.auth, jwtSecret: current.config.auth.jwtSecret },
      };
      await shutDown(current);
      current = await boot(config, Number(new URL(url).port));
    },
    async stop() {
      await shutDown(current);
      if (appDataSource !== db.dataSource) await appDataSource.destroy();
      await db.close();
      fs.rmSync(evidenceDir, { recursive: true, force: true });
      fs.rmSync(workDir, { recursive: true, force: true });
    },
  };
}

interface Running {
  readonly config: RectifyConfig;
  readonly app: INestApplication;
  readonly worker: Worker;
  readonly running: Promise<void>;
  readonly connection: NativeConnection;
  readonly workerClient: Client;
}

function password(): string {
  return `pw-${randomBytes(12).toString('base64url')}`;
}

// Requests over real HTTP to the API at `url`, with the bearer token `token` gives (none: anonymous).
export function client(url: string, token: () => Promise<string | null>): RectifyClient {
  const call = async (
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: string | Buffer,
  ) => {
    const bearer = await token();
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...headers },
      body,
    });
    const type = res.headers.get('content-type') ?? '';
    const raw = Buffer.from(await res.arrayBuffer());
    const parsed = raw.length === 0 ? null : type.includes('json') ? JSON.parse(raw.toString('utf8')) : raw;
    // Headers are there to read, but not enumerable: tests compare answers as { status, body }.
    return Object.defineProperty({ status: res.status, body: parsed }, 'headers', {
      value: res.headers,
    }) as HttpAnswer;
  };
  return {
    request(method, path, body, headers = {}) {
      if (body === undefined) return call(method, path, headers);
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      return call(method, path, { 'content-type': 'application/json', ...headers }, text);
    },
    send(method, path, bytes, headers) {
      return call(method, path, headers, bytes);
    },
  };
}
