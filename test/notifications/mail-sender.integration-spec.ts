import net from 'node:net';
import { renderEmail } from '../../libs/notifications/src/email/email-renderer';
import { MailSender, type MailSenderConfig } from '../../libs/notifications/src/email/mail-sender';
import { DeliveryError, type Notice } from '../../libs/notifications/src/notice';
import { SmtpCatcher } from '../support/smtp-catcher';

const notice: Notice = {
  deliveryId: '0b6f3c52-5d1e-4c4e-9a59-3f0e8f1d2a10',
  language: 'zh-CN',
  timeZone: 'Asia/Shanghai',
  recipientName: '李四',
  kind: 'reminder',
  level: 0,
  subject: 'reminder (final due 2026-12-31T16:00:00.000Z)',
  plan: { code: 'GS-2019', title: '甘肃省中央脱贫攻坚专项巡视反馈问题整改方案' },
  measure: {
    id: '7c1d8e2a-8a55-4f7e-b1e4-2d9f6a3c0b11',
    code: 'P01-M1',
    title: '完成易地扶贫搬迁旧房拆除 & <复核>',
    dueAt: '2026-12-31T16:00:00.000Z',
    leadUnitCode: 'GS-DEPTS',
    leadLeader: '分管副省长',
  },
  link: 'http://127.0.0.1:3000/measures/7c1d8e2a-8a55-4f7e-b1e4-2d9f6a3c0b11',
  occurredAt: '2026-12-24T16:00:00.000Z',
};
const mail = renderEmail(notice);
const FROM = 'Rectify <rectify@localhost>';

// Resolves with the DeliveryError a send fails with, so a test can read its verdict.
async function failureOf(send: Promise<void>): Promise<DeliveryError> {
  const e = await send.then(
    () => new Error('the send succeeded'),
    (err: unknown) => err,
  );
  if (!(e instanceof DeliveryError)) throw e;
  return e;
}

// A port on which nothing listens: opened by the system, then closed again.
async function closedPort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('MailSender against a real SMTP server', () => {
  let catcher: SmtpCatcher;
  let sender: MailSender;
  const senderFor = (config: Partial<MailSenderConfig> = {}): MailSender =>
    (sender = new MailSender({ url: catcher.url, from: FROM, ...config }));

  beforeEach(async () => {
    catcher = await SmtpCatcher.start();
  });
  afterEach(async () => {
    sender?.close();
    await catcher.stop();
  });

  it('delivers one message with the delivery’s Message-ID, both parts, to the one recipient', async () => {
    // Credentials in the URL are percent-encoded; the server must see them decoded.
    senderFor({ url: `smtp://rectify:p%40ss%3Aword@127.0.0.1:${catcher.port}` });
    await sender.send('leader@example.org', mail, notice.deliveryId);

    expect(catcher.messages).toHaveLength(1);
    const [caught] = catcher.messages;
    expect(caught.envelope).toEqual({ from: 'rectify@localhost', to: ['leader@example.org'] });
    expect(caught.auth).toEqual({ username: 'rectify', password: 'p@ss:word' });
    expect(caught.messageId).toBe(`<${notice.deliveryId}@rectify>`);
    expect(caught.subject).toBe(mail.subject);
    expect(caught.subject).toContain(
      '【提醒】P01-M1 完成易地扶贫搬迁旧房拆除 & <复核>｜GS-2019｜截止 2026年12月31日 24:00',
    );
    expect(caught.text?.trim()).toBe(mail.text.trim());
    expect(caught.html).toBe(mail.html);
    expect(caught.html).toContain('完成易地扶贫搬迁旧房拆除 &amp; &lt;复核&gt;');
  });

  it('calls a refused recipient a permanent failure', async () => {
    catcher.refuse('nobody@example.org');
    const e = await failureOf(senderFor().send('nobody@example.org', mail, notice.deliveryId));
    expect(e.permanent).toBe(true);
    expect(e.message).toContain('550');
    expect(catcher.messages).toHaveLength(0);
  });

  it('refuses an invalid address as permanent without connecting', async () => {
    const e = await failureOf(
      senderFor().send('leader@example.org, boss@example.org', mail, notice.deliveryId),
    );
    expect(e.permanent).toBe(true);
    expect(catcher.connections).toBe(0);
  });

  it('calls a 4xx answer transient, and the retry goes through', async () => {
    catcher.deferNext(1);
    const e = await failureOf(senderFor().send('leader@example.org', mail, notice.deliveryId));
    expect(e.permanent).toBe(false);
    expect(e.message).toContain('451');
    expect(catcher.messages).toHaveLength(0);

    await sender.send('leader@example.org', mail, notice.deliveryId);
    expect(catcher.messages.map((m) => m.messageId)).toEqual([`<${notice.deliveryId}@rectify>`]);
  });

  it('calls a server that is down transient', async () => {
    const url = `smtp://127.0.0.1:${await closedPort()}`;
    const e = await failureOf(senderFor({ url }).send('leader@example.org', mail, notice.deliveryId));
    expect(e.permanent).toBe(false);
    expect(e.message).toMatch(/ECONNREFUSED|connect/i);
  });

  it('gives up on a server that never greets within the greeting timeout, as transient', async () => {
    const sockets: net.Socket[] = [];
    const mute = net.createServer((s) => sockets.push(s)).listen(0, '127.0.0.1');
    await new Promise((resolve) => mute.once('listening', resolve));
    try {
      const url = `smtp://127.0.0.1:${(mute.address() as net.AddressInfo).port}`;
      const started = Date.now();
      const e = await failureOf(
        senderFor({ url, greetingTimeoutMs: 300 }).send('leader@example.org', mail, notice.deliveryId),
      );
      expect(e.permanent).toBe(false);
      expect(e.message).toContain('Greeting never received');
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => mute.close(resolve));
    }
  });
});
