import createClient from 'openapi-fetch';
import { API_BASE, ApiRefusal } from '../../api/client';
import type { paths } from '../../api/schema';

// The public pages call the API as the public does, without the signed-in user's token (if any):
// they show what anyone may read, the published edition of a bulletin and no other.
export const publicApi = createClient<paths>({ baseUrl: API_BASE });

export interface PublishedPlan {
  readonly id: string;
  readonly code: string;
  readonly title: string;
  readonly publishedAsOf: string;
  readonly publishedAt: string;
}

export interface PublishedPlans {
  readonly items: readonly PublishedPlan[];
  readonly total: number;
}

export interface FeedbackReceipt {
  readonly trackingCode: string;
  readonly status: FeedbackStatus;
  readonly receivedAt: string;
}

export type FeedbackStatus = 'received' | 'forwarded' | 'dismissed';

export interface FeedbackTracking {
  readonly status: FeedbackStatus;
  readonly receivedAt: string;
  readonly triagedAt: string | null;
  readonly forwardedTo: { readonly measureCode: string; readonly title: string } | null;
  readonly dismissReason: string | null;
}

// The public HTML edition of a published plan's bulletin, as the API renders it (escaped there).
export async function publicBulletinHtml(planId: string): Promise<string> {
  const res = await fetch(
    `${API_BASE}/plans/${encodeURIComponent(planId)}/bulletin?edition=public&format=html`,
  );
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { code?: string; message?: string };
    throw new ApiRefusal(res.status, {
      code: body.code ?? `HTTP_${res.status}`,
      message: body.message ?? res.statusText,
    });
  }
  return res.text();
}
