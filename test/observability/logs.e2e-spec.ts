import { Writable } from 'node:stream';
import { RectifyHarness, startRectify } from '../support/rectify-harness';
import { testEngine } from '../support/test-database';

// Every line the API wrote, as written.
class CapturedLog extends Writable {
  readonly chunks: string[] = [];
  override _write(chunk: Buffer, _: BufferEncoding, done: () => void): void {
    this.chunks.push(chunk.toString('utf8'));
    done();
  }
  get text(): string {
    return this.chunks.join('');
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  lines(): any[] {
    return this.text
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
  }
}

describe(`structured logs (${testEngine()})`, () => {
  let rectify: RectifyHarness;
  const log = new CapturedLog();

  beforeAll(async () => {
    rectify = await startRectify({ env: { RECTIFY_LOG_LEVEL: 'info' }, logDestination: log });
  });
  afterAll(() => rectify?.stop());

  it('writes JSON lines with the request id and the principal, and never a password or a token', async () => {
    const { email, password } = rectify.admin;
    const login = await rectify.anonymous.request(
      'POST',
      '/auth/login',
      { email, password },
      { 'x-request-id': 'edge-4f2a.17' },
    );
    expect(login.status).toBe(200);
    // A caller's id is kept and echoed.
    expect(login.headers.get('x-request-id')).toBe('edge-4f2a.17');
    const { accessToken, refreshToken } = login.body;

    const me = await rectify.as(accessToken).request('GET', '/plans', undefined, {
      cookie: `session=${refreshToken}`,
    });
    expect(me.status).toBe(200);
    const reqId = me.headers.get('x-request-id');
    // None given: one is made up.
    expect(reqId).toMatch(/^[0-9a-f-]{36}$/);
    // An id that is not a plain token is replaced, not logged.
    const odd = await rectify.anonymous.request('GET', '/health', undefined, {
      'x-request-id': 'a b\u00e9<script>',
    });
    expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const refreshed = await rectify.anonymous.request('POST', '/auth/refresh', { refreshToken });
    expect(refreshed.status).toBe(200);
    const refused = await rectify.anonymous.request('POST', '/auth/login', {
      email,
      password: `${password}x`,
    });
    expect(refused.status).toBe(401);

    const created = await rectify.as(accessToken).request('POST', '/auth/api-tokens', {
      name: 'logs test',
      role: 'office',
    });
    expect(created.status).toBe(201);
    const apiToken: string = created.body.token;
    expect((await rectify.as(apiToken).request('GET', '/plans')).status).toBe(200);

    const lines = log.lines();
    const account = (await rectify.as(accessToken).request('GET', '/auth/me')).body;
    const completed = lines.find((l) => l.reqId === reqId && l.msg === 'request completed');
    expect(completed).toMatchObject({
      level: 'info',
      service: 'rectify-api',
      req: { method: 'GET', url: '/plans', headers: { authorization: '[Redacted]', cookie: '[Redacted]' } },
      res: { statusCode: 200 },
      principal: { kind: 'user', id: account.principal.id, role: 'admin' },
    });
    expect(Object.keys(completed.principal).sort()).toEqual(['id', 'kind', 'role']);
    const signIn = lines.find((l) => l.reqId === 'edge-4f2a.17');
    expect(signIn).toMatchObject({
      principal: { kind: 'anonymous', role: 'public' },
      res: { statusCode: 200 },
    });
    expect(lines.find((l) => l.res?.statusCode === 401)).toMatchObject({ level: 'warn' });
    // Nest's own lines (boot) are in the same format.
    expect(lines.some((l) => l.context === 'RoutesResolver' && l.service === 'rectify-api')).toBe(true);

    const text = log.text;
    expect(lines.find((l) => l.principal?.kind === 'api_token')).toMatchObject({
      principal: { id: created.body.id, role: 'office' },
    });
    for (const secret of [
      password,
      rectify.admin.password,
      accessToken,
      refreshToken,
      refreshed.body.accessToken,
      refreshed.body.refreshToken,
      apiToken,
    ])
      expect(text).not.toContain(secret);
  });
});
