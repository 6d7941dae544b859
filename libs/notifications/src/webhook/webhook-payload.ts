// What a webhook call carries. Rectify's own receivers get the whole notice as JSON; chat robots
// (Slack, DingTalk, WeCom, Feishu) accept only their own message shape and show its text, so for
// them the notice becomes one line in the recipient's language plus the link.
//
// Vendor signing schemes (DingTalk's `timestamp`/`sign` query parameters, Feishu's `sign` field,
// keyword or IP checks configured on a robot) are not implemented: every call carries Rectify's
// own X-Rectify-* headers, which such robots ignore. A robot must therefore be set up to trust
// the call another way (an IP allow-list, or a keyword the text contains, such as a plan code).
import { renderEmail } from '../email/email-renderer';
import type { Notice } from '../notice';

export const WEBHOOK_FLAVORS = ['generic', 'slack', 'dingtalk', 'wecom', 'feishu'] as const;
export type WebhookFlavor = (typeof WEBHOOK_FLAVORS)[number];

export interface GenericWebhookPayload {
  readonly type: 'rectify.notice';
  readonly deliveryId: string;
  readonly kind: string;
  readonly level: number;
  readonly subject: string;
  readonly text: string;
  readonly plan: Notice['plan'];
  readonly measure: Notice['measure'];
  readonly link: string;
  readonly occurredAt: string;
}

export type WebhookPayload =
  | GenericWebhookPayload
  | { readonly text: string }
  | { readonly msgtype: 'text'; readonly text: { readonly content: string } }
  | { readonly msg_type: 'text'; readonly content: { readonly text: string } };

export function webhookPayload(notice: Notice, flavor: WebhookFlavor = 'generic'): WebhookPayload {
  // The mail's subject line: step word, measure, plan and deadline in the recipient's zone, on one
  // line, so a person reads the same words on every channel and imported line breaks are gone.
  const text = renderEmail(notice).subject;
  // A robot shows only the text, so the link goes into it or the person cannot open the measure.
  const chat = `${text}\n${notice.link}`;
  switch (flavor) {
    case 'generic':
      return {
        type: 'rectify.notice',
        deliveryId: notice.deliveryId,
        kind: notice.kind,
        level: notice.level,
        subject: notice.subject,
        text,
        plan: notice.plan,
        measure: notice.measure,
        link: notice.link,
        occurredAt: notice.occurredAt,
      };
    case 'slack':
      return { text: chat };
    case 'dingtalk':
    case 'wecom':
      return { msgtype: 'text', text: { content: chat } };
    case 'feishu':
      return { msg_type: 'text', content: { text: chat } };
  }
}
