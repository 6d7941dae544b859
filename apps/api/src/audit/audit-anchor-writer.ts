import type { AuditConfig } from '../../../../libs/config/src/rectify-config';
import {
  anchorSignatureProblem,
  AuditAnchor,
  appendAnchor,
  lastAnchorInFile,
  signAnchor,
} from '../../../../libs/persistence/src/audit-anchor';
import type { AuditKeyring } from '../../../../libs/persistence/src/audit-keyring';
import type { AuditLogRepository } from '../../../../libs/persistence/src/repositories/audit-log.repository';
import { signWebhook, WEBHOOK_HEADERS } from '../../../../libs/notifications/src/webhook/webhook-signature';

export interface AnchorOutcome {
  // null: the head has not moved since the last anchor (or there are no rows), nothing written.
  readonly anchor: AuditAnchor | null;
  // Why the webhook did not take the anchor; null when it did or none is configured.
  readonly webhookError: string | null;
}

// Writes a signed checkpoint of the chain's head to the anchor file, and to the anchor webhook
// when one is configured, whenever the head moved since the last line of the file. Used on a
// schedule by the API and once by `rectify anchor-audit`.
export class AuditAnchorWriter {
  constructor(
    private readonly log: AuditLogRepository,
    private readonly keyring: AuditKeyring,
    private readonly config: AuditConfig,
    private readonly webhookTimeoutMs: number,
  ) {}

  // Throws, writing nothing, when the chain no longer reaches the last anchor: signing the head of
  // a cut or rewritten chain would hide what the anchors are there to show.
  async anchorNow(now = new Date()): Promise<AnchorOutcome> {
    const head = await this.log.head();
    // Read again each time: another replica or the CLI may have anchored this head already.
    const last = lastAnchorInFile(this.config.anchorFile);
    if (last) {
      const untrusted = anchorSignatureProblem(this.keyring, last);
      if (untrusted)
        throw new Error(`the last line of ${this.config.anchorFile} cannot be trusted: ${untrusted}`);
      const then = await this.log.hashAt(last.seq);
      if (then !== last.headHash) {
        throw new Error(
          `the last anchor (at ${last.at}) says row ${last.seq} has hash ${last.headHash}, but the log ` +
            (then === null ? `ends at seq ${head?.seq ?? 0}` : `has ${then} there`) +
            ': not anchoring; run rectify verify-audit',
        );
      }
    }
    if (!head || (last && last.seq === head.seq)) return { anchor: null, webhookError: null };
    const anchor = signAnchor(this.keyring, head, now);
    appendAnchor(this.config.anchorFile, anchor);
    return { anchor, webhookError: await this.post(anchor) };
  }

  private async post(anchor: AuditAnchor): Promise<string | null> {
    const hook = this.config.anchorWebhook;
    if (!hook) return null;
    // The anchor as the file holds it, signed for transport as notification webhooks are.
    const body = JSON.stringify(anchor);
    const timestamp = Math.floor(Date.now() / 1000);
    try {
      const res = await fetch(hook.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [WEBHOOK_HEADERS.timestamp]: String(timestamp),
          [WEBHOOK_HEADERS.signature]: signWebhook(hook.secret, timestamp, body),
          [WEBHOOK_HEADERS.delivery]: `audit-anchor-${anchor.seq}`,
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.webhookTimeoutMs),
      });
      await res.body?.cancel();
      return res.ok ? null : `the anchor webhook answered ${res.status}`;
    } catch (e) {
      const error = e as Error & { cause?: Error };
      return `the anchor webhook cannot be reached: ${(error.cause ?? error).message}`;
    }
  }
}
