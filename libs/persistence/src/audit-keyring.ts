// The audit chain's keys, kept in a file outside the database: whoever can rewrite the database
// but cannot read this file cannot compute a row's hash or an anchor's signature.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface AuditKey {
  // Derived from the secret, so a key file needs no names and a row says which key hashed it.
  readonly id: string;
  readonly secret: string;
}

const MIN_KEY_CHARS = 32;

export class AuditKeyring {
  private readonly byId: ReadonlyMap<string, AuditKey>;

  // `keys[0]` hashes new rows and signs anchors; the others only verify (rotated-out keys).
  constructor(keys: readonly AuditKey[]) {
    if (!keys.length) throw new Error('an audit keyring needs at least one key');
    this.byId = new Map(keys.map((k) => [k.id, k]));
    this.current = keys[0];
  }

  readonly current: AuditKey;

  get(id: string): AuditKey | undefined {
    return this.byId.get(id);
  }

  static fromSecrets(secrets: readonly string[]): AuditKeyring {
    return new AuditKeyring(secrets.map((secret) => ({ id: auditKeyId(secret), secret })));
  }
}

export function auditKeyId(secret: string): string {
  return createHash('sha256').update(`rectify-audit-key-id:${secret}`).digest('hex').slice(0, 16);
}

export function hmacHex(key: AuditKey, text: string): string {
  return createHmac('sha256', key.secret).update(text).digest('hex');
}

// One key a line (blank lines and `#` comments ignored); the first line signs.
export function parseAuditKeyFile(text: string, file: string): AuditKeyring {
  const secrets = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  if (!secrets.length) throw new Error(`audit key file ${file} holds no key`);
  const short = secrets.findIndex((s) => s.length < MIN_KEY_CHARS);
  if (short >= 0) {
    throw new Error(
      `audit key file ${file}: key ${short + 1} is shorter than ${MIN_KEY_CHARS} characters (e.g. openssl rand -hex 32)`,
    );
  }
  return AuditKeyring.fromSecrets(secrets);
}

// Reads the key file; when it is missing and may be created (the default path), writes a new
// random key to it, readable by its owner only, once: `created` says so, for the log.
export function loadAuditKeyring(
  file: string,
  createIfMissing: boolean,
): { keyring: AuditKeyring; created: boolean } {
  if (createIfMissing && !fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Written aside, then linked into place: of two processes starting at once, one key wins
    // whole, and the other reads it, never a half-written file.
    const aside = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    fs.writeFileSync(aside, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    try {
      fs.linkSync(aside, file);
      return { keyring: parseAuditKeyFile(fs.readFileSync(file, 'utf8'), file), created: true };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    } finally {
      fs.rmSync(aside, { force: true });
    }
  }
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(
      `cannot read the audit key file ${file} (RECTIFY_AUDIT_KEY_FILE): ${(e as Error).message}`,
    );
  }
  return { keyring: parseAuditKeyFile(text, file), created: false };
}
