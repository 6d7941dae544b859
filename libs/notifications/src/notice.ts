// What one delivery tells one person: everything a channel needs to render it, in the person's
// language and time zone. The delivery id names the message on every channel (e-mail Message-ID,
// webhook X-Rectify-Delivery), so a receiver can recognise a repeat.
export interface Notice {
  readonly deliveryId: string;
  readonly language: 'zh-CN' | 'en';
  readonly timeZone: string;
  readonly recipientName: string;
  // The measure event behind it: reminder, overdue_notice, supervision_notice, formal_talk,
  // accountability_referral, completion_claimed, rejected, verified, extension_requested, …
  readonly kind: string;
  // 0 for reminders and outcomes; 1–4 for 催办, 督办, 约谈, 问责移送.
  readonly level: number;
  // The technical subject recorded with the request (English), e.g. "reminder (final due …)".
  readonly subject: string;
  readonly plan: { readonly code: string; readonly title: string };
  readonly measure: {
    readonly id: string;
    readonly code: string;
    readonly title: string;
    // ISO instant of the deadline the notice is about.
    readonly dueAt: string;
    readonly leadUnitCode: string;
    readonly leadLeader: string;
  };
  // Where the measure is opened (RECTIFY_PUBLIC_URL + /measures/:id).
  readonly link: string;
  // When the event happened (a ladder step: when it fell due).
  readonly occurredAt: string;
}

// A channel's verdict on a failed send: `permanent` ends the retries at once (an address that
// does not exist, a 4xx answer); `transient` is retried with backoff.
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}
