// The audit log's hash chain: each row's hash covers the hash before it and the row's own
// canonical content, so changing, removing or inserting a row breaks every link after it.
// Rows are keyed: the hash is an HMAC under a key outside the database, so whoever rewrites rows
// cannot recompute their hashes. Rows written before keys existed carry no key id and keep their
// plain sha256; an unkeyed row after a keyed one is a break (a downgrade).
import { AuditKey, AuditKeyring, hmacHex } from './audit-keyring';
import { canonicalJson, sha256 } from './stable-id';

export const GENESIS_HASH = '0'.repeat(64);

// A row as it is hashed: every stored column except the hashes, instants as ISO-8601 UTC.
// `keyId` and `intentSeq` are left out when empty, so that unkeyed rows hash as they always did.
export interface AuditRecord {
  readonly seq: number;
  readonly occurredAt: string;
  readonly principalKind: string;
  readonly principalId: string;
  readonly role: string;
  readonly action: string | null;
  readonly method: string;
  readonly path: string;
  readonly targetIds: string;
  readonly ip: string | null;
  readonly userAgent: string | null;
  // null: the request was let through and is under way (its outcome row names this row).
  readonly status: number | null;
  readonly before: string | null;
  readonly after: string | null;
  readonly keyId?: string;
  // On an outcome row: the seq of the row written before the handler ran.
  readonly intentSeq?: number;
}

// No key: the plain sha256 of rows written before the chain was keyed.
export function auditHash(prevHash: string, record: AuditRecord, key?: AuditKey): string {
  const text = prevHash + canonicalJson(record);
  return key ? hmacHex(key, text) : sha256(text);
}

export interface ChainBreak {
  readonly seq: number;
  readonly reason: string;
}

// Walks rows in `seq` order, one at a time, so a long chain is checked page by page.
export class AuditChainWalker {
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  private firstKeyedSeq: number | null = null;

  constructor(private readonly keyring: AuditKeyring) {}

  get checked(): number {
    return this.expectedSeq - 1;
  }

  get headHash(): string {
    return this.prevHash;
  }

  // The first reason this row breaks the chain, or null.
  check(record: AuditRecord, prevHash: string, hash: string): ChainBreak | null {
    if (record.seq !== this.expectedSeq) {
      return {
        seq: record.seq,
        reason:
          record.seq === this.expectedSeq + 1
            ? `row ${this.expectedSeq} is missing`
            : record.seq > this.expectedSeq
              ? `rows ${this.expectedSeq} to ${record.seq - 1} are missing`
              : `row ${record.seq} is out of order after row ${this.expectedSeq - 1}`,
      };
    }
    if (prevHash !== this.prevHash) {
      return {
        seq: record.seq,
        reason:
          record.seq === 1
            ? 'the first row does not start from the genesis hash'
            : `prev_hash does not match the hash of row ${record.seq - 1}`,
      };
    }
    let key: AuditKey | undefined;
    if (record.keyId === undefined) {
      if (this.firstKeyedSeq !== null) {
        return {
          seq: record.seq,
          reason: `the row is not keyed, but rows from ${this.firstKeyedSeq} on are (a downgrade: the row was rewritten)`,
        };
      }
    } else {
      key = this.keyring.get(record.keyId);
      if (!key) {
        return {
          seq: record.seq,
          reason: `the row is keyed with key ${record.keyId}, which the audit key file does not hold`,
        };
      }
      this.firstKeyedSeq ??= record.seq;
    }
    if (auditHash(prevHash, record, key) !== hash) {
      return { seq: record.seq, reason: 'the row content does not match its hash (the row was changed)' };
    }
    this.expectedSeq++;
    this.prevHash = hash;
    return null;
  }
}
