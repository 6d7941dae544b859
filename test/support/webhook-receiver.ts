// A webhook receiver as a customer would run one: a real HTTP server on 127.0.0.1 that checks
// each call's signature and timestamp with the same `verifyWebhook` receivers are told to use,
// refuses bad or stale calls with 401, and records the ones it accepts. Tests can make it fail
// the next calls with a status, or hold them without answering, to exercise the sender's verdicts.
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhook, WEBHOOK_HEADERS } from '../../libs/notifications/src/webhook/webhook-signature';

export interface ReceivedCall {
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
}

type Plan = { readonly answer: 'status'; readonly status: number } | { readonly answer: 'hang' };

// A held call is dropped after this long at the latest, so a test that forgets it cannot keep
// the server (and Jest) alive; stop() drops it sooner.
const HOLD_LIMIT_MS = 30_000;

export class WebhookReceiver {
  // Every call that arrived, accepted or not: "the receiver saw nothing" is `received === 0`.
  received = 0;
  readonly calls: ReceivedCall[] = [];
  // Why each refused call was refused, as verifyWebhook said it.
  readonly refusals: string[] = [];
  private readonly plans: Plan[] = [];
  private readonly held = new Set<NodeJS.Timeout>();

  private constructor(
    private readonly server: Server,
    private readonly secret: string,
    readonly url: string,
  ) {}

  static async start(secret: string): Promise<WebhookReceiver> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const receiver = new WebhookReceiver(server, secret, `http://127.0.0.1:${port}/hooks/rectify`);
    server.on('request', (req, res) => void receiver.handle(req, res));
    return receiver;
  }

  // The next `count` verified calls get `status` (with a Location for 3xx) instead of 204.
  failNext(count: number, status = 500): void {
    for (let i = 0; i < count; i++) this.plans.push({ answer: 'status', status });
  }

  // The next `count` verified calls are never answered.
  hangNext(count: number): void {
    for (let i = 0; i < count; i++) this.plans.push({ answer: 'hang' });
  }

  async stop(): Promise<void> {
    for (const timer of this.held) clearTimeout(timer);
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((e) => (e ? reject(e) : resolve())));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.received++;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    // Verified over the bytes as received: parsing first would lose what was signed.
    const body = Buffer.concat(chunks).toString('utf8');
    const header = (name: string): string | undefined => {
      const value = req.headers[name.toLowerCase()];
      return typeof value === 'string' ? value : undefined;
    };
    const verdict = verifyWebhook({
      secret: this.secret,
      timestampHeader: header(WEBHOOK_HEADERS.timestamp),
      signatureHeader: header(WEBHOOK_HEADERS.signature),
      body,
      nowSeconds: Math.floor(Date.now() / 1000),
    });
    if (!verdict.ok) {
      this.refusals.push(verdict.reason);
      res.writeHead(401, { 'content-type': 'text/plain' }).end(verdict.reason);
      return;
    }
    const plan = this.plans.shift();
    if (plan?.answer === 'hang') {
      const timer = setTimeout(() => {
        this.held.delete(timer);
        res.destroy();
      }, HOLD_LIMIT_MS);
      this.held.add(timer);
      return;
    }
    if (plan) {
      // A redirect points back here, so a sender that followed it would show as a second call.
      const location = plan.status >= 300 && plan.status < 400 ? { location: this.url } : {};
      res.writeHead(plan.status, location).end();
      return;
    }
    this.calls.push({ headers: req.headers, body: JSON.parse(body) });
    res.writeHead(204).end();
  }
}
