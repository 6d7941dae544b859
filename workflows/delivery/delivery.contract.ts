// The delivery workflow's contract: one run per notification request (or per office retry),
// shared by the worker and whoever starts it (the measure activities, the API).
import type { Notice } from '../../libs/notifications/src/notice';

export const DELIVERY_WORKFLOW_TYPE = 'deliveryWorkflow';

// One per request, so a request is delivered by one run however often it is dispatched.
export const deliveryWorkflowId = (requestId: string) => `delivery:${requestId}`;
// One per retry the office asks for.
export const redeliveryWorkflowId = (deliveryId: string, attempt: number) =>
  `redelivery:${deliveryId}:${attempt}`;

export interface DeliveryWorkflowInput {
  // Plan the request's deliveries, then deliver them; or deliver these (an office retry).
  readonly requestId?: string;
  readonly deliveryIds?: readonly string[];
  // Tries per delivery before it is dead, and the first wait between tries (doubling).
  readonly attempts: number;
  readonly backoffMs: number;
}

export interface DeliveryOutcome {
  readonly sent: number;
  readonly dead: number;
}

export interface PlannedDeliveryView {
  readonly id: string;
  readonly channel: 'inbox' | 'email' | 'webhook';
  readonly state: string;
  readonly notBefore: string;
}

export type { Notice };
