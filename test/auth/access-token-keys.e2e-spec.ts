import { createRemoteJWKSet, errors, jwtVerify, SignJWT } from 'jose';
import { createHmac, generateKeyPairSync } from 'node:crypto';
import { RectifyHarness, startRectify, TestAccount } from '../support/rectify-harness';
import { testEngine } from '../support/test-database';

const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

function ed25519Pem(): string {
  return generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
}

describe(`the keys that verify access tokens (${testEngine()})`, () => {
  describe('with HS256 (the default)', () => {
    let rectify: RectifyHarness;
    beforeAll(async () => {
      rectify = await startRectify({ env: { RECTIFY_JWT_SECRET: 's3cr3t-'.repeat(6) } });
    });
    afterAll(() => rectify?.stop());

    it('publishes an empty key set, never the shared secret', async () => {
      const r = await rectify.anonymous.request('GET', '/.well-known/jwks.json');
      expect(r).toEqual({ status: 200, body: { keys: [] } });
      expect(r.headers.get('cache-control')).toBe('public, max-age=300');
      expect(JSON.stringify(r.body)).not.toContain('s3cr3t');
    });
  });

  describe('with EdDSA', () => {
    let rectify: RectifyHarness;
    let unit: TestAccount;
    let jwksUrl: URL;

    beforeAll(async () => {
      rectify = await startRectify({
        env: { RECTIFY_JWT_ALG: 'EdDSA', RECTIFY_JWT_PRIVATE_KEY: ed25519Pem() },
      });
      unit = await rectify.createUser('unit', { units: ['GS-HOUSING'] });
      jwksUrl = new URL(`${rectify.url}/.well-known/jwks.json`);
    });
    afterAll(() => rectify?.stop());

    const signIn = async () =>
      (await rectify.anonymous.request('POST', '/auth/login', { email: unit.email, password: unit.password }))
        .body.accessToken as string;

    it('publishes its public key, which another service uses to verify a token it issued', async () => {
      const published = await rectify.anonymous.request('GET', '/.well-known/jwks.json');
      expect(published.body.keys).toEqual([
        {
          kty: 'OKP',
          crv: 'Ed25519',
          x: expect.any(String),
          kid: expect.any(String),
          alg: 'EdDSA',
          use: 'sig',
        },
      ]);
      const token = await signIn();
      // What a service elsewhere does: fetch the key set over HTTP from the running API, and verify.
      const { payload, protectedHeader } = await jwtVerify(token, createRemoteJWKSet(jwksUrl), {
        algorithms: ['EdDSA'],
        issuer: 'rectify',
        audience: 'rectify-api',
      });
      expect(protectedHeader).toEqual({ alg: 'EdDSA', typ: 'JWT', kid: published.body.keys[0].kid });
      expect(payload).toMatchObject({ sub: unit.id, role: 'unit', units: ['GS-HOUSING'], leader: null });
      expect(payload.exp! - payload.iat!).toBe(900);
      expect((await rectify.as(token).request('GET', '/auth/me')).status).toBe(200);
    });

    it('has tokens of another Ed25519 key refused, by the API and by a verifier using its key set', async () => {
      const now = Math.floor(Date.now() / 1000);
      const published = (await rectify.anonymous.request('GET', '/.well-known/jwks.json')).body.keys[0];
      // A forger who knows the kid but not the key.
      const forged = await new SignJWT({ role: 'admin', units: [], leader: null })
        .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT', kid: published.kid })
        .setSubject(unit.id)
        .setIssuer('rectify')
        .setAudience('rectify-api')
        .setIssuedAt(now)
        .setNotBefore(now)
        .setExpirationTime(now + 900)
        .sign(generateKeyPairSync('ed25519').privateKey);
      await expect(
        jwtVerify(forged, createRemoteJWKSet(jwksUrl), { issuer: 'rectify', audience: 'rectify-api' }),
      ).rejects.toBeInstanceOf(errors.JWSSignatureVerificationFailed);
      const r = await rectify.as(forged).request('GET', '/auth/me');
      expect({ status: r.status, message: r.body.message }).toEqual({
        status: 401,
        message: 'access token refused: bad signature',
      });
    });

    it('refuses an HS256 token made with the published key as the secret (key confusion)', async () => {
      const now = Math.floor(Date.now() / 1000);
      const published = (await rectify.anonymous.request('GET', '/.well-known/jwks.json')).body;
      const claims = {
        iss: 'rectify',
        aud: 'rectify-api',
        sub: unit.id,
        role: 'admin',
        units: [],
        leader: null,
      };
      const input = `${enc({ alg: 'HS256', typ: 'JWT' })}.${enc({ ...claims, iat: now, nbf: now, exp: now + 900 })}`;
      for (const secret of [JSON.stringify(published.keys[0]), published.keys[0].x]) {
        const token = `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
        const r = await rectify.as(token).request('GET', '/auth/me');
        expect({ status: r.status, message: r.body.message }).toEqual({
          status: 401,
          message: 'access token refused: only EdDSA tokens are accepted',
        });
      }
    });
  });
});
