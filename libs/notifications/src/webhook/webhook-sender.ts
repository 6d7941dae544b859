// Sends one notice to one webhook endpoint and turns the outcome into the delivery verdict the
// delivery activity retries on: an answer that will not change on retry (a refused URL, a 4xx, a
// redirect) is permanent; a busy or unreachable receiver is transient.
import { DeliveryError, type Notice } from '../notice';
import { webhookPayload, type WebhookFlavor } from './webhook-payload';
import { WEBHOOK_HEADERS, signWebhook } from './webhook-signature';
import { allowListProblems, checkWebhookUrl, resolveAndCheck } from './webhook-url-policy';

export interface WebhookEndpoint {
  readonly url: string;
  readonly secret: string;
  readonly flavor?: WebhookFlavor;
}

export interface WebhookSenderOptions {
  // Hostnames, `*.suffix` entries and IP CIDRs the server may call (see webhook-url-policy).
  readonly allow: readonly string[];
  // From sending the request to the answer's status line; the address check before it waits on
  // the system resolver's own timeouts.
  readonly timeoutMs: number;
  // Epoch milliseconds for the signed timestamp; tests move it to produce stale calls.
  readonly now?: () => number;
}

// Receivers that are overloaded or briefly down say so with these; any other 4xx is about the
// request itself and would be refused again.
const RETRYABLE = new Set([408, 429]);

export class WebhookSender {
  private readonly now: () => number;

  constructor(private readonly options: WebhookSenderOptions) {
    // A bad entry would refuse every webhook at send time, each ending dead; better to stop the
    // worker at start.
    const problems = allowListProblems(options.allow);
    if (problems.length) throw new Error(`webhook allow-list: ${problems.join('; ')}`);
    this.now = options.now ?? Date.now;
  }

  async send(endpoint: WebhookEndpoint, notice: Notice): Promise<{ status: number }> {
    const checked = checkWebhookUrl(endpoint.url, this.options.allow);
    if (!checked.ok) throw new DeliveryError(`webhook URL refused: ${checked.reason}`, true);
    const url = checked.url;
    // Messages are stored with the delivery; robot URLs carry their access token in the query.
    const target = `${url.origin}${url.pathname}`;
    let resolved: Awaited<ReturnType<typeof resolveAndCheck>>;
    try {
      resolved = await resolveAndCheck(url, this.options.allow);
    } catch (e) {
      throw new DeliveryError(
        `webhook ${target}: cannot resolve ${url.hostname}: ${(e as Error).message}`,
        false,
      );
    }
    if (!resolved.ok) throw new DeliveryError(`webhook URL refused: ${resolved.reason}`, true);

    const body = JSON.stringify(webhookPayload(notice, endpoint.flavor));
    const timestamp = Math.floor(this.now() / 1000);
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [WEBHOOK_HEADERS.timestamp]: String(timestamp),
          [WEBHOOK_HEADERS.signature]: signWebhook(endpoint.secret, timestamp, body),
          [WEBHOOK_HEADERS.delivery]: notice.deliveryId,
        },
        body,
        // Following a redirect would reach a host the allow-list never saw.
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (e) {
      const error = e as Error & { cause?: Error };
      const why =
        error.name === 'TimeoutError'
          ? `no answer within ${this.options.timeoutMs} ms`
          : (error.cause ?? error).message;
      throw new DeliveryError(`webhook ${target}: ${why}`, false);
    }
    // The answer's body is not used; cancelling it frees the connection now.
    await response.body?.cancel();
    const { status } = response;
    if (status >= 200 && status < 300) return { status };
    const redirect = status >= 300 && status < 400 ? ' (a redirect, not followed)' : '';
    const transient = status >= 500 || RETRYABLE.has(status);
    throw new DeliveryError(`webhook ${target} answered ${status}${redirect}`, !transient);
  }
}
