import * as fs from 'node:fs';
import * as path from 'node:path';
import { LoggerService } from '@nestjs/common';
import { AccessTokens } from '../../apps/api/src/auth/access-token';
import { newApiToken } from '../../apps/api/src/auth/create-api-token.use-case';
import { FirstAdmin } from '../../apps/api/src/auth/first-admin';
import { PasswordHasher } from '../../apps/api/src/auth/password-hasher';
import { createApiTokenCommand } from '../../apps/cli/src/create-api-token.command';
import { ApiTokenRepository } from '../../libs/persistence/src/repositories/api-token.repository';
import { AuditKeyring } from '../../libs/persistence/src/audit-keyring';
import { AuditLogRepository } from '../../libs/persistence/src/repositories/audit-log.repository';
import { FIRST_ADMIN_SETUP, SetupTokenEntity } from '../../libs/persistence/src/entities/setup-token.entity';
import { SetupTokenRepository } from '../../libs/persistence/src/repositories/setup-token.repository';
import { UserRepository } from '../../libs/persistence/src/repositories/user.repository';
import { RectifyHarness, startRectify, TestAccount } from '../support/rectify-harness';
import { testEngine } from '../support/test-database';

// Everything the API logs, to read what an operator would read.
class CapturingLogger implements LoggerService {
  readonly lines: string[] = [];
  log(m: unknown) {
    this.lines.push(String(m));
  }
  warn(m: unknown) {
    this.lines.push(String(m));
  }
  error(m: unknown) {
    this.lines.push(String(m));
  }
}

describe(`signing in and tokens (${testEngine()})`, () => {
  let rectify: RectifyHarness;
  let unit: TestAccount;

  beforeAll(async () => {
    rectify = await startRectify();
    unit = await rectify.createUser('unit', { units: ['GS-HOUSING'] });
  });
  afterAll(() => rectify?.stop());

  const login = (email: string, password: string) =>
    rectify.anonymous.request('POST', '/auth/login', { email, password }, { 'x-forwarded-for': '10.20.0.1' });

  it('signs in with email and password: a 15-minute bearer token, a refresh token and the account', async () => {
    const r = await login(unit.email.toUpperCase(), unit.password);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      tokenType: 'Bearer',
      expiresIn: 900,
      account: { id: unit.id, email: unit.email, role: 'unit', units: ['GS-HOUSING'], leaderName: null },
    });
    expect(r.body.accessToken.split('.')).toHaveLength(3);
    expect(r.body.refreshToken).toMatch(/^rrt_/);
    const me = await rectify.as(r.body.accessToken).request('GET', '/auth/me');
    expect(me.body.principal).toEqual({
      kind: 'user',
      id: unit.id,
      role: 'unit',
      units: ['GS-HOUSING'],
      leaderName: null,
    });
  });

  it('gives the same answer for a wrong password and an unknown account', async () => {
    const wrong = await login(unit.email, 'not the password');
    const unknown = await login('nobody@rectify.test', 'not the password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body).toEqual({ code: 'UNAUTHENTICATED', message: 'wrong email or password', details: [] });
  });

  it('refuses bearer tokens that are expired, tampered with, signed elsewhere or not tokens at all', async () => {
    const ours = rectify.app.get(AccessTokens);
    const elsewhere = await AccessTokens.create({ ...rectify.config.auth.jwt, secret: 'x'.repeat(64) });
    const now = Math.floor(Date.now() / 1000);
    const subject = { sub: unit.id, role: 'admin' as const, units: [], leader: null };
    const expired = (await ours.sign(subject, now - 3_600)).token;
    const foreign = (await elsewhere.sign(subject, now)).token;
    const valid = (await login(unit.email, unit.password)).body.accessToken as string;
    const [h, , s] = valid.split('.');
    const raised = Buffer.from(
      JSON.stringify({ ...subject, iss: 'rectify', iat: now, exp: now + 900 }),
    ).toString('base64url');
    for (const [token, reason] of [
      [expired, 'access token refused: expired'],
      [foreign, 'access token refused: bad signature'],
      [`${h}.${raised}.${s}`, 'access token refused: bad signature'],
      ['rct_not-a-token', 'unknown API token'],
    ]) {
      const r = await rectify.as(token).request('GET', '/auth/me');
      expect({ status: r.status, message: r.body.message }).toEqual({ status: 401, message: reason });
    }
    const malformed = await rectify.anonymous.request('GET', '/auth/me', undefined, {
      authorization: 'Basic eDp5',
    });
    expect(malformed.status).toBe(401);
  });

  it('rotates the refresh token on use, and ends the sign-in when a spent one comes back', async () => {
    const first = (await login(unit.email, unit.password)).body;
    const refresh = (token: string) =>
      rectify.anonymous.request('POST', '/auth/refresh', { refreshToken: token });
    const second = await refresh(first.refreshToken);
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    expect((await rectify.as(second.body.accessToken).request('GET', '/auth/me')).status).toBe(200);

    const replay = await refresh(first.refreshToken);
    expect(replay.status).toBe(401);
    expect(replay.body.message).toBe('the refresh token was used before: this sign-in is ended');
    // The thief's replay also ends the legitimate holder's newer token.
    expect((await refresh(second.body.refreshToken)).status).toBe(401);
    // Another sign-in of the same account is a different family and goes on.
    const other = (await login(unit.email, unit.password)).body;
    expect((await refresh(other.refreshToken)).status).toBe(200);
  });

  it('ends a sign-in on logout', async () => {
    const session = (await login(unit.email, unit.password)).body;
    const out = await rectify.anonymous.request('POST', '/auth/logout', {
      refreshToken: session.refreshToken,
    });
    expect(out.status).toBe(204);
    const r = await rectify.anonymous.request('POST', '/auth/refresh', {
      refreshToken: session.refreshToken,
    });
    expect(r.status).toBe(401);
  });

  it('changes a password, which ends the account’s other sign-ins', async () => {
    const account = await rectify.createUser('verifier', { units: ['GS-HOUSING'] });
    const elsewhere = (await login(account.email, account.password)).body;
    const here = (await login(account.email, account.password)).body;
    const wrong = await rectify.as(here.accessToken).request('POST', '/auth/password', {
      currentPassword: 'guess-guess-guess',
      newPassword: 'a new long passphrase',
    });
    expect(wrong.status).toBe(401);
    const short = await rectify
      .as(here.accessToken)
      .request('POST', '/auth/password', { currentPassword: account.password, newPassword: 'short' });
    expect(short.status).toBe(400);
    const changed = await rectify.as(here.accessToken).request('POST', '/auth/password', {
      currentPassword: account.password,
      newPassword: 'a new long passphrase',
    });
    expect(changed.status).toBe(204);
    expect((await login(account.email, account.password)).status).toBe(401);
    expect((await login(account.email, 'a new long passphrase')).status).toBe(200);
    const r = await rectify.anonymous.request('POST', '/auth/refresh', {
      refreshToken: elsewhere.refreshToken,
    });
    expect(r.status).toBe(401);
  });

  it('lets an admin create and disable accounts; a disabled account signs in no more', async () => {
    const account = await rectify.createUser('office');
    const session = (await login(account.email, account.password)).body;
    const duplicate = await rectify.request('POST', '/users', {
      email: account.email,
      displayName: 'again',
      password: 'another long password',
      role: 'office',
    });
    expect(duplicate.status).toBe(409);
    const disabled = await rectify.request('POST', `/users/${account.id}/disable`);
    expect(disabled.status).toBe(200);
    expect(disabled.body.disabledAt).toEqual(expect.any(String));
    expect((await login(account.email, account.password)).status).toBe(401);
    const r = await rectify.anonymous.request('POST', '/auth/refresh', {
      refreshToken: session.refreshToken,
    });
    expect(r.status).toBe(401);
    const list = await rectify.request('GET', '/users');
    expect(list.body.items.find((u: { id: string }) => u.id === account.id)).not.toHaveProperty(
      'passwordHash',
    );
  });

  it.each([
    ['a unit without units', { role: 'unit', units: [] }, 'role unit needs at least one unit code'],
    [
      'an office scoped to units',
      { role: 'office', units: ['GS-HOUSING'] },
      'role office is not scoped to units',
    ],
    [
      'a lead leader without a name',
      { role: 'lead_leader' },
      'role lead_leader needs the leader name its measures carry',
    ],
  ])('refuses an account of %s', async (_label, scope, message) => {
    const r = await rectify.request('POST', '/users', {
      email: `x-${Math.random().toString(36).slice(2)}@rectify.test`,
      displayName: 'x',
      password: 'a long enough password',
      ...scope,
    });
    expect({ status: r.status, message: r.body.message }).toEqual({ status: 400, message });
  });

  it('issues API tokens once, lists them without secrets, and revokes them', async () => {
    const created = await rectify.request('POST', '/auth/api-tokens', {
      name: '省住建厅台账同步',
      role: 'unit',
      units: ['GS-HOUSING'],
      expiresInDays: 30,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: '省住建厅台账同步', role: 'unit', units: ['GS-HOUSING'] });
    expect(created.body.token).toMatch(/^rct_/);
    const expiresInDays = (Date.parse(created.body.expiresAt) - Date.now()) / 86_400_000;
    expect(expiresInDays).toBeCloseTo(30, 1);
    const token = rectify.as(created.body.token);
    expect((await token.request('GET', '/auth/me')).body.principal).toMatchObject({
      kind: 'api_token',
      id: created.body.id,
      role: 'unit',
    });
    const listed = await rectify.request('GET', '/auth/api-tokens');
    const row = listed.body.items.find((t: { id: string }) => t.id === created.body.id);
    expect(row).not.toHaveProperty('token');
    expect(JSON.stringify(listed.body)).not.toContain(created.body.token);

    expect((await rectify.request('DELETE', `/auth/api-tokens/${created.body.id}`)).status).toBe(204);
    const after = await token.request('GET', '/auth/me');
    expect({ status: after.status, message: after.body.message }).toEqual({
      status: 401,
      message: 'the API token was revoked',
    });
    expect(
      (await rectify.request('DELETE', '/auth/api-tokens/00000000-0000-0000-0000-000000000000')).status,
    ).toBe(404);
  });

  it('refuses an expired API token', async () => {
    const { token, row } = newApiToken({
      name: 'old integration',
      role: 'office',
      units: [],
      leaderName: null,
      expiresInDays: 1,
      createdBy: 'test',
      now: new Date(Date.now() - 2 * 86_400_000),
    });
    await new ApiTokenRepository(rectify.db.dataSource).insert(row);
    const r = await rectify.as(token).request('GET', '/plans');
    expect({ status: r.status, message: r.body.message }).toEqual({
      status: 401,
      message: 'the API token has expired',
    });
  });

  it('mints a token from the CLI for bootstrapping, printed once and recorded in the audit log', async () => {
    const printed: string[] = [];
    const log = jest.spyOn(console, 'log').mockImplementation((m: unknown) => void printed.push(String(m)));
    const err = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const code = await createApiTokenCommand(rectify.db.dataSource, rectify.config, {
        role: 'office',
        units: undefined,
        leader: undefined,
        name: 'demo import',
        days: '1',
      });
      expect(code).toBe(0);
      expect(
        await createApiTokenCommand(rectify.db.dataSource, rectify.config, {
          role: 'root',
          units: undefined,
          leader: undefined,
          name: undefined,
          days: undefined,
        }),
      ).toBe(2);
    } finally {
      log.mockRestore();
      err.mockRestore();
    }
    expect(printed).toHaveLength(1);
    const imported = await rectify.as(printed[0]).request('GET', '/plans');
    expect(imported.status).toBe(200);
    const audit = await rectify.request('GET', '/audit?limit=500');
    expect(audit.body.items).toContainEqual(
      expect.objectContaining({
        principal: { kind: 'cli', id: 'cli', role: 'system' },
        action: 'token:manage',
      }),
    );
    expect((await rectify.request('GET', '/audit/verify')).body).toMatchObject({ ok: true });
  });

  it('refuses unknown fields in every auth body', async () => {
    const r = await rectify.anonymous.request('POST', '/auth/login', {
      email: unit.email,
      password: unit.password,
      remember: true,
    });
    expect(r.status).toBe(400);
    expect(r.body.message).toContain('remember');
  });
});

describe(`the first admin, without RECTIFY_ADMIN_EMAIL (${testEngine()})`, () => {
  let rectify: RectifyHarness;
  const logger = new CapturingLogger();

  beforeAll(async () => {
    rectify = await startRectify({ bootstrapAdmin: false, logger });
  });
  afterAll(() => rectify?.stop());

  // Another API process on the same database: what a second replica's boot does.
  function replica(file: string) {
    const config = { ...rectify.config, auth: { ...rectify.config.auth, setupTokenFile: file } };
    const ds = rectify.db.dataSource;
    return new FirstAdmin(
      config,
      new UserRepository(ds),
      new AuditLogRepository(ds, rectify.app.get(AuditKeyring)),
      new SetupTokenRepository(ds),
      new PasswordHasher(config),
    );
  }

  it('writes the one-time setup token to a 0600 file and logs only its path; it creates the first admin once', async () => {
    const file = rectify.config.auth.setupTokenFile;
    expect(logger.lines.some((l) => l.includes('rst_'))).toBe(false);
    expect(logger.lines.find((l) => l.includes('setup token'))).toContain(file);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const setupToken = fs.readFileSync(file, 'utf8').trim();
    expect(setupToken).toMatch(/^rst_/);
    expect((await rectify.anonymous.request('GET', '/auth/setup')).body).toEqual({ setupRequired: true });

    // A second replica finds the token in the database and mints none of its own.
    const second = path.join(path.dirname(file), 'second-replica-setup-token');
    await replica(second).onApplicationBootstrap();
    expect(fs.existsSync(second)).toBe(false);

    // Past its expiry the token no longer works; the next boot mints a new one.
    await rectify.db.dataSource
      .getRepository(SetupTokenEntity)
      .update({ id: FIRST_ADMIN_SETUP }, { expiresAt: new Date(Date.now() - 1000) });
    expect((await rectify.anonymous.request('GET', '/auth/setup')).body).toEqual({ setupRequired: false });
    const admin = {
      email: 'first@rectify.test',
      password: 'the first admin’s passphrase',
      displayName: '管理员',
    };
    const expired = await rectify.anonymous.request('POST', '/auth/setup', { ...admin, setupToken });
    expect(expired.status).toBe(401);
    await replica(second).onApplicationBootstrap();
    const fresh = fs.readFileSync(second, 'utf8').trim();
    expect(fresh).not.toBe(setupToken);
    const stale = await rectify.anonymous.request('POST', '/auth/setup', { ...admin, setupToken });
    expect(stale.status).toBe(401);
    expect((await rectify.anonymous.request('GET', '/auth/setup')).body).toEqual({ setupRequired: true });

    const wrong = await rectify.anonymous.request('POST', '/auth/setup', {
      ...admin,
      setupToken: 'rst_guess',
    });
    expect(wrong.status).toBe(401);
    const created = await rectify.anonymous.request('POST', '/auth/setup', { ...admin, setupToken: fresh });
    expect(created.status).toBe(201);
    expect(created.body.account).toMatchObject({ email: 'first@rectify.test', role: 'admin' });
    const again = await rectify.anonymous.request('POST', '/auth/setup', { ...admin, setupToken: fresh });
    expect(again.status).toBe(401);
    expect((await rectify.anonymous.request('GET', '/auth/setup')).body).toEqual({ setupRequired: false });
    const users = await rectify.as(created.body.accessToken).request('GET', '/users');
    expect(users.body.items).toHaveLength(1);
  });

  it('warns that tokens will not survive a restart without RECTIFY_JWT_SECRET', () => {
    expect(logger.lines.some((l) => l.includes('RECTIFY_JWT_SECRET is not set'))).toBe(true);
  });
});
