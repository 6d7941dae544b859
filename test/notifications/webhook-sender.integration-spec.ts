// The webhook channel against a real receiver on 127.0.0.1: what arrives is signed and verifies,
// and every way a call can fail ends in the verdict the delivery retries (or dead-letters) on.
import type { Notice } from '../../libs/notifications/src/notice';
import { DeliveryError } from '../../libs/notifications/src/notice';
import { WEBHOOK_HEADERS } from '../../libs/notifications/src/webhook/webhook-signature';
import { WebhookSender } from '../../libs/notifications/src/webhook/webhook-sender';
import { WebhookReceiver } from '../support/webhook-receiver';

const SECRET = 'whsec_integration';
const LOOPBACK = ['127.0.0.1/32'];

const notice: Notice = {
  deliveryId: 'dlv-webhook-1',
  language: 'en',
  timeZone: 'Europe/Berlin',
  recipientName: 'Li Si',
  kind: 'overdue_notice',
  level: 1,
  subject: 'overdue notice (final due 2026-03-31)',
  plan: { code: 'P07', title: 'Rectification plan' },
  measure: {
    id: 'm-7',
    code: 'P07-M3',
    title: 'Publish the ledger',
    dueAt: '2026-03-31T16:00:00.000Z',
    leadUnitCode: 'U07',
    leadLeader: 'deputy governor',
  },
  link: 'http://127.0.0.1:3000/measures/m-7',
  occurredAt: '2026-03-31T16:00:00.000Z',
};

// In the recipient's zone: 16:00 UTC is 18:00 in Berlin (summer time).
const TEXT = '[Overdue notice] P07-M3 Publish the ledger | P07 | due 31 Mar 2026, 18:00 (Europe/Berlin)';

// The DeliveryError a send ends in; fails the test if it succeeded or threw anything else.
async function failure(sending: Promise<unknown>): Promise<DeliveryError> {
  const error = await sending.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

describe('WebhookSender against a real receiver', () => {
  let receiver: WebhookReceiver;
  const sender = (o: { allow?: readonly string[]; timeoutMs?: number; now?: () => number } = {}) =>
    new WebhookSender({ allow: LOOPBACK, timeoutMs: 5_000, ...o });

  beforeEach(async () => {
    receiver = await WebhookReceiver.start(SECRET);
  });
  afterEach(() => receiver.stop());

  it('delivers a signed call that the receiver verifies, with the delivery id to de-duplicate on', async () => {
    await expect(sender().send({ url: receiver.url, secret: SECRET }, notice)).resolves.toEqual({
      status: 204,
    });

    expect(receiver.refusals).toEqual([]);
    expect(receiver.calls).toHaveLength(1);
    const [call] = receiver.calls;
    expect(call.headers['content-type']).toBe('application/json');
    expect(call.headers[WEBHOOK_HEADERS.delivery.toLowerCase()]).toBe('dlv-webhook-1');
    expect(call.headers[WEBHOOK_HEADERS.signature.toLowerCase()]).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(call.body).toEqual({
      type: 'rectify.notice',
      deliveryId: 'dlv-webhook-1',
      kind: 'overdue_notice',
      level: 1,
      subject: 'overdue notice (final due 2026-03-31)',
      text: TEXT,
      plan: notice.plan,
      measure: notice.measure,
      link: notice.link,
      occurredAt: notice.occurredAt,
    });
  });

  it('sends a chat robot its own body shape, signed the same way', async () => {
    await sender().send({ url: receiver.url, secret: SECRET, flavor: 'dingtalk' }, notice);
    expect(receiver.calls.map((c) => c.body)).toEqual([
      {
        msgtype: 'text',
        text: {
          content: `${TEXT}\n${notice.link}`,
        },
      },
    ]);
  });

  it('is refused for a wrong secret, and a 401 is permanent', async () => {
    const error = await failure(sender().send({ url: receiver.url, secret: 'whsec_wrong' }, notice));
    expect(error.permanent).toBe(true);
    expect(error.message).toBe(`webhook ${receiver.url} answered 401`);
    expect(receiver.refusals).toEqual(['signature does not match']);
    expect(receiver.calls).toEqual([]);
  });

  it('is refused as stale when signed ten minutes ago', async () => {
    const tenMinutesAgo = () => Date.now() - 10 * 60_000;
    const error = await failure(
      sender({ now: tenMinutesAgo }).send({ url: receiver.url, secret: SECRET }, notice),
    );
    expect(error.permanent).toBe(true);
    expect(receiver.refusals).toEqual([expect.stringMatching(/^timestamp is \d+s old, beyond 300s$/)]);
    expect(receiver.calls).toEqual([]);
  });

  it('calls a 500 transient, and the retry is delivered', async () => {
    receiver.failNext(1, 500);
    const error = await failure(sender().send({ url: receiver.url, secret: SECRET }, notice));
    expect(error.permanent).toBe(false);
    expect(error.message).toBe(`webhook ${receiver.url} answered 500`);

    await expect(sender().send({ url: receiver.url, secret: SECRET }, notice)).resolves.toEqual({
      status: 204,
    });
    expect(receiver.calls).toHaveLength(1);
  });

  it.each([
    [302, 'permanent'],
    [400, 'permanent'],
    [404, 'permanent'],
    [410, 'permanent'],
    [408, 'transient'],
    [429, 'transient'],
    [502, 'transient'],
    [503, 'transient'],
  ])('takes a %i answer as %s', async (status, verdict) => {
    receiver.failNext(1, status);
    const error = await failure(sender().send({ url: receiver.url, secret: SECRET }, notice));
    expect(error.permanent).toBe(verdict === 'permanent');
    // One call only: the redirect (back to the receiver) was not followed, nor anything retried.
    expect(receiver.received).toBe(1);
  });

  it('gives up on a receiver that never answers once the timeout passes, as transient', async () => {
    receiver.hangNext(1);
    const started = Date.now();
    const error = await failure(
      sender({ timeoutMs: 500 }).send({ url: receiver.url, secret: SECRET }, notice),
    );
    expect(error.permanent).toBe(false);
    expect(error.message).toBe(`webhook ${receiver.url}: no answer within 500 ms`);
    // Well under the receiver's own hold limit: the sender's timeout ended it.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('calls an unreachable receiver transient', async () => {
    const gone = await WebhookReceiver.start(SECRET);
    await gone.stop();
    const error = await failure(sender().send({ url: gone.url, secret: SECRET }, notice));
    expect(error.permanent).toBe(false);
    expect(error.message).toMatch(/ECONNREFUSED/);
  });

  it.each<[string, readonly string[], (url: string) => string, RegExp]>([
    [
      'a host outside the allow-list',
      ['hooks.example.org'],
      (url) => url,
      /host 127\.0\.0\.1 is not on the allow-list/,
    ],
    [
      'an allow-listed name that resolves to loopback, with no CIDR for it',
      ['localhost'],
      (url) => url.replace('127.0.0.1', 'localhost'),
      /host localhost resolves to (127\.0\.0\.1|::1) \(loopback\), which no allow-list range covers/,
    ],
    [
      'credentials in the URL',
      LOOPBACK,
      (url) => url.replace('http://', 'http://bot:pw@'),
      /carries credentials/,
    ],
  ])('refuses %s as permanent, and the receiver sees nothing', async (_, allow, url, reason) => {
    const error = await failure(sender({ allow }).send({ url: url(receiver.url), secret: SECRET }, notice));
    expect(error.permanent).toBe(true);
    expect(error.message).toMatch(reason);
    expect(receiver.received).toBe(0);
  });

  it('refuses to start with an allow-list entry it cannot read', () => {
    expect(() => sender({ allow: ['127.0.0.1/33'] })).toThrow(/no valid prefix length/);
  });
});
