import { Controller, DynamicModule, Get, INestApplication, Module } from '@nestjs/common';
import * as http from 'node:http';
import { NestFactory } from '@nestjs/core';
import { AuditModule } from '../../apps/api/src/audit/audit.module';
import { AuthModule } from '../../apps/api/src/auth/auth.module';
import { routeDeclarations } from '../../apps/api/src/auth/route-permissions';
import { ErrorFilter } from '../../apps/api/src/common/error.filter';
import { RectifyConfigModule } from '../../libs/config/src/config.module';
import { parseConfig, RectifyConfig } from '../../libs/config/src/rectify-config';
import { can } from '../../libs/domain/src/authorization';
import { PersistenceModule } from '../../libs/persistence/src/persistence.module';
import { ApiReplica, startApiReplica } from '../support/api-replica';
import { client, RectifyHarness, startRectify, TestAccount } from '../support/rectify-harness';
import { testEngine } from '../support/test-database';

// Params become an id that exists nowhere: the guard must answer before any lookup could.
const NOWHERE = '00000000-0000-0000-0000-000000000000';
const concrete = (path: string) => path.replace(/:\w+/g, NOWHERE);

// A route somebody forgot to declare.
@Controller('forgotten')
class ForgottenController {
  @Get()
  read() {
    return { reached: true };
  }
}

@Module({})
class ForgottenApp {
  static register(config: RectifyConfig): DynamicModule {
    return {
      module: ForgottenApp,
      imports: [RectifyConfigModule.forRoot(config), PersistenceModule, AuditModule, AuthModule],
      controllers: [ForgottenController],
    };
  }
}

// One installation for the file (no RECTIFY_CORS_ORIGINS); the hardening checks run on an API
// replica of it configured with allowed origins (CORS is the API's own setting), not on a boot of
// their own.
let rectify: RectifyHarness;
beforeAll(async () => {
  rectify = await startRectify();
});
afterAll(() => rectify?.stop());

describe(`every route declares who may call it (${testEngine()})`, () => {
  let unit: TestAccount;

  beforeAll(async () => {
    unit = await rectify.createUser('unit', { units: ['GS-HOUSING'] });
  });

  it('has a @Public or @Allow declaration on every registered route', () => {
    const routes = routeDeclarations(rectify.app);
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.filter((r) => r.declared === null).map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  it('keeps public only what must be: health, metrics, sign-in, setup, the token keys, feedback intake and tracking, public bulletins', () => {
    const open = routeDeclarations(rectify.app)
      .filter((r) => r.declared && 'public' in r.declared)
      .map((r) => `${r.method} ${r.path}`);
    expect(open.sort()).toEqual(
      [
        'GET /health',
        'GET /.well-known/jwks.json',
        // Counts only; RECTIFY_METRICS_TOKEN closes it, RECTIFY_METRICS_ENABLED=false removes it.
        'GET /metrics',
        'POST /auth/login',
        'POST /auth/refresh',
        'POST /auth/logout',
        'GET /auth/setup',
        'POST /auth/setup',
        'POST /feedback',
        'GET /feedback/:trackingCode',
        'GET /plans/:id/bulletin',
        'GET /public/plans',
        'GET /health/live',
        'GET /health/ready',
      ].sort(),
    );
  });

  it('answers 401 on every non-public route to a caller without credentials', async () => {
    const closed = routeDeclarations(rectify.app).filter((r) => r.declared && 'allow' in r.declared);
    for (const r of closed) {
      const answer = await rectify.anonymous.request(
        r.method,
        concrete(r.path),
        r.method === 'GET' ? undefined : {},
      );
      expect({ route: `${r.method} ${r.path}`, status: answer.status }).toEqual({
        route: `${r.method} ${r.path}`,
        status: 401,
      });
    }
  });

  it('answers 403 on every route whose action the role lacks', async () => {
    const principal = {
      kind: 'user' as const,
      id: unit.id,
      role: 'unit' as const,
      units: ['GS-HOUSING'],
      leaderName: null,
    };
    const forbidden = routeDeclarations(rectify.app).filter(
      (r) => r.declared && 'allow' in r.declared && !can(principal, r.declared.allow),
    );
    expect(forbidden.length).toBeGreaterThan(5);
    for (const r of forbidden) {
      const answer = await unit.client.request(
        r.method,
        concrete(r.path),
        r.method === 'GET' ? undefined : {},
      );
      expect({ route: `${r.method} ${r.path}`, status: answer.status }).toEqual({
        route: `${r.method} ${r.path}`,
        status: 403,
      });
    }
  });

  describe('a route without a declaration', () => {
    let app: INestApplication;
    let url: string;

    beforeAll(async () => {
      app = await NestFactory.create(ForgottenApp.register(rectify.config), { logger: false });
      app.useGlobalFilters(new ErrorFilter());
      await app.listen(0, '127.0.0.1');
      url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    });
    afterAll(() => app?.close());

    const call = async (token?: string) =>
      (await fetch(`${url}/forgotten`, { headers: token ? { authorization: `Bearer ${token}` } : {} }))
        .status;
    const tokenOf = async (email: string, password: string) =>
      (await rectify.anonymous.request('POST', '/auth/login', { email, password })).body
        .accessToken as string;

    it('is listed as undeclared', () => {
      expect(routeDeclarations(app).find((r) => r.path === '/forgotten')).toEqual({
        method: 'GET',
        path: '/forgotten',
        declared: null,
      });
    });

    it('is open to admins only', async () => {
      expect(await call()).toBe(401);
      expect(await call(await tokenOf(unit.email, unit.password))).toBe(403);
      const office = await rectify.createUser('office');
      expect(await call(await tokenOf(office.email, office.password))).toBe(403);
      expect(await call(await tokenOf(rectify.admin.email, rectify.admin.password))).toBe(200);
    });
  });
});

describe(`HTTP hardening (${testEngine()})`, () => {
  let api: ApiReplica;

  beforeAll(async () => {
    const { corsOrigins } = parseConfig({ RECTIFY_CORS_ORIGINS: 'https://rectify.example.org' }).http;
    api = await startApiReplica(rectify, {
      config: { ...rectify.config, http: { ...rectify.config.http, corsOrigins } },
    });
  });
  afterAll(() => api?.stop());

  it('sends security headers', async () => {
    const r = await api.anonymous.request('GET', '/health');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(r.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(r.headers.get('strict-transport-security')).toContain('max-age=');
    expect(r.headers.get('x-powered-by')).toBeNull();
  });

  it('keeps an idle connection open longer than a proxy in front holds it (60 s), so the server never closes first', async () => {
    const keepAlive = await new Promise<string | undefined>((resolve, reject) => {
      http
        .get(`${api.url}/health`, (res) => {
          res.resume();
          resolve(res.headers['keep-alive']?.toString());
        })
        .on('error', reject);
    });
    expect(keepAlive).toBe('timeout=65');
  });

  it('allows cross-origin calls from the configured origins only', async () => {
    const preflight = (origin: string) =>
      api.anonymous.request('OPTIONS', '/plans', undefined, {
        origin,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      });
    const allowed = await preflight('https://rectify.example.org');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://rectify.example.org');
    const other = await preflight('https://elsewhere.example.com');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('shows no stack trace, only a code and a message, for malformed input', async () => {
    const token = (await api.anonymous.request('POST', '/auth/login', rectify.admin)).body.accessToken;
    const r = await client(api.url, async () => token).request('POST', '/users', '{"email": ');
    expect(r.status).toBe(400);
    expect(Object.keys(r.body).sort()).toEqual(['code', 'details', 'message']);
    expect(JSON.stringify(r.body)).not.toMatch(/at \w+ \(|\.ts:\d+/);
  });

  it('still serves the OpenAPI document publicly', async () => {
    const r = await api.anonymous.request('GET', '/docs/openapi.json');
    expect(r.status).toBe(200);
    expect(r.body.components.securitySchemes).toHaveProperty('bearer');
  });
});

describe(`without RECTIFY_CORS_ORIGINS (${testEngine()})`, () => {
  it('allows no cross-origin calls at all', async () => {
    const r = await rectify.anonymous.request('OPTIONS', '/plans', undefined, {
      origin: 'https://rectify.example.org',
      'access-control-request-method': 'GET',
    });
    expect(r.headers.get('access-control-allow-origin')).toBeNull();
  });
});
