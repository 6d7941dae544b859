// Reminders that reach people, end to end on the dev server: a plan with second-scale offsets,
// persons with e-mail and webhook channels, a post and its holder, a real SMTP server and a real
// webhook receiver. Every notice reaches each person once on each channel.
import { WorkflowNotFoundError } from '@temporalio/client';
import { deliveryWorkflowId } from '../../workflows/delivery/delivery.contract';
import { eventually } from '../support/eventually';
import { aPlanDocument } from '../support/plan-fixtures';
import { HttpAnswer, RectifyHarness, startRectify, TestAccount } from '../support/rectify-harness';
import { SmtpCatcher } from '../support/smtp-catcher';
import { testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';
import { WebhookReceiver } from '../support/webhook-receiver';

const SECRET = 'whsec-0123456789abcdef';

interface Delivery {
  readonly id: string;
  readonly requestId: string;
  readonly personId: string | null;
  readonly channel: string;
  readonly state: string;
  readonly lastError: string | null;
}

// A case started ahead of its test: its failure is reported by the test that awaits it, not as
// an unhandled rejection while other tests run.
function startedNow<T>(work: Promise<T>): Promise<T> {
  work.catch(() => undefined);
  return work;
}
// The reminder falls due 15 s after the import: room for the import on a loaded machine.
const STEPS = [
  { kind: 'reminder', offset: '-PT15S' },
  { kind: 'overdue_notice', offset: 'PT0S' },
  { kind: 'supervision_notice', offset: 'PT3S' },
];

describe(`who gets told what (${testEngine()})`, () => {
  let rectify: RectifyHarness;
  let smtp: SmtpCatcher;
  let hooks: WebhookReceiver;
  // The webhook that keeps failing has a receiver of its own: its case runs beside the ladder's.
  let failing: WebhookReceiver;
  // The dead webhook's and the gap's measures wait on ladders of their own (half a minute each):
  // they start as soon as the harness is up and run beside the ladder below, each on a unit of
  // its own; their tests take what they found.
  let deadWebhook: Promise<{ measureId: string; dead: Delivery }>;
  let gap: Promise<{ unit: string; measureId: string; gaps: HttpAnswer }>;

  beforeAll(async () => {
    [smtp, hooks, failing] = await Promise.all([
      SmtpCatcher.start(),
      WebhookReceiver.start(SECRET),
      WebhookReceiver.start(SECRET),
    ]);
    rectify = await startRectify({
      env: {
        RECTIFY_SMTP_URL: smtp.url,
        RECTIFY_MAIL_FROM: 'Rectify <rectify@gansu.example>',
        RECTIFY_PUBLIC_URL: 'https://rectify.gansu.example',
        RECTIFY_WEBHOOK_ALLOW: '127.0.0.1/32',
        RECTIFY_WEBHOOK_TIMEOUT: 'PT2S',
        RECTIFY_DELIVERY_ATTEMPTS: '3',
        RECTIFY_DELIVERY_BACKOFF: 'PT1S',
      },
    });
    deadWebhook = startedNow(deadWebhookCase());
    gap = startedNow(gapCase());
  });
  afterAll(async () => {
    // A failed case must not leave its waits running against a harness that is gone.
    await Promise.allSettled([deadWebhook, gap]);
    await rectify?.stop();
    await Promise.all([smtp?.stop(), hooks?.stop(), failing?.stop()]);
  });

  async function person(body: Record<string, unknown>) {
    const r = await rectify.request('POST', '/persons', body);
    expect(r.status).toBe(201);
    return r.body as { id: string; channels: { id: string; kind: string }[] };
  }

  // A plan of one measure (lead unit `unit`, lead leader 分管副省长) due 25 s from now.
  async function importPlan(unit: string) {
    const code = uniqueCode('GS');
    const doc = aPlanDocument({
      planCode: code,
      due: new Date(Date.now() + 25_000).toISOString(),
      steps: STEPS,
      measures: 1,
    });
    doc.units.push({ code: unit, name: `${unit}单位`, level: 'province' });
    doc.categories[0].aspects[0].problems[0].measures[0].leadUnit = unit;
    const r = await rectify.request('POST', '/plans', doc);
    expect(r.status).toBe(201);
    const list = await rectify.request('GET', `/measures?plan=${r.body.planId}`);
    return list.body.items[0] as { id: string; code: string };
  }

  const deliveries = async (measureId: string) =>
    (await rectify.request('GET', `/deliveries?measure=${measureId}&limit=500`)).body.items as Delivery[];

  async function deadWebhookCase() {
    const unit = uniqueCode('W').toUpperCase().slice(0, 12);
    await person({
      name: '李四',
      unitCodes: [unit],
      duties: ['unit_contact'],
      channels: [{ kind: 'webhook', address: failing.url, secret: SECRET }],
    });
    failing.failNext(2 * 3); // every try of the reminder and of the overdue notice
    const m = await importPlan(unit);
    const dead = await eventually(
      async () => {
        // Both notices to the webhook have used up their tries (and the receiver its failures).
        const d = (await deliveries(m.id)).filter((x) => x.channel === 'webhook' && x.state === 'dead');
        expect(d).toHaveLength(2);
        return d[0];
      },
      { timeoutMs: 120_000 },
    );
    return { measureId: m.id, dead };
  }

  async function gapCase() {
    const unit = uniqueCode('G').toUpperCase().slice(0, 12);
    const m = await importPlan(unit);
    // Read at once: the gap shows before any notice to the addressee fell due.
    const gaps = await rectify.request('GET', '/notifications/gaps');
    return { unit, measureId: m.id, gaps };
  }

  describe('a measure followed through its ladder', () => {
    let contact: TestAccount;
    let zhang: { id: string };
    let chen: { id: string };
    let measure: { id: string; code: string };
    const unit = uniqueCode('U').toUpperCase().slice(0, 12);

    beforeAll(async () => {
      contact = await rectify.createUser('unit', { units: [unit] });
      zhang = await person({
        name: '张三',
        userId: contact.id,
        unitCodes: [unit],
        duties: ['unit_contact'],
        channels: [
          { kind: 'email', address: 'zhang.san@gansu.example' },
          { kind: 'webhook', address: hooks.url, secret: SECRET },
        ],
      });
      chen = await person({
        name: '陈副省长',
        language: 'en',
        timeZone: 'Europe/London',
        channels: [{ kind: 'email', address: 'chen@gansu.example' }],
      });
      const post = await rectify.request('PUT', '/posts', {
        unitCode: unit,
        title: '分管副省长',
        holderPersonId: chen.id,
      });
      expect(post.status).toBe(200);
      measure = await importPlan(unit);
      // The whole ladder has fired and every delivery has ended.
      await eventually(
        async () => {
          const all = await deliveries(measure.id);
          expect(all.filter((d) => d.state === 'sent')).toHaveLength(2 * 3 + 1 * 2);
        },
        { timeoutMs: 120_000 },
      );
    });

    it('mails each notice once to the unit contact, and escalations from 督办 on to the holder of the leader post', async () => {
      const to = (address: string) => smtp.messages.filter((m) => m.envelope.to.includes(address));
      const zhangMail = to('zhang.san@gansu.example');
      expect(zhangMail.map((m) => m.subject)).toEqual([
        expect.stringContaining('提醒'),
        expect.stringContaining('催办'),
      ]);
      // The leader post's holder is told of the other cases' measures too (they run alongside);
      // of this measure, once, from 督办 on.
      const chenMail = to('chen@gansu.example').filter((m) => m.text?.includes(`/measures/${measure.id}`));
      expect(chenMail.map((m) => m.subject)).toEqual([expect.stringMatching(/supervision/i)]);
      // Each message names its delivery, so a repeat would be recognisable; there is none.
      const ids = smtp.messages.map((m) => m.messageId);
      expect(new Set(ids).size).toBe(ids.length);
      expect(zhangMail[0].text).toContain(measure.code);
      expect(zhangMail[0].text).toContain(`https://rectify.gansu.example/measures/${measure.id}`);
    });

    it('calls the contact’s webhook once per notice, signed, naming the delivery', async () => {
      expect(hooks.refusals).toEqual([]);
      expect(hooks.calls.map((c) => (c.body as { kind: string }).kind)).toEqual([
        'reminder',
        'overdue_notice',
      ]);
      const deliveryIds = hooks.calls.map((c) => c.headers['x-rectify-delivery']);
      expect(new Set(deliveryIds).size).toBe(2);
    });

    it('keeps an inbox for the contact: unread until read', async () => {
      const inbox = await contact.client.request('GET', '/me/inbox');
      expect(inbox.status).toBe(200);
      expect(inbox.body.unread).toBe(2);
      expect(inbox.body.items.map((i: { kind: string }) => i.kind).sort()).toEqual([
        'overdue_notice',
        'reminder',
      ]);
      const read = await contact.client.request('POST', `/me/inbox/${inbox.body.items[0].id}/read`);
      expect(read.status).toBe(200);
      expect(read.body.unread).toBe(1);
      const unread = await contact.client.request('GET', '/me/inbox?unread=true');
      expect(unread.body.items).toHaveLength(1);
      // Someone else's item does not exist for them.
      const other = await rectify.createUser('unit', { units: [unit] });
      const foreign = await other.client.request('POST', `/me/inbox/${inbox.body.items[1].id}/read`);
      expect(foreign.status).toBe(404);
    });

    it('records every delivery by person and channel, none twice', async () => {
      const all = await deliveries(measure.id);
      const count = (personId: string, channel: string) =>
        all.filter((d) => d.personId === personId && d.channel === channel).length;
      expect([count(zhang.id, 'inbox'), count(zhang.id, 'email'), count(zhang.id, 'webhook')]).toEqual([
        2, 2, 2,
      ]);
      expect([count(chen.id, 'inbox'), count(chen.id, 'email')]).toEqual([1, 1]);
      // The rest is what the measure told others (the unit for 督办 goes to the leader only).
      expect(all.filter((d) => d.state !== 'sent' && d.state !== 'read')).toEqual([]);
    });

    it('ran one delivery workflow for each notice with an e-mail or a webhook to send', async () => {
      const requests = [...new Set((await deliveries(measure.id)).map((d) => d.requestId))];
      expect(requests).toHaveLength(3);
      for (const requestId of requests) {
        const run = await rectify.temporal.workflow.getHandle(deliveryWorkflowId(requestId)).describe();
        expect(run.status.name).toBe('COMPLETED');
      }
    });
  });

  it('ends a webhook that keeps failing as dead, and delivers it once on the office’s retry', async () => {
    const { measureId, dead } = await deadWebhook;
    expect(dead.lastError).toMatch(/500/);
    const retry = await rectify.request('POST', `/deliveries/${dead.id}/retry`);
    expect(retry.status).toBe(202);
    expect((await rectify.request('POST', `/deliveries/${dead.id}/retry`)).status).toBe(409);
    await eventually(async () => {
      const d = (await deliveries(measureId)).find((x) => x.id === dead.id);
      expect(d?.state).toBe('sent');
    });
    // Every call the receiver accepted, from the import on: the retry's one, no other.
    const accepted = failing.calls.filter((c) => c.headers['x-rectify-delivery'] === dead.id);
    expect(accepted).toHaveLength(1);
  });

  it('shows an addressee nobody serves as a gap before any notice, and records notices to it as unaddressed', async () => {
    const { unit, measureId, gaps } = await gap;
    expect(gaps.status).toBe(200);
    expect(gaps.body.addressees).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          addresseeKind: 'unit',
          addressee: unit,
          reason: `unit ${unit} has no contact (a person with the unit_contact duty)`,
        }),
      ]),
    );
    await eventually(
      async () => {
        const d = await deliveries(measureId);
        expect(d.map((x) => [x.personId, x.state, x.lastError])).toContainEqual([
          null,
          'unaddressed',
          `unit ${unit} has no contact (a person with the unit_contact duty)`,
        ]);
      },
      { timeoutMs: 60_000 },
    );
    // Nothing is left to send for such a notice: it was planned as it was recorded, with no
    // delivery workflow.
    for (const d of (await deliveries(measureId)).filter((x) => x.state === 'unaddressed'))
      await expect(
        rectify.temporal.workflow.getHandle(deliveryWorkflowId(d.requestId)).describe(),
      ).rejects.toBeInstanceOf(WorkflowNotFoundError);
  });

  it('refuses a webhook to a host outside the allow-list, naming the field, and writes nothing', async () => {
    const r = await rectify.request('POST', '/persons', {
      name: '王五',
      channels: [{ kind: 'webhook', address: 'http://169.254.169.254/latest/meta-data', secret: SECRET }],
    });
    expect(r.status).toBe(400);
    expect(r.body.details[0].path).toBe('body.channels[0].address');
    const list = await rectify.request('GET', '/persons');
    expect(list.body.items.map((p: { name: string }) => p.name)).not.toContain('王五');
  });

  it('refuses a person linked to an account that does not exist, and writes nothing', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    const r = await rectify.request('POST', '/persons', { name: '赵六', userId: missing });
    expect(r.status).toBe(400);
    expect(r.body.details).toEqual([{ path: 'body.userId', message: `no account ${missing}` }]);
    const list = await rectify.request('GET', '/persons');
    expect(list.body.items.map((p: { name: string }) => p.name)).not.toContain('赵六');
  });
});
