import type { Request } from 'express';

// The caller's address as Express sees it: the socket peer, or the X-Forwarded-For client when
// RECTIFY_TRUST_PROXY names the proxies in front of the API.
export function clientIp(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}
