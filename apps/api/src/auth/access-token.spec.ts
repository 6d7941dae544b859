import { createLocalJWKSet, jwtVerify, SignJWT } from 'jose';
import { createHmac, generateKeyPairSync } from 'node:crypto';
import { ACCESS_TOKEN_TTL_SECONDS, AccessTokens, AccessTokenSettings } from './access-token';

const SECRET = 'a'.repeat(64);
const NOW = 1_569_859_200; // 2019-09-30T16:00:00Z
const SKEW = 30;
const SUBJECT = { sub: 'u-1', role: 'unit' as const, units: ['GS-HOUSING'], leader: null };
const HS256: AccessTokenSettings = {
  algorithm: 'HS256',
  secret: SECRET,
  privateKeyPem: null,
  issuer: 'rectify',
  audience: 'rectify-api',
  clockSkewSeconds: SKEW,
};
const CLAIMS = { iss: 'rectify', aud: 'rectify-api', ...SUBJECT, iat: NOW, nbf: NOW, exp: NOW + 900 };

function pkcs8(type: 'ed25519' | 'rsa'): string {
  const { privateKey } =
    type === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ed25519');
  return privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
}

const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

// A token made by hand, to say exactly what a forger would send.
function forge(header: object, payload: object, secret = SECRET): string {
  const input = `${enc(header)}.${enc(payload)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

describe('access tokens (JWT, jose)', () => {
  let tokens: AccessTokens;
  beforeAll(async () => {
    tokens = await AccessTokens.create(HS256);
  });

  it('signs claims that verify with the same secret and last 15 minutes', async () => {
    const { token, expiresAt } = await tokens.sign(SUBJECT, NOW);
    expect(expiresAt).toBe(NOW + 15 * 60);
    expect(ACCESS_TOKEN_TTL_SECONDS).toBe(900);
    expect(await tokens.verify(token, NOW + 899)).toEqual({ ok: true, claims: CLAIMS });
    expect(JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString())).toEqual({
      alg: 'HS256',
      typ: 'JWT',
    });
  });

  it('refuses a token once its expiry is behind by more than the clock skew', async () => {
    const { token } = await tokens.sign(SUBJECT, NOW);
    expect((await tokens.verify(token, NOW + 900 + SKEW - 1)).ok).toBe(true);
    expect(await tokens.verify(token, NOW + 900 + SKEW)).toEqual({ ok: false, reason: 'expired' });
    expect(await tokens.verify(token, NOW + 3_600)).toEqual({ ok: false, reason: 'expired' });
  });

  it('accepts a token from a signer whose clock is ahead by up to the skew, not more', async () => {
    const ahead = await tokens.sign(SUBJECT, NOW + SKEW);
    expect((await tokens.verify(ahead.token, NOW)).ok).toBe(true);
    const tooFar = await tokens.sign(SUBJECT, NOW + SKEW + 1);
    expect(await tokens.verify(tooFar.token, NOW)).toEqual({ ok: false, reason: 'not valid yet' });
  });

  it('refuses a token whose nbf is in the future, and one issued in the future', async () => {
    const notYet = forge({ alg: 'HS256', typ: 'JWT' }, { ...CLAIMS, nbf: NOW + 120 });
    expect(await tokens.verify(notYet, NOW)).toEqual({ ok: false, reason: 'not valid yet' });
    const fromTheFuture = forge({ alg: 'HS256', typ: 'JWT' }, { ...CLAIMS, iat: NOW + 120 });
    expect(await tokens.verify(fromTheFuture, NOW)).toEqual({ ok: false, reason: 'issued in the future' });
  });

  it('refuses a token for another audience or from another issuer', async () => {
    const other = await AccessTokens.create({ ...HS256, audience: 'billing-api' });
    const { token } = await other.sign(SUBJECT, NOW);
    expect(await tokens.verify(token, NOW)).toEqual({ ok: false, reason: 'meant for another audience' });
    const noAudience = forge({ alg: 'HS256', typ: 'JWT' }, { ...CLAIMS, aud: undefined });
    expect((await tokens.verify(noAudience, NOW)).ok).toBe(false);
    const issuer = forge({ alg: 'HS256', typ: 'JWT' }, { ...CLAIMS, iss: 'someone-else' });
    expect(await tokens.verify(issuer, NOW)).toEqual({ ok: false, reason: 'from another issuer' });
  });

  it('refuses a token signed with another secret', async () => {
    const other = await AccessTokens.create({ ...HS256, secret: 'b'.repeat(64) });
    const { token } = await other.sign(SUBJECT, NOW);
    expect(await tokens.verify(token, NOW)).toEqual({ ok: false, reason: 'bad signature' });
  });

  it('refuses a token whose claims were changed after signing', async () => {
    const { token } = await tokens.sign(SUBJECT, NOW);
    const [h, p, s] = token.split('.');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    const raised = enc({ ...claims, role: 'admin' });
    expect(await tokens.verify(`${h}.${raised}.${s}`, NOW)).toEqual({ ok: false, reason: 'bad signature' });
    const flipped = s.slice(0, -2) + (s.endsWith('AA') ? 'BB' : 'AA');
    expect((await tokens.verify(`${h}.${p}.${flipped}`, NOW)).ok).toBe(false);
  });

  it('refuses alg "none" and any algorithm but the configured one', async () => {
    const admin = { ...CLAIMS, role: 'admin' };
    const none = `${enc({ alg: 'none', typ: 'JWT' })}.${enc(admin)}.`;
    expect(await tokens.verify(none, NOW)).toEqual({ ok: false, reason: 'only HS256 tokens are accepted' });
    expect(await tokens.verify(forge({ alg: 'HS512', typ: 'JWT' }, admin), NOW)).toEqual({
      ok: false,
      reason: 'only HS256 tokens are accepted',
    });
    // Signed correctly by jose, but under HS384: still refused.
    const hs384 = await new SignJWT(admin)
      .setProtectedHeader({ alg: 'HS384', typ: 'JWT' })
      .sign(Buffer.from(SECRET));
    expect(await tokens.verify(hs384, NOW)).toEqual({ ok: false, reason: 'only HS256 tokens are accepted' });
  });

  it('refuses a correctly signed token with claims it does not expect', async () => {
    const header = { alg: 'HS256', typ: 'JWT' };
    const bare = { iss: 'rectify', aud: 'rectify-api', sub: 'u-1', iat: NOW, nbf: NOW, exp: NOW + 60 };
    expect(await tokens.verify(forge(header, bare), NOW)).toEqual({ ok: false, reason: 'unexpected claims' });
    expect((await tokens.verify(forge(header, { ...CLAIMS, role: 'root' }), NOW)).ok).toBe(false);
    const { nbf: _nbf, ...withoutNbf } = CLAIMS;
    expect(await tokens.verify(forge(header, withoutNbf), NOW)).toEqual({
      ok: false,
      reason: 'no nbf claim',
    });
    expect(await tokens.verify(forge({ alg: 'HS256', typ: 'at+jwt' }, CLAIMS), NOW)).toEqual({
      ok: false,
      reason: 'unexpected claims',
    });
  });

  it('refuses what is not a JWT at all', async () => {
    expect(await tokens.verify('rct_abc', NOW)).toEqual({ ok: false, reason: 'not a JWT' });
    expect(await tokens.verify('a.b.c', NOW)).toEqual({ ok: false, reason: 'not a JWT' });
  });

  it('publishes no key with HS256: the secret stays secret', () => {
    expect(tokens.jwks).toEqual({ keys: [] });
  });

  // The same key set served over HTTP by the running API, fetched with jose's createRemoteJWKSet:
  // test/auth/access-token-keys.e2e-spec.ts.
  describe.each<['EdDSA' | 'RS256', 'ed25519' | 'rsa', string]>([
    ['EdDSA', 'ed25519', 'OKP'],
    ['RS256', 'rsa', 'RSA'],
  ])('with %s', (algorithm, keyType, kty) => {
    let signer: AccessTokens;
    beforeAll(async () => {
      signer = await AccessTokens.create({ ...HS256, algorithm, privateKeyPem: pkcs8(keyType) });
    });

    it('round-trips, and anyone holding its JWKS verifies the token', async () => {
      const { token } = await signer.sign(SUBJECT, NOW);
      expect(await signer.verify(token, NOW + 60)).toEqual({ ok: true, claims: CLAIMS });
      expect(signer.jwks.keys).toEqual([
        expect.objectContaining({ kty, alg: algorithm, use: 'sig', kid: expect.any(String) }),
      ]);
      // Only the public half is published.
      expect(signer.jwks.keys[0]).not.toHaveProperty('d');
      const { payload, protectedHeader } = await jwtVerify(
        token,
        createLocalJWKSet({ keys: [...signer.jwks.keys] }),
        {
          issuer: 'rectify',
          audience: 'rectify-api',
          currentDate: new Date(NOW * 1000),
        },
      );
      expect(payload).toMatchObject({ sub: 'u-1', role: 'unit' });
      expect(protectedHeader).toEqual({ alg: algorithm, typ: 'JWT', kid: signer.jwks.keys[0].kid });
    });

    it('refuses HS256 tokens, including one made with its public key as the secret', async () => {
      const publicJwk = JSON.stringify(signer.jwks.keys[0]);
      const confused = forge({ alg: 'HS256', typ: 'JWT' }, CLAIMS, publicJwk);
      expect(await signer.verify(confused, NOW)).toEqual({
        ok: false,
        reason: `only ${algorithm} tokens are accepted`,
      });
      const { token } = await tokens.sign(SUBJECT, NOW);
      expect((await signer.verify(token, NOW)).ok).toBe(false);
    });

    it('refuses a token signed by another key of the same kind', async () => {
      const other = await AccessTokens.create({ ...HS256, algorithm, privateKeyPem: pkcs8(keyType) });
      const { token } = await other.sign(SUBJECT, NOW);
      expect(await signer.verify(token, NOW)).toEqual({ ok: false, reason: 'bad signature' });
    });
  });
});
