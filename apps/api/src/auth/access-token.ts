import {
  calculateJwkThumbprint,
  errors,
  exportJWK,
  jwtVerify,
  SignJWT,
  type JWK,
  type JWTPayload,
} from 'jose';
import { createPrivateKey, createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';
import type { JwtConfig } from '../../../../libs/config/src/rectify-config';
import { ROLES, type Role } from '../../../../libs/domain/src/authorization';

// Short-lived access tokens (JWT, signed and checked by jose). One algorithm per key, pinned on
// both sides: HS256 with RECTIFY_JWT_SECRET by default, or EdDSA / RS256 with a private key whose
// public half other services fetch from /.well-known/jwks.json. A token under any other algorithm
// (`alg: none`, HS256 made with the public key, ...) is refused before its signature is looked at.
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

export interface AccessSubject {
  readonly sub: string; // user id
  readonly role: Role;
  readonly units: readonly string[];
  readonly leader: string | null;
}

export interface AccessClaims extends AccessSubject {
  readonly iss: string;
  readonly aud: string;
  readonly iat: number;
  readonly nbf: number;
  readonly exp: number;
}

export type AccessTokenCheck =
  | { readonly ok: true; readonly claims: AccessClaims }
  | { readonly ok: false; readonly reason: string };

// What verifiers elsewhere need: the public keys, none for HS256 (the secret is never published).
export interface JsonWebKeySet {
  readonly keys: readonly JWK[];
}

export type AccessTokenSettings = Pick<
  JwtConfig,
  'algorithm' | 'privateKeyPem' | 'issuer' | 'audience' | 'clockSkewSeconds'
> & { readonly secret: string };

export class AccessTokens {
  private constructor(
    private readonly settings: AccessTokenSettings,
    private readonly signingKey: KeyObject,
    private readonly verifyingKey: KeyObject,
    private readonly keyId: string | undefined,
    readonly jwks: JsonWebKeySet,
  ) {}

  static async create(settings: AccessTokenSettings): Promise<AccessTokens> {
    if (settings.algorithm === 'HS256') {
      const secret = createSecretKey(Buffer.from(settings.secret, 'utf8'));
      return new AccessTokens(settings, secret, secret, undefined, { keys: [] });
    }
    if (!settings.privateKeyPem) throw new Error(`${settings.algorithm} needs a private key`);
    const privateKey = createPrivateKey(settings.privateKeyPem);
    const publicKey = createPublicKey(privateKey);
    const jwk = await exportJWK(publicKey);
    // The RFC 7638 thumbprint: the same key always gets the same id, on every replica.
    const kid = await calculateJwkThumbprint(jwk);
    const published: JWK = { ...jwk, kid, alg: settings.algorithm, use: 'sig' };
    return new AccessTokens(settings, privateKey, publicKey, kid, { keys: [published] });
  }

  get algorithm(): JwtConfig['algorithm'] {
    return this.settings.algorithm;
  }

  async sign(
    subject: AccessSubject,
    nowSeconds: number,
    ttlSeconds = ACCESS_TOKEN_TTL_SECONDS,
  ): Promise<{ token: string; expiresAt: number }> {
    const expiresAt = nowSeconds + ttlSeconds;
    const token = await new SignJWT({ role: subject.role, units: [...subject.units], leader: subject.leader })
      .setProtectedHeader({
        alg: this.settings.algorithm,
        typ: 'JWT',
        ...(this.keyId ? { kid: this.keyId } : {}),
      })
      .setSubject(subject.sub)
      .setIssuer(this.settings.issuer)
      .setAudience(this.settings.audience)
      .setIssuedAt(nowSeconds)
      .setNotBefore(nowSeconds)
      .setExpirationTime(expiresAt)
      .sign(this.signingKey);
    return { token, expiresAt };
  }

  async verify(token: string, nowSeconds: number): Promise<AccessTokenCheck> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.verifyingKey, {
        algorithms: [this.settings.algorithm],
        typ: 'JWT',
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        requiredClaims: ['sub', 'iat', 'nbf', 'exp'],
        // iat must not lie in the future, nor further back than a token lives.
        maxTokenAge: ACCESS_TOKEN_TTL_SECONDS,
        clockTolerance: this.settings.clockSkewSeconds,
        currentDate: new Date(nowSeconds * 1000),
      }));
    } catch (e) {
      return { ok: false, reason: this.refusal(e) };
    }
    const c = payload as Record<string, unknown>;
    const wellFormed =
      typeof c.sub === 'string' &&
      ROLES.includes(c.role as Role) &&
      Array.isArray(c.units) &&
      c.units.every((u) => typeof u === 'string') &&
      (c.leader === null || typeof c.leader === 'string');
    if (!wellFormed) return { ok: false, reason: 'unexpected claims' };
    return { ok: true, claims: c as unknown as AccessClaims };
  }

  // jose's refusals in the words the API answers with (401 "access token refused: <reason>").
  private refusal(e: unknown): string {
    if (e instanceof errors.JOSEAlgNotAllowed) return `only ${this.settings.algorithm} tokens are accepted`;
    if (e instanceof errors.JWSSignatureVerificationFailed) return 'bad signature';
    if (e instanceof errors.JWTExpired) return 'expired';
    if (e instanceof errors.JWTClaimValidationFailed) {
      if (e.reason === 'missing') return `no ${e.claim} claim`;
      switch (e.claim) {
        case 'nbf':
          return 'not valid yet';
        case 'iat':
          return 'issued in the future';
        case 'aud':
          return 'meant for another audience';
        case 'iss':
          return 'from another issuer';
        default:
          return 'unexpected claims';
      }
    }
    if (e instanceof errors.JWSInvalid || e instanceof errors.JWTInvalid) return 'not a JWT';
    return 'unreadable';
  }
}
