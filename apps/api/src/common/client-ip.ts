import type { Request } from 'express';
import { isIPv6 } from 'node:net';

// The caller's address as Express sees it: the socket peer, or the X-Forwarded-For client when
// RECTIFY_TRUST_PROXY names the proxies in front of the API.
export function clientIp(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

// The unit that failed sign-ins are counted against: an IPv4 address, or an IPv6 address's /64
// network, since one subscriber usually holds a whole /64 and could otherwise change address
// with every guess. An IPv4-mapped IPv6 address counts as its IPv4 address.
export function addressGroup(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1];
  if (!isIPv6(ip)) return ip;
  const [head, tail = ''] = ip.split('%')[0].split('::');
  const left = hextets(head);
  const right = hextets(tail);
  const groups = ip.includes('::')
    ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}

// An embedded IPv4 tail (`::ffff:0:1.2.3.4`) stands for two groups.
function hextets(part: string): string[] {
  if (!part) return [];
  return part.split(':').flatMap((g) => {
    if (!g.includes('.')) return [g];
    const [a, b, c, d] = g.split('.').map(Number);
    return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
  });
}
