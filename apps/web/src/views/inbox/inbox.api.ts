// The answers the inbox reads (apps/api/src/notifications/inbox.use-cases.ts, person-view.ts).
export interface InboxItem {
  readonly id: string;
  readonly read: boolean;
  readonly kind: string;
  readonly level: number;
  readonly subject: string;
  readonly occurredAt: string;
  readonly plan: { readonly id: string; readonly code: string; readonly title: string };
  readonly measure: {
    readonly id: string;
    readonly code: string;
    readonly title: string;
    readonly dueAt: string;
  };
}

export interface Inbox {
  readonly total: number;
  readonly unread: number;
  readonly items: readonly InboxItem[];
}

export interface NotificationSettings {
  readonly name: string;
  readonly language: 'zh-CN' | 'en';
  readonly timeZone: string;
  readonly quietHours: { readonly from: string; readonly to: string } | null;
  readonly dailyDigest: boolean;
  readonly escalationsAlwaysDelivered: boolean;
  readonly channels: readonly { readonly id: string; readonly kind: string; readonly address: string }[];
}
