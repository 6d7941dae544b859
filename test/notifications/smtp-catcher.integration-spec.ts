import net from 'node:net';
import { eventually } from '../support/eventually';
import { SmtpCatcher } from '../support/smtp-catcher';

// The crash tests kill worker processes while they send; the test's SMTP server must take a client
// that vanishes mid-transaction as a fact to report, not fail whichever test is running.
describe('the tests’ SMTP server', () => {
  let catcher: SmtpCatcher;
  beforeEach(async () => {
    catcher = await SmtpCatcher.start();
  });
  afterEach(() => catcher.stop());

  // Speaks SMTP on a raw socket: each command waits for the server's whole reply (its last line is
  // the one with a space after the code) and every reply must be a success.
  async function session(commands: readonly string[]): Promise<net.Socket> {
    const socket = net.connect(catcher.port, '127.0.0.1');
    let received = '';
    let waiting = (): void => undefined;
    socket.on('data', (chunk) => {
      received += chunk.toString();
      waiting();
    });
    const replies = () => received.split('\r\n').filter((line) => /^\d{3} /.test(line));
    const reply = (count: number) =>
      new Promise<void>((resolve) => {
        waiting = () => (replies().length >= count ? resolve() : undefined);
        waiting();
      });
    await reply(1);
    for (const [i, command] of commands.entries()) {
      socket.write(`${command}\r\n`);
      await reply(i + 2);
    }
    expect(replies().filter((line) => !line.startsWith('2'))).toEqual([]);
    return socket;
  }

  it('records a connection reset after MAIL FROM and goes on serving', async () => {
    const socket = await session(['EHLO client.example', 'MAIL FROM:<rectify@gansu.example>']);
    socket.resetAndDestroy();
    await eventually(async () =>
      expect(catcher.cutOff.map((e) => (e as NodeJS.ErrnoException).code)).toEqual(['ECONNRESET']),
    );

    const next = await session(['EHLO client.example', 'QUIT']);
    next.destroy();
    expect(catcher.connections).toBe(2);
  });
});
