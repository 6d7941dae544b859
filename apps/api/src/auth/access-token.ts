import { createHmac, timingSafeEqual } from 'node:crypto';
import { ROLES, type Role } from '../../../../libs/domain/src/authorization';

// Short-lived access tokens: JWT, HS256 only (the header is checked, so `alg: none` or a key
// confusion cannot pass), signed with RECTIFY_JWT_SECRET.
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
const ISSUER = 'rectify';

export interface AccessClaims {
  readonly sub: string; // user id
  readonly role: Role;
  readonly units: readonly string[];
  readonly leader: string | null;
  readonly iat: number;
  readonly exp: number;
}

const HEADER = b64(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

function b64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

function sign(input: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(input).digest();
}

export function signAccessToken(
  subject: Omit<AccessClaims, 'iat' | 'exp'>,
  secret: string,
  nowSeconds: number,
  ttlSeconds = ACCESS_TOKEN_TTL_SECONDS,
): { token: string; expiresAt: number } {
  const claims = { iss: ISSUER, ...subject, iat: nowSeconds, exp: nowSeconds + ttlSeconds };
  const input = `${HEADER}.${b64(JSON.stringify(claims))}`;
  return { token: `${input}.${sign(input, secret).toString('base64url')}`, expiresAt: claims.exp };
}

export type AccessTokenCheck =
  | { readonly ok: true; readonly claims: AccessClaims }
  | { readonly ok: false; readonly reason: string };

export function verifyAccessToken(token: string, secret: string, nowSeconds: number): AccessTokenCheck {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'not a JWT' };
  const [header, payload, signature] = parts;
  if (header !== HEADER) return { ok: false, reason: 'only HS256 tokens are accepted' };
  const expected = sign(`${header}.${payload}`, secret);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'bad signature' };
  }
  let claims: Record<string, unknown>;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return { ok: false, reason: 'unreadable claims' };
  }
  const wellFormed =
    claims.iss === ISSUER &&
    typeof claims.sub === 'string' &&
    ROLES.includes(claims.role as Role) &&
    Array.isArray(claims.units) &&
    claims.units.every((u) => typeof u === 'string') &&
    (claims.leader === null || typeof claims.leader === 'string') &&
    typeof claims.iat === 'number' &&
    typeof claims.exp === 'number';
  if (!wellFormed) return { ok: false, reason: 'unexpected claims' };
  if ((claims.exp as number) <= nowSeconds) return { ok: false, reason: 'expired' };
  return { ok: true, claims: claims as unknown as AccessClaims };
}
