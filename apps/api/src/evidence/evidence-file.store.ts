import { createHash, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import { ReadAt } from './evidence-type';

export interface ReceivedFile {
  readonly tempPath: string;
  readonly sha256: string;
  readonly size: number;
}

// Evidence files on disk, named by their sha-256 under RECTIFY_EVIDENCE_DIR (never under a
// directory the API serves). Uploads stream into `incoming/`, hashed and counted as they arrive,
// and move into place only once accepted.
export class EvidenceFileStore {
  constructor(private readonly dir: string) {}

  async receive(body: Readable, maxBytes: number): Promise<ReceivedFile> {
    const incoming = path.join(this.dir, 'incoming');
    await fs.promises.mkdir(incoming, { recursive: true, mode: 0o750 });
    const tempPath = path.join(incoming, randomUUID());
    const out = fs.createWriteStream(tempPath, { mode: 0o640 });
    const hash = createHash('sha256');
    let size = 0;
    try {
      for await (const chunk of body) {
        const b = chunk as Buffer;
        size += b.length;
        if (size > maxBytes)
          throw new DomainError('PAYLOAD_TOO_LARGE', `evidence files are limited to ${maxBytes} bytes`);
        hash.update(b);
        if (!out.write(b)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      }
      await new Promise<void>((resolve, reject) =>
        out.end((e?: Error | null) => (e ? reject(e) : resolve())),
      );
    } catch (e) {
      out.destroy();
      await this.discard(tempPath);
      throw e;
    }
    return { tempPath, sha256: hash.digest('hex'), size };
  }

  // Synchronous random access for the type check, on a file that is at most the upload limit.
  withReader<T>(file: string, use: (read: ReadAt) => T): T {
    const fd = fs.openSync(file, 'r');
    try {
      return use((offset, length) => {
        const b = Buffer.alloc(length);
        const n = fs.readSync(fd, b, 0, length, offset);
        return b.subarray(0, n);
      });
    } finally {
      fs.closeSync(fd);
    }
  }

  // Identical content is kept once.
  async keep(file: ReceivedFile): Promise<void> {
    const target = this.pathOf(file.sha256);
    await fs.promises.mkdir(path.dirname(target), { recursive: true, mode: 0o750 });
    if (fs.existsSync(target)) await this.discard(file.tempPath);
    else await fs.promises.rename(file.tempPath, target);
  }

  async discard(tempPath: string): Promise<void> {
    await fs.promises.rm(tempPath, { force: true });
  }

  open(sha256: string): fs.ReadStream {
    return fs.createReadStream(this.pathOf(sha256));
  }

  private pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a sha-256: ${sha256}`);
    return path.join(this.dir, sha256.slice(0, 2), sha256);
  }
}
