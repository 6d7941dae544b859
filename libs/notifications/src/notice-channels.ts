// The channels a worker sends on, built from the validated configuration: e-mail over SMTP when a
// server is configured, and signed webhooks to allow-listed hosts.
import type { DeliveryConfig } from '../../config/src/rectify-config';
import { renderDigest, renderEmail } from './email/email-renderer';
import { MailSender } from './email/mail-sender';
import type { Notice } from './notice';
import { WebhookSender } from './webhook/webhook-sender';

export interface Recipient {
  readonly name: string;
  readonly language: 'zh-CN' | 'en';
  readonly timeZone: string;
}

export interface NoticeChannelSet {
  readonly email: {
    send(to: string, recipient: Recipient, notices: readonly Notice[]): Promise<void>;
  } | null;
  readonly webhook: { send(endpoint: { url: string; secret: string }, notice: Notice): Promise<void> };
  close(): Promise<void>;
}

// Chat robots want their own body shapes; the endpoint's host says which robot it is.
const FLAVORS: [RegExp, 'dingtalk' | 'wecom' | 'feishu' | 'slack'][] = [
  [/(^|\.)dingtalk\.com$/, 'dingtalk'],
  [/(^|\.)qyapi\.weixin\.qq\.com$/, 'wecom'],
  [/(^|\.)(feishu\.cn|larksuite\.com)$/, 'feishu'],
  [/(^|\.)slack\.com$/, 'slack'],
];

export function webhookFlavor(url: string): 'generic' | 'dingtalk' | 'wecom' | 'feishu' | 'slack' {
  let host = '';
  try {
    host = new URL(url).hostname;
  } catch {
    return 'generic';
  }
  return FLAVORS.find(([re]) => re.test(host))?.[1] ?? 'generic';
}

export function noticeChannels(config: DeliveryConfig): NoticeChannelSet {
  const mail = config.smtp ? new MailSender({ url: config.smtp.url, from: config.smtp.from }) : null;
  const webhooks = new WebhookSender({ allow: config.webhookAllow, timeoutMs: config.webhookTimeoutMs });
  return {
    email: mail
      ? {
          async send(to, recipient, notices) {
            // One notice is a message of its own; several are the recipient's daily digest.
            const message = notices.length === 1 ? renderEmail(notices[0]) : renderDigest(recipient, notices);
            await mail.send(to, message, notices[0].deliveryId);
          },
        }
      : null,
    webhook: {
      async send(endpoint, notice) {
        await webhooks.send({ ...endpoint, flavor: webhookFlavor(endpoint.url) }, notice);
      },
    },
    close: async () => {
      await mail?.close();
    },
  };
}
