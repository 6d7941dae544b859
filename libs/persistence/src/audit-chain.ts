// The audit log's hash chain: each row's hash covers the hash before it and the row's own
// canonical content, so changing, removing or inserting a row breaks every link after it.
import { canonicalJson, sha256 } from './stable-id';

export const GENESIS_HASH = '0'.repeat(64);

// A row as it is hashed: every stored column except the hashes, instants as ISO-8601 UTC.
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
  readonly status: number;
  readonly before: string | null;
  readonly after: string | null;
}

export function auditHash(prevHash: string, record: AuditRecord): string {
  return sha256(prevHash + canonicalJson(record));
}

export interface ChainBreak {
  readonly seq: number;
  readonly reason: string;
}

// Walks rows in `seq` order, one at a time, so a long chain is checked page by page.
export class AuditChainWalker {
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;

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
    if (auditHash(prevHash, record) !== hash) {
      return { seq: record.seq, reason: 'the row content does not match its hash (the row was changed)' };
    }
    this.expectedSeq++;
    this.prevHash = hash;
    return null;
  }
}
