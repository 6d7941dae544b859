import { createHash, randomBytes } from 'node:crypto';

// Refresh tokens, API tokens, setup tokens and feedback tracking codes: 256 random bits, shown
// once, kept only as their sha-256 (a leaked table does not hand out working tokens).
export const API_TOKEN_PREFIX = 'rct_';
export const REFRESH_TOKEN_PREFIX = 'rrt_';

export function newOpaqueToken(prefix: string): { token: string; hash: string } {
  const token = `${prefix}${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashOpaqueToken(token) };
}

export function hashOpaqueToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
