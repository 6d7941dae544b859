// 送达: one notification request delivered to every person it reaches, on each of their channels.
// Each delivery waits for its time (quiet hours, daily digest), is tried with backoff, and ends
// sent or dead — dead is on the office's list, which can send it again.
import { ActivityFailure, ApplicationFailure, proxyActivities, sleep } from '@temporalio/workflow';
import type { DeliveryActivities } from '../../activities/delivery.activities';
import type { DeliveryOutcome, DeliveryWorkflowInput } from './delivery.contract';

export async function deliveryWorkflow(input: DeliveryWorkflowInput): Promise<DeliveryOutcome> {
  const bookkeeping = proxyActivities<DeliveryActivities>({
    startToCloseTimeout: '1 minute',
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
  });
  const channels = proxyActivities<DeliveryActivities>({
    startToCloseTimeout: '2 minutes',
    retry: {
      maximumAttempts: input.attempts,
      initialInterval: input.backoffMs,
      backoffCoefficient: 2,
      maximumInterval: Math.max(input.backoffMs, 3_600_000),
    },
  });

  const due = input.deliveryIds
    ? input.deliveryIds.map((id) => ({ id, notBefore: null as string | null }))
    : (await bookkeeping.planDeliveries({ requestId: input.requestId as string })).filter(
        (d) => d.state === 'queued',
      );

  let sent = 0;
  let dead = 0;
  await Promise.all(
    due.map(async (d) => {
      const wait = d.notBefore ? Date.parse(d.notBefore) - Date.now() : 0;
      if (wait > 0) await sleep(wait);
      try {
        await channels.deliver({ deliveryId: d.id });
        sent++;
      } catch (err) {
        await bookkeeping.markDead({ deliveryId: d.id, error: reasonOf(err) });
        dead++;
      }
    }),
  );
  return { sent, dead };
}

function reasonOf(err: unknown): string {
  const cause = err instanceof ActivityFailure && err.cause ? err.cause : err;
  if (cause instanceof ApplicationFailure || cause instanceof Error) return cause.message;
  return String(cause);
}
