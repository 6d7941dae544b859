import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import { DeliveryError } from '../notice';
import type { RenderedEmail } from './email-renderer';
import { isMailAddress } from './mail-address';

export interface MailSenderConfig {
  // smtp://user:pass@host:port (STARTTLS whenever the server offers it) or smtps:// (TLS from the
  // first byte, port 465 by default). User and password are percent-encoded, as in any URL.
  readonly url: string;
  readonly from: string;
  // An unreachable or mute server must fail a send within seconds, so the delivery retries
  // later instead of holding a worker slot until the activity times out.
  readonly connectionTimeoutMs?: number;
  readonly greetingTimeoutMs?: number;
  // Silence in the middle of a conversation (also ends an idle pooled connection).
  readonly socketTimeoutMs?: number;
}

const DEFAULT_CONNECTION_TIMEOUT_MS = 5_000;
const DEFAULT_GREETING_TIMEOUT_MS = 5_000;
const DEFAULT_SOCKET_TIMEOUT_MS = 30_000;

// Sends rendered mail over SMTP. Connections are pooled: a ladder step that falls due for a whole
// plan sends hundreds of mails at once, and relays throttle a client that connects for each.
export class MailSender {
  private readonly transport: Transporter<SMTPPool.SentMessageInfo, SMTPPool.Options>;

  constructor(private readonly config: MailSenderConfig) {
    this.transport = nodemailer.createTransport(poolOptions(config));
  }

  // The Message-ID is the delivery's own, so a receiver (or a person) can tell a repeat from a
  // second notice.
  async send(to: string, mail: RenderedEmail, messageId: string): Promise<void> {
    if (!isMailAddress(to)) throw new DeliveryError(`${JSON.stringify(to)} is not an e-mail address`, true);
    try {
      await this.transport.sendMail({
        from: this.config.from,
        to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: `<${messageId}@rectify>`,
      });
    } catch (e) {
      throw deliveryError(e);
    }
  }

  // Closes the pooled connections; a send already under way finishes first.
  close(): void {
    this.transport.close();
  }
}

function poolOptions(config: MailSenderConfig): SMTPPool.Options {
  const url = new URL(config.url);
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new Error(`mail server URL must start with smtp:// or smtps://, not ${url.protocol}//`);
  }
  return {
    pool: true,
    // nodemailer connects to a bare IPv6 address, not the URL's bracketed form.
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    // Left out, nodemailer picks 587 for smtp:// and 465 for smtps://.
    port: url.port ? Number(url.port) : undefined,
    secure: url.protocol === 'smtps:',
    auth: url.username
      ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
      : undefined,
    connectionTimeout: config.connectionTimeoutMs ?? DEFAULT_CONNECTION_TIMEOUT_MS,
    greetingTimeout: config.greetingTimeoutMs ?? DEFAULT_GREETING_TIMEOUT_MS,
    socketTimeout: config.socketTimeoutMs ?? DEFAULT_SOCKET_TIMEOUT_MS,
  };
}

// The server's reply code decides when there is one (5xx: this mail will never be taken; 4xx:
// try again later). Without one, nodemailer refusing the envelope or message itself is final,
// and anything else (refused connection, timeout, dropped socket, TLS) may pass.
function deliveryError(e: unknown): DeliveryError {
  const err = e as { message?: unknown; code?: unknown; responseCode?: unknown };
  const message = `SMTP: ${typeof err.message === 'string' ? err.message : String(e)}`;
  if (typeof err.responseCode === 'number') return new DeliveryError(message, err.responseCode >= 500);
  return new DeliveryError(message, err.code === 'EENVELOPE' || err.code === 'EMESSAGE');
}
