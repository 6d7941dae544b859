// `npm start`'s mail server: accepts every message on 127.0.0.1 and writes it, exactly as it
// arrived, to <dir>/<time>-<message-id>.eml, which any mail program opens. Nothing is relayed.
// Imported only once dependencies are installed: smtp-server is one of them.
import fs from 'node:fs';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';

// Resolves with the smtp:// URL it listens on, a port the system chose, so it never collides.
export async function startMailCatcher(dir) {
  fs.mkdirSync(dir, { recursive: true });
  const server = new SMTPServer({
    logger: false,
    authOptional: true,
    // Plain text on the loopback interface; offering STARTTLS would only show a certificate warning.
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks = [];
      stream.on('data', (chunk) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        const file = path.join(dir, `${fileTime()}-${messageIdOf(raw) ?? session.id}.eml`);
        fs.writeFile(file, raw, (err) => callback(err ?? undefined));
      });
    },
  });
  await new Promise((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return `smtp://127.0.0.1:${server.server.address().port}`;
}

// Sorts in the order mail arrived; a repeat of a message gets its own file beside the first.
function fileTime() {
  return new Date().toISOString().replace(/[:.]/g, '-');
}

// The Message-ID without its brackets, reduced to characters every file system takes.
function messageIdOf(raw) {
  const headers = raw.toString('utf8').split(/\r?\n\r?\n/, 1)[0];
  const id = /^message-id:[ \t]*<?([^>\r\n]+)>?/im.exec(headers)?.[1].trim();
  return id ? id.replace(/[^\w.@-]/g, '_') : null;
}
