// How a receiver knows a webhook call came from Rectify and is not a replay: an HMAC-SHA256 of
// `<timestamp>.<body>` under the endpoint's secret, sent with the timestamp it covers. Signing
// the timestamp lets the receiver refuse an old call replayed word for word.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const WEBHOOK_HEADERS = {
  timestamp: 'X-Rectify-Timestamp',
  signature: 'X-Rectify-Signature',
  // The notice's delivery id: a retried call carries the same one, so receivers can de-duplicate.
  delivery: 'X-Rectify-Delivery',
} as const;

// The scheme version is in the header value, so a later scheme can be sent beside this one.
const SCHEME = 'v1';
const SIGNATURE = /^v1=([0-9a-f]{64})$/;
// Unix seconds, as the sender writes them; anything else (signs, decimals, exponents) is refused
// rather than read loosely.
const TIMESTAMP = /^\d{1,12}$/;

function hmac(secret: string, timestampSeconds: number, body: string): Buffer {
  return createHmac('sha256', secret).update(`${timestampSeconds}.${body}`, 'utf8').digest();
}

export function signWebhook(secret: string, timestampSeconds: number, body: string): string {
  return `${SCHEME}=${hmac(secret, timestampSeconds, body).toString('hex')}`;
}

export interface WebhookVerification {
  readonly secret: string;
  readonly timestampHeader: string | undefined;
  readonly signatureHeader: string | undefined;
  // The raw body as received: re-serialising parsed JSON would change the bytes that were signed.
  readonly body: string;
  readonly nowSeconds: number;
  // How far the timestamp may lie from the receiver's clock, either way (the replay window).
  readonly toleranceSeconds?: number;
}

export function verifyWebhook({
  secret,
  timestampHeader,
  signatureHeader,
  body,
  nowSeconds,
  toleranceSeconds = 300,
}: WebhookVerification): { ok: true } | { ok: false; reason: string } {
  if (timestampHeader === undefined || !TIMESTAMP.test(timestampHeader)) {
    return { ok: false, reason: `${WEBHOOK_HEADERS.timestamp} is missing or not Unix seconds` };
  }
  const signature = signatureHeader === undefined ? null : SIGNATURE.exec(signatureHeader);
  if (!signature) {
    return { ok: false, reason: `${WEBHOOK_HEADERS.signature} is missing or not v1=<64 hex digits>` };
  }
  const timestamp = Number(timestampHeader);
  if (nowSeconds - timestamp > toleranceSeconds) {
    return { ok: false, reason: `timestamp is ${nowSeconds - timestamp}s old, beyond ${toleranceSeconds}s` };
  }
  if (timestamp - nowSeconds > toleranceSeconds) {
    return {
      ok: false,
      reason: `timestamp is ${timestamp - nowSeconds}s in the future, beyond ${toleranceSeconds}s`,
    };
  }
  // Both sides are 32 bytes (the pattern above fixes the length), as timingSafeEqual requires;
  // a plain string compare would tell an attacker how many leading characters they got right.
  const expected = hmac(secret, timestamp, body);
  if (!timingSafeEqual(expected, Buffer.from(signature[1], 'hex'))) {
    return { ok: false, reason: 'signature does not match' };
  }
  return { ok: true };
}
