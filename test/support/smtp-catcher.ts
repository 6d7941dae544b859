import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerError } from 'smtp-server';

export interface CaughtMail {
  readonly envelope: { readonly from: string; readonly to: readonly string[] };
  // The credentials the client logged in with, if it did.
  readonly auth: { readonly username: string; readonly password: string } | null;
  readonly messageId: string | undefined;
  readonly subject: string | undefined;
  readonly text: string | undefined;
  readonly html: string | false | undefined;
  readonly headers: ReadonlyMap<string, unknown>;
}

// A real SMTP server on 127.0.0.1 for tests: it keeps what it is sent, parsed, and answers as a
// test tells it to. Plain text only (no STARTTLS offered), and any login is accepted.
export class SmtpCatcher {
  readonly messages: CaughtMail[] = [];
  // Every connection that reached the server, delivered or not.
  connections = 0;
  // Connections the client cut in the middle of a transaction (after MAIL FROM): what a worker
  // process killed while it sends leaves behind.
  readonly cutOff: Error[] = [];
  private readonly refused = new Map<string, number>();
  private deferrals = 0;
  private readonly logins = new WeakMap<object, { username: string; password: string }>();
  private readonly server = new SMTPServer({
    logger: false,
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    // A client that keeps a pooled connection open must not hold up the end of a test.
    closeTimeout: 1_000,
    onConnect: (_session, callback) => {
      this.connections++;
      callback();
    },
    onAuth: (auth, session, callback) => {
      this.logins.set(session, { username: auth.username ?? '', password: auth.password ?? '' });
      callback(null, { user: auth.username });
    },
    onRcptTo: (address, _session, callback) => callback(this.answerRecipient(address.address)),
    onData: (stream, session, callback) => {
      simpleParser(stream).then((mail) => {
        const { mailFrom, rcptTo } = session.envelope;
        this.messages.push({
          envelope: { from: mailFrom ? mailFrom.address : '', to: rcptTo.map((r) => r.address) },
          auth: this.logins.get(session) ?? null,
          messageId: mail.messageId,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          headers: mail.headers,
        });
        callback();
      }, callback);
    },
  });

  private constructor() {}

  static async start(): Promise<SmtpCatcher> {
    const catcher = new SmtpCatcher();
    await new Promise<void>((resolve, reject) => {
      catcher.server.server.once('error', reject);
      catcher.server.listen(0, '127.0.0.1', () => resolve());
    });
    // smtp-server keeps a reset or broken pipe outside a transaction to itself but emits one inside
    // it; without a listener that would be an uncaught exception failing whichever test runs.
    catcher.server.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'ECONNRESET' && err.code !== 'EPIPE') throw err;
      catcher.cutOff.push(err);
    });
    return catcher;
  }

  get port(): number {
    return (this.server.server.address() as AddressInfo).port;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  // RCPT TO this address is answered with `code` (a 5xx: the mailbox does not exist).
  refuse(address: string, code = 550): void {
    this.refused.set(address.toLowerCase(), code);
  }

  // The next `times` recipients are answered 451: try again later.
  deferNext(times = 1): void {
    this.deferrals = times;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private answerRecipient(address: string): SMTPServerError | undefined {
    const code = this.refused.get(address.toLowerCase());
    if (code) return Object.assign(new Error(`mailbox ${address} refused`), { responseCode: code });
    if (this.deferrals > 0) {
      this.deferrals--;
      return Object.assign(new Error('try again later'), { responseCode: 451 });
    }
    return undefined;
  }
}
