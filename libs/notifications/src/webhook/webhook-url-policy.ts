// Which addresses the server may call with a webhook (SSRF guard). An endpoint URL is typed by
// whoever edits a person's channels, so without a guard the server could be made to POST to its
// own admin ports, the database or the cloud metadata service. Two checks:
// - `checkWebhookUrl`, when the URL is read: http(s), no credentials, host on the allow-list;
// - `resolveAndCheck`, just before the call: every address the host resolves to must be public,
//   or inside a range the allow-list names by CIDR. Allow-listing a hostname alone does not let
//   it resolve to an internal address: internal receivers are allowed by their address range.
// The check and the connection resolve the name separately (fetch has no hook to pin the
// address), so a host whose DNS answers differently the second time could slip past; the
// allow-list confines that to hosts the operator chose to trust.
import { promises as dns } from 'node:dns';
import { BlockList, isIP } from 'node:net';

type Family = 'ipv4' | 'ipv6';

interface AllowList {
  readonly hosts: ReadonlySet<string>;
  // `*.example.com` stored as `.example.com`: any subdomain, not the apex itself.
  readonly suffixes: readonly string[];
  readonly ranges: BlockList;
}

const HOSTNAME = /^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/;

function family(address: string): Family | null {
  const v = isIP(address);
  return v === 4 ? 'ipv4' : v === 6 ? 'ipv6' : null;
}

// Why an entry cannot be read, or null when it can.
function entryProblem(entry: string): string | null {
  const [address, prefix, extra] = entry.split('/');
  const fam = family(address);
  if (fam) {
    const max = fam === 'ipv4' ? 32 : 128;
    if (extra !== undefined || (prefix !== undefined && !/^\d{1,3}$/.test(prefix)) || Number(prefix) > max) {
      return `allow-list entry "${entry}" has no valid prefix length (0–${max})`;
    }
    return null;
  }
  const host = entry.startsWith('*.') ? entry.slice(2) : entry;
  return HOSTNAME.test(host.toLowerCase())
    ? null
    : `allow-list entry "${entry}" is neither a hostname, *.suffix nor an IP CIDR`;
}

// The problems of an allow-list, one per bad entry, for checking configuration when it is read.
export function allowListProblems(allow: readonly string[]): string[] {
  return allow.map(entryProblem).filter((p): p is string => p !== null);
}

function compile(allow: readonly string[]): AllowList {
  const hosts = new Set<string>();
  const suffixes: string[] = [];
  const ranges = new BlockList();
  for (const entry of allow) {
    const [address, prefix] = entry.split('/');
    const fam = family(address);
    if (fam) {
      // A bare address is a range of one.
      const bits = prefix === undefined ? (fam === 'ipv4' ? 32 : 128) : Number(prefix);
      ranges.addSubnet(address, bits, fam);
    } else if (entry.startsWith('*.')) {
      suffixes.push(entry.slice(1).toLowerCase());
    } else {
      hosts.add(entry.toLowerCase());
    }
  }
  return { hosts, suffixes, ranges };
}

// The URL's host without IPv6 brackets: `[::1]` → `::1`.
function bareHost(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

export function checkWebhookUrl(
  url: string,
  allow: readonly string[],
): { ok: true; url: URL } | { ok: false; reason: string } {
  const problems = allowListProblems(allow);
  if (problems.length) return { ok: false, reason: problems.join('; ') };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: 'not an absolute URL' };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return { ok: false, reason: `scheme ${parsed.protocol} is not http or https` };
  }
  // Credentials in a URL end up in logs and delivery records; the signing secret authenticates.
  if (parsed.username || parsed.password) return { ok: false, reason: 'the URL carries credentials' };
  const list = compile(allow);
  // The URL parser has already normalised the host: lower case, and IPv4 written in any form
  // (`2130706433`, `0x7f.1`) as dotted decimal, so the comparisons below see one spelling.
  const host = bareHost(parsed);
  const fam = family(host);
  const allowed = fam
    ? list.ranges.check(host, fam)
    : list.hosts.has(host) || list.suffixes.some((suffix) => host.endsWith(suffix));
  return allowed ? { ok: true, url: parsed } : { ok: false, reason: `host ${host} is not on the allow-list` };
}

// Addresses no webhook may reach unless the allow-list names their range.
const INTERNAL = (
  [
    ['0.0.0.0', 8, 'ipv4', 'this-network'], // 0.0.0.0 reaches the local host on Linux
    ['10.0.0.0', 8, 'ipv4', 'private'],
    ['100.64.0.0', 10, 'ipv4', 'shared (carrier NAT; Alibaba Cloud metadata)'],
    ['127.0.0.0', 8, 'ipv4', 'loopback'],
    ['169.254.0.0', 16, 'ipv4', 'link-local (cloud metadata)'],
    ['172.16.0.0', 12, 'ipv4', 'private'],
    ['192.0.0.0', 24, 'ipv4', 'IETF protocol assignments'],
    ['192.168.0.0', 16, 'ipv4', 'private'],
    ['198.18.0.0', 15, 'ipv4', 'benchmarking'],
    ['224.0.0.0', 4, 'ipv4', 'multicast'],
    ['240.0.0.0', 4, 'ipv4', 'reserved'],
    ['::', 128, 'ipv6', 'unspecified'],
    ['::1', 128, 'ipv6', 'loopback'],
    ['fc00::', 7, 'ipv6', 'unique local (private)'],
    ['fe80::', 10, 'ipv6', 'link-local'],
    ['ff00::', 8, 'ipv6', 'multicast'],
  ] as const
).map(([network, prefix, fam, kind]) => {
  const range = new BlockList();
  range.addSubnet(network, prefix, fam);
  return { range, kind };
});

// What kind of internal address this is, or null for a public one. IPv4-mapped IPv6 addresses
// (`::ffff:127.0.0.1`) fall in their IPv4 range: BlockList compares them as IPv4.
function internalKind(address: string, fam: Family): string | null {
  return INTERNAL.find(({ range }) => range.check(address, fam))?.kind ?? null;
}

export type Lookup = (
  hostname: string,
  options: { all: true },
) => Promise<readonly { address: string; family: number }[]>;

// Resolves the host of a URL that passed `checkWebhookUrl`. A failed lookup rejects as it came
// from the resolver: a DNS outage is worth retrying, which is the caller's decision.
export async function resolveAndCheck(
  url: URL,
  allow: readonly string[],
  lookup: Lookup = dns.lookup,
): Promise<{ ok: true; addresses: string[] } | { ok: false; reason: string }> {
  const host = bareHost(url);
  const addresses = family(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  if (!addresses.length) return { ok: false, reason: `host ${host} resolves to no address` };
  const { ranges } = compile(allow);
  for (const address of addresses) {
    const fam = family(address);
    if (!fam) return { ok: false, reason: `host ${host} resolves to ${address}, not an IP address` };
    const kind = internalKind(address, fam);
    if (kind && !ranges.check(address, fam)) {
      return {
        ok: false,
        reason: `host ${host} resolves to ${address} (${kind}), which no allow-list range covers`,
      };
    }
  }
  return { ok: true, addresses };
}
