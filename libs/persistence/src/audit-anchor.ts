// Anchors: signed checkpoints of the chain's head, one JSON line each in a file outside the
// database. A chain cut short, or rewritten whole with hashes recomputed, no longer reaches the
// head the last anchor names.
import { timingSafeEqual } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AuditKeyring, hmacHex } from './audit-keyring';
import { canonicalJson } from './stable-id';

export interface AuditAnchor {
  readonly seq: number;
  readonly headHash: string;
  // ISO-8601 UTC, when the anchor was written.
  readonly at: string;
  readonly keyId: string;
  readonly signature: string;
}

// A prefix of its own, so that no row hash can pass for an anchor signature or the reverse.
function signedText(a: Omit<AuditAnchor, 'signature'>): string {
  return `rectify-audit-anchor.v1:${canonicalJson({ seq: a.seq, headHash: a.headHash, at: a.at, keyId: a.keyId })}`;
}

export function signAnchor(
  keyring: AuditKeyring,
  head: { readonly seq: number; readonly hash: string },
  at: Date,
): AuditAnchor {
  const unsigned = { seq: head.seq, headHash: head.hash, at: at.toISOString(), keyId: keyring.current.id };
  return { ...unsigned, signature: hmacHex(keyring.current, signedText(unsigned)) };
}

// Why this anchor's signature cannot be trusted, or null when it is good.
export function anchorSignatureProblem(keyring: AuditKeyring, a: AuditAnchor): string | null {
  const key = keyring.get(a.keyId);
  if (!key) return `it is signed with key ${a.keyId}, which the audit key file does not hold`;
  const expected = Buffer.from(hmacHex(key, signedText(a)), 'hex');
  const given = /^[0-9a-f]{64}$/.test(a.signature) ? Buffer.from(a.signature, 'hex') : null;
  if (!given || !timingSafeEqual(expected, given)) return 'its signature does not match (forged or altered)';
  return null;
}

export function appendAnchor(file: string, anchor: AuditAnchor): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // One write of one short line in append mode: concurrent writers never interleave within it.
  fs.appendFileSync(file, `${JSON.stringify(anchor)}\n`, { mode: 0o600 });
}

export type AnchorLine =
  | { readonly line: number; readonly anchor: AuditAnchor }
  | { readonly line: number; readonly unreadable: string };

// Every line of the anchor file; a missing file has none.
export function readAnchorFile(file: string): AnchorLine[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  return text
    .split('\n')
    .map((t, i) => ({ t, line: i + 1 }))
    .filter(({ t }) => t.trim())
    .map(({ t, line }) => {
      const anchor = parseAnchor(t);
      return anchor
        ? { line, anchor }
        : { line, unreadable: 'not an anchor: {seq, headHash, at, keyId, signature}' };
    });
}

// The last line only, read from the end: what a new anchor is compared against.
export function lastAnchorInFile(file: string): AuditAnchor | null {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  try {
    const size = fs.fstatSync(fd).size;
    const length = Math.min(size, 4096);
    const tail = Buffer.alloc(length);
    fs.readSync(fd, tail, 0, length, size - length);
    const lines = tail
      .toString('utf8')
      .split('\n')
      .filter((l) => l.trim());
    return lines.length ? parseAnchor(lines[lines.length - 1]) : null;
  } finally {
    fs.closeSync(fd);
  }
}

function parseAnchor(text: string): AuditAnchor | null {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  const a = v as Partial<AuditAnchor> | null;
  if (
    !a ||
    typeof a !== 'object' ||
    !Number.isInteger(a.seq) ||
    typeof a.headHash !== 'string' ||
    typeof a.at !== 'string' ||
    typeof a.keyId !== 'string' ||
    typeof a.signature !== 'string'
  ) {
    return null;
  }
  return { seq: a.seq!, headHash: a.headHash, at: a.at, keyId: a.keyId, signature: a.signature };
}
