import { allowListProblems, checkWebhookUrl, resolveAndCheck, type Lookup } from './webhook-url-policy';

describe('allowListProblems', () => {
  it('accepts hostnames, *.suffixes, bare addresses and CIDRs of both families', () => {
    expect(
      allowListProblems([
        'hooks.example.org',
        'Robot.Example.ORG',
        '*.example.com',
        'localhost',
        '127.0.0.1',
        '127.0.0.1/32',
        '10.0.0.0/8',
        '0.0.0.0/0',
        '::1',
        'fd00::/8',
        '::/0',
      ]),
    ).toEqual([]);
  });

  it.each([
    ['10.0.0.0/33', /no valid prefix length \(0–32\)/],
    ['fd00::/129', /no valid prefix length \(0–128\)/],
    ['10.0.0.0/', /no valid prefix length/],
    ['10.0.0.0/8/8', /no valid prefix length/],
    ['10.0.0.0/-1', /no valid prefix length/],
    ['*', /neither a hostname/],
    ['*.', /neither a hostname/],
    ['a.*.example.com', /neither a hostname/],
    ['example.com:8443', /neither a hostname/],
    ['https://example.com', /neither a hostname/],
    ['10.0.0/8', /neither a hostname/],
    ['', /neither a hostname/],
  ])('refuses %j', (entry, problem) => {
    expect(allowListProblems(['ok.example.org', entry])).toEqual([expect.stringMatching(problem)]);
  });
});

describe('checkWebhookUrl', () => {
  const allow = [
    'hooks.example.org',
    '*.example.com',
    '127.0.0.1/32',
    '10.20.0.0/16',
    'fd00:1::/64',
    '192.0.2.7',
  ];

  it.each([
    ['an exact hostname', 'https://hooks.example.org/rectify'],
    ['an exact hostname in other case', 'https://HOOKS.Example.org/rectify'],
    ['a subdomain of a *. entry', 'https://robot.example.com/send?access_token=abc'],
    ['a deeper subdomain of a *. entry', 'https://a.b.example.com/'],
    ['plain http with a port', 'http://hooks.example.org:8080/'],
    ['an IPv4 address in a /32', 'http://127.0.0.1:3000/hook'],
    ['an IPv4 address in a /16', 'http://10.20.3.4/hook'],
    ['an IPv4 address listed bare', 'http://192.0.2.7/hook'],
    ['an IPv6 address in a /64', 'http://[fd00:1::5]/hook'],
    ['an IPv4-mapped IPv6 address in an IPv4 range', 'http://[::ffff:10.20.0.1]/hook'],
  ])('allows %s', (_, url) => {
    const result = checkWebhookUrl(url, allow);
    expect(result.ok).toBe(true);
    expect(result.ok && result.url.href).toBe(new URL(url).href);
  });

  it.each([
    ['what is not a URL', 'hooks.example.org/rectify', allow, /not an absolute URL/],
    ['another scheme', 'ftp://hooks.example.org/', allow, /scheme ftp: is not http or https/],
    ['a file URL', 'file:///etc/passwd', allow, /scheme file:/],
    ['a user in the URL', 'https://bot@hooks.example.org/', allow, /carries credentials/],
    ['a password in the URL', 'https://:pw@hooks.example.org/', allow, /carries credentials/],
    [
      'a host not listed',
      'https://evil.example.net/',
      allow,
      /host evil\.example\.net is not on the allow-list/,
    ],
    ['the apex of a *. entry', 'https://example.com/', allow, /not on the allow-list/],
    ['a name that only ends like a *. entry', 'https://badexample.com/', allow, /not on the allow-list/],
    ['a listed name as a subdomain of another', 'https://hooks.example.org.evil.net/', allow, /not on/],
    ['an address outside every range', 'http://127.0.0.2/', allow, /host 127\.0\.0\.2 is not on/],
    ['an address written as a number', 'http://2130706434/', allow, /host 127\.0\.0\.2 is not on/],
    ['an IPv6 address outside its range', 'http://[fd00:2::1]/', allow, /host fd00:2::1 is not on/],
    ['an address against a hostname entry', 'http://127.0.0.1/', ['localhost'], /not on the allow-list/],
    ['any host with an empty list', 'https://hooks.example.org/', [], /not on the allow-list/],
    [
      'any URL with a bad entry',
      'https://hooks.example.org/',
      [...allow, '10.0.0.0/40'],
      /"10\.0\.0\.0\/40"/,
    ],
  ])('refuses %s', (_, url, list, reason) => {
    const result = checkWebhookUrl(url, list);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(reason);
  });
});

describe('resolveAndCheck', () => {
  // A resolver that knows a few names; no real DNS.
  const lookup = (table: Record<string, string[]>): jest.MockedFunction<Lookup> =>
    jest.fn<ReturnType<Lookup>, Parameters<Lookup>>(async (host) => {
      const addresses = table[host];
      if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
      return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    });

  it.each<[string, string, string[], Record<string, string[]>]>([
    [
      'a public address',
      'https://hooks.example.org/',
      ['hooks.example.org'],
      { 'hooks.example.org': ['93.184.216.34'] },
    ],
    [
      'public addresses of both families',
      'https://hooks.example.org/',
      ['hooks.example.org'],
      { 'hooks.example.org': ['93.184.216.34', '2606:2800:220:1::1'] },
    ],
    [
      'loopback covered by a /32',
      'http://localhost:3000/',
      ['localhost', '127.0.0.1/32'],
      { localhost: ['127.0.0.1'] },
    ],
    [
      'a private address covered by a range',
      'http://bot.corp.example/',
      ['bot.corp.example', '10.0.0.0/8'],
      { 'bot.corp.example': ['10.1.2.3'] },
    ],
    [
      'the metadata address when its range is listed',
      'http://meta.example/',
      ['meta.example', '169.254.169.254/32'],
      { 'meta.example': ['169.254.169.254'] },
    ],
    [
      'an IPv6 ULA covered by a range',
      'http://bot6.corp.example/',
      ['bot6.corp.example', 'fd00::/8'],
      { 'bot6.corp.example': ['fd12::1'] },
    ],
  ])('allows %s', async (_, url, allow, table) => {
    const resolve = lookup(table);
    await expect(resolveAndCheck(new URL(url), allow, resolve)).resolves.toEqual({
      ok: true,
      addresses: table[new URL(url).hostname],
    });
    expect(resolve).toHaveBeenCalledWith(new URL(url).hostname, { all: true });
  });

  it('does not resolve an address literal, and checks it as it is', async () => {
    const resolve = lookup({});
    await expect(
      resolveAndCheck(new URL('http://127.0.0.1:3000/'), ['127.0.0.1/32'], resolve),
    ).resolves.toEqual({
      ok: true,
      addresses: ['127.0.0.1'],
    });
    await expect(resolveAndCheck(new URL('http://[::1]/'), ['localhost'], resolve)).resolves.toEqual({
      ok: false,
      reason: 'host ::1 resolves to ::1 (loopback), which no allow-list range covers',
    });
    expect(resolve).not.toHaveBeenCalled();
  });

  const host = 'hooks.example.org';
  // The allow-listed name, resolving to the given addresses.
  const resolving = (addresses: string[], allow = [host]) =>
    resolveAndCheck(new URL(`https://${host}/`), allow, lookup({ [host]: addresses }));

  it.each([
    ['0.0.0.0', 'this-network'],
    ['10.0.0.1', 'private'],
    ['100.100.100.200', 'shared (carrier NAT; Alibaba Cloud metadata)'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['169.254.169.254', 'link-local (cloud metadata)'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.0.0.170', 'IETF protocol assignments'],
    ['192.168.1.1', 'private'],
    ['198.18.0.1', 'benchmarking'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['fd00:ec2::254', 'unique local (private)'],
    ['fe80::1', 'link-local'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:a9fe:a9fe', 'link-local (cloud metadata)'],
  ])('refuses an allow-listed name resolving to %s (%s) without a covering range', async (address, kind) => {
    await expect(resolving([address])).resolves.toEqual({
      ok: false,
      reason: `host ${host} resolves to ${address} (${kind}), which no allow-list range covers`,
    });
  });

  it.each([
    ['just outside 172.16.0.0/12', '172.32.0.1'],
    ['just outside 100.64.0.0/10', '100.128.0.1'],
    ['just outside 169.254.0.0/16', '169.255.0.1'],
    ['a public IPv4-mapped address', '::ffff:93.184.216.34'],
  ])('treats an address %s as public', async (_, address) => {
    await expect(resolving([address])).resolves.toEqual({
      ok: true,
      addresses: [address],
    });
  });

  it.each<[string, string[], string[], RegExp]>([
    [
      'one internal address among public ones',
      [host],
      ['93.184.216.34', '10.0.0.5'],
      /resolves to 10\.0\.0\.5 \(private\)/,
    ],
    [
      'an internal address outside the listed range',
      [host, '10.1.0.0/16'],
      ['10.2.0.1'],
      /10\.2\.0\.1 \(private\)/,
    ],
    ['no address at all', [host], [], /resolves to no address/],
    ['something that is not an address', [host], ['not-an-ip'], /not an IP address/],
  ])('refuses %s', async (_, allow, addresses, reason) => {
    const result = await resolving(addresses, allow);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(reason);
  });

  it('lets a failed lookup reject, for the caller to retry', async () => {
    await expect(
      resolveAndCheck(new URL('https://gone.example.org/'), ['gone.example.org'], lookup({})),
    ).rejects.toThrow('ENOTFOUND');
  });
});
