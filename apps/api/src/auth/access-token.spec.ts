import { createHmac } from 'node:crypto';
import { ACCESS_TOKEN_TTL_SECONDS, signAccessToken, verifyAccessToken } from './access-token';

const SECRET = 'a'.repeat(64);
const NOW = 1_569_859_200; // 2019-09-30T16:00:00Z
const SUBJECT = { sub: 'u-1', role: 'unit' as const, units: ['GS-HOUSING'], leader: null };

function forge(header: object, payload: object, secret = SECRET): string {
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const input = `${enc(header)}.${enc(payload)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

describe('access tokens (JWT, HS256)', () => {
  it('signs claims that verify with the same secret and last 15 minutes', () => {
    const { token, expiresAt } = signAccessToken(SUBJECT, SECRET, NOW);
    expect(expiresAt).toBe(NOW + 15 * 60);
    expect(ACCESS_TOKEN_TTL_SECONDS).toBe(900);
    expect(verifyAccessToken(token, SECRET, NOW + 899)).toEqual({
      ok: true,
      claims: { iss: 'rectify', ...SUBJECT, iat: NOW, exp: NOW + 900 },
    });
  });

  it('refuses a token at and after its expiry', () => {
    const { token } = signAccessToken(SUBJECT, SECRET, NOW);
    expect(verifyAccessToken(token, SECRET, NOW + 900)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a token signed with another secret', () => {
    const { token } = signAccessToken(SUBJECT, 'b'.repeat(64), NOW);
    expect(verifyAccessToken(token, SECRET, NOW)).toEqual({ ok: false, reason: 'bad signature' });
  });

  it('refuses a token whose claims were changed after signing', () => {
    const { token } = signAccessToken(SUBJECT, SECRET, NOW);
    const [h, p, s] = token.split('.');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    const raised = Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url');
    expect(verifyAccessToken(`${h}.${raised}.${s}`, SECRET, NOW)).toEqual({
      ok: false,
      reason: 'bad signature',
    });
    const flipped = s.slice(0, -2) + (s.endsWith('AA') ? 'BB' : 'AA');
    expect(verifyAccessToken(`${h}.${p}.${flipped}`, SECRET, NOW).ok).toBe(false);
  });

  it('refuses alg "none" and any algorithm but HS256', () => {
    const payload = { iss: 'rectify', ...SUBJECT, role: 'admin', iat: NOW, exp: NOW + 900 };
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.`;
    expect(verifyAccessToken(none, SECRET, NOW)).toEqual({
      ok: false,
      reason: 'only HS256 tokens are accepted',
    });
    expect(verifyAccessToken(forge({ alg: 'HS512', typ: 'JWT' }, payload), SECRET, NOW).ok).toBe(false);
  });

  it('refuses a correctly signed token with claims it does not expect', () => {
    const header = { alg: 'HS256', typ: 'JWT' };
    expect(verifyAccessToken(forge(header, { sub: 'u-1', iat: NOW, exp: NOW + 60 }), SECRET, NOW)).toEqual({
      ok: false,
      reason: 'unexpected claims',
    });
    const wrongRole = { iss: 'rectify', ...SUBJECT, role: 'root', iat: NOW, exp: NOW + 60 };
    expect(verifyAccessToken(forge(header, wrongRole), SECRET, NOW).ok).toBe(false);
  });

  it('refuses what is not a JWT at all', () => {
    expect(verifyAccessToken('rct_abc', SECRET, NOW)).toEqual({ ok: false, reason: 'not a JWT' });
  });
});
