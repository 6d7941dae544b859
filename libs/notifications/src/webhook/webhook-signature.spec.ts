import { signWebhook, verifyWebhook } from './webhook-signature';

// Vectors computed outside Node, so the test checks the scheme and not just agreement with itself:
//   printf '%s' '1767225600.{"type":"rectify.notice"}' | openssl dgst -sha256 -hmac whsec_test
const T = 1767225600; // 2026-01-01T00:00:00Z
const BODY = '{"type":"rectify.notice"}';
const SIG = 'v1=294830cc376150f01c1deb52b67c258e82c3bc401581fe78c465c209ca113b16';

describe('signWebhook', () => {
  it.each([
    ['whsec_test', BODY, SIG],
    ['whsec_test', '', 'v1=bc5f22c68024f86d3be1b4ddd6417a119940e00ea9c5f409f8e48b2b4c7c771f'],
    // Secret and body are signed as UTF-8.
    ['密钥', '{"text":"催办"}', 'v1=d172f390d2dcfd0992f4de5468f31c73c820b58e646791f2e6ec6f18f256262b'],
  ])('signs %j over %j', (secret, body, expected) => {
    expect(signWebhook(secret, T, body)).toBe(expected);
  });
});

describe('verifyWebhook', () => {
  const valid = {
    secret: 'whsec_test',
    timestampHeader: String(T),
    signatureHeader: SIG,
    body: BODY,
    nowSeconds: T,
  };

  it.each<[string, Partial<Parameters<typeof verifyWebhook>[0]>]>([
    ['at the same second', {}],
    ['300 s late: the edge of the default window', { nowSeconds: T + 300 }],
    ['300 s early (sender clock ahead)', { nowSeconds: T - 300 }],
    ['late beyond the default, within a wider window', { nowSeconds: T + 900, toleranceSeconds: 900 }],
  ])('accepts a call %s', (_, change) => {
    expect(verifyWebhook({ ...valid, ...change })).toEqual({ ok: true });
  });

  it.each<[string, Partial<Parameters<typeof verifyWebhook>[0]>, RegExp]>([
    ['no timestamp', { timestampHeader: undefined }, /X-Rectify-Timestamp is missing/],
    ['a fractional timestamp', { timestampHeader: `${T}.5` }, /not Unix seconds/],
    ['a negative timestamp', { timestampHeader: `-${T}` }, /not Unix seconds/],
    ['an ISO timestamp', { timestampHeader: '2026-01-01T00:00:00Z' }, /not Unix seconds/],
    ['no signature', { signatureHeader: undefined }, /X-Rectify-Signature is missing/],
    ['a signature without its scheme', { signatureHeader: SIG.slice(3) }, /not v1=<64 hex digits>/],
    ['an unknown scheme', { signatureHeader: SIG.replace('v1=', 'v0=') }, /not v1=/],
    ['a truncated signature', { signatureHeader: SIG.slice(0, -2) }, /not v1=/],
    ['a stale call (301 s old)', { nowSeconds: T + 301 }, /301s old, beyond 300s/],
    ['a call from the future (301 s ahead)', { nowSeconds: T - 301 }, /301s in the future/],
    ['a stale call beyond a narrower window', { nowSeconds: T + 61, toleranceSeconds: 60 }, /beyond 60s/],
    ['the wrong secret', { secret: 'whsec_other' }, /does not match/],
    ['a changed body', { body: BODY.replace('notice', 'notica') }, /does not match/],
    ['a signature for another timestamp', { timestampHeader: String(T + 1) }, /does not match/],
    ['a one-digit change in the signature', { signatureHeader: SIG.replace(/.$/, '7') }, /does not match/],
  ])('refuses %s', (_, change, reason) => {
    const result = verifyWebhook({ ...valid, ...change });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(reason);
  });

  it('round-trips what signWebhook produced', () => {
    const body = JSON.stringify({ text: '【督办】P01-M1' });
    const signatureHeader = signWebhook('s3cret', T + 42, body);
    expect(
      verifyWebhook({
        secret: 's3cret',
        timestampHeader: String(T + 42),
        signatureHeader,
        body,
        nowSeconds: T,
      }),
    ).toEqual({ ok: true });
  });
});
