import { DataSource, DataSourceOptions, EntityManager, MoreThan } from 'typeorm';
import type { AuditAnchor } from '../audit-anchor';
import { AuditChainWalker, auditHash, AuditRecord, ChainBreak, GENESIS_HASH } from '../audit-chain';
import { AuditKeyring } from '../audit-keyring';
import { AuditLogEntity } from '../entities/audit-log.entity';
import { isUniqueViolation, queued, serializedWrite } from '../serialized-write';

export type NewAuditEntry = Omit<AuditRecord, 'seq' | 'occurredAt' | 'keyId'> & { readonly occurredAt: Date };

// How far the rows match what they say and what the anchors say: `rows` from the first are
// intact, ending at `headHash`; `broken` is the first row where that stops, if any.
export interface ChainWalk {
  readonly rows: number;
  readonly headHash: string;
  readonly broken: ChainBreak | null;
}

const PAGE = 500;
// Belt and braces: the key on `seq` refuses a second claimant of the same position, which then
// reads the new head and tries again.
const ATTEMPTS = 5;

// SQLite: appends go through a connection of their own. On the shared one, an INSERT would land
// inside whatever transaction another request has open there, and vanish if that rolls back.
const sqliteWriters = new WeakMap<DataSource, Promise<DataSource>>();

function sqliteWriter(ds: DataSource): Promise<DataSource> {
  let writer = sqliteWriters.get(ds);
  if (!writer) {
    const options = { ...ds.options, entities: [AuditLogEntity], migrations: [] } as DataSourceOptions;
    writer = new DataSource(options).initialize();
    sqliteWriters.set(ds, writer);
  }
  return writer;
}

// Closes the audit writer of this data source, if one was opened (at shutdown).
export async function releaseAuditWriter(ds: DataSource): Promise<void> {
  const writer = sqliteWriters.get(ds);
  sqliteWriters.delete(ds);
  const w = await writer?.catch(() => null);
  if (w?.isInitialized) await w.destroy();
}

// Appends and reads only: the application never updates or deletes an audit row.
export class AuditLogRepository {
  constructor(
    private readonly ds: DataSource,
    private readonly keyring: AuditKeyring,
  ) {}

  // Serialized: on PostgreSQL under pg_advisory_xact_lock, on SQLite in a BEGIN IMMEDIATE
  // transaction that holds the database's write lock from reading the head to inserting after it.
  async append(entry: NewAuditEntry): Promise<AuditLogEntity> {
    for (let attempt = 1; ; attempt++) {
      try {
        if (this.ds.options.type === 'postgres') {
          return await serializedWrite(this.ds, 'audit-log', (em) =>
            appendAfterHead(em, entry, this.keyring),
          );
        }
        return await queued(this.ds, 'audit-log', () => this.appendOnSqlite(entry));
      } catch (e) {
        if (!isUniqueViolation(e) || attempt >= ATTEMPTS) throw e;
      }
    }
  }

  private async appendOnSqlite(entry: NewAuditEntry): Promise<AuditLogEntity> {
    const qr = (await sqliteWriter(this.ds)).createQueryRunner();
    await qr.query('BEGIN IMMEDIATE');
    try {
      const row = await appendAfterHead(qr.manager, entry, this.keyring);
      await qr.query('COMMIT');
      return row;
    } catch (e) {
      await qr.query('ROLLBACK').catch(() => undefined);
      throw e;
    }
  }

  // Newest first.
  async list(limit: number, beforeSeq?: number): Promise<AuditLogEntity[]> {
    const qb = this.ds.getRepository(AuditLogEntity).createQueryBuilder('a');
    if (beforeSeq !== undefined) qb.where('a.seq < :beforeSeq', { beforeSeq });
    return qb.orderBy('a.seq', 'DESC').take(limit).getMany();
  }

  // The last row: what an anchor records.
  async head(): Promise<{ seq: number; hash: string } | null> {
    const [row] = await this.ds.getRepository(AuditLogEntity).find({ order: { seq: 'DESC' }, take: 1 });
    return row ? { seq: row.seq, hash: row.hash } : null;
  }

  async hashAt(seq: number): Promise<string | null> {
    const row = await this.ds.getRepository(AuditLogEntity).findOneBy({ seq });
    return row?.hash ?? null;
  }

  // Walks the whole chain page by page and stops at the first broken link, or at the first row
  // whose hash is not the one an anchor recorded for it.
  async verify(anchors: readonly AuditAnchor[] = []): Promise<ChainWalk> {
    const anchored = new Map(anchors.map((a) => [a.seq, a]));
    const walker = new AuditChainWalker(this.keyring);
    let after = 0;
    for (;;) {
      const rows = await this.ds
        .getRepository(AuditLogEntity)
        .find({ where: { seq: MoreThan(after) }, order: { seq: 'ASC' }, take: PAGE });
      for (const row of rows) {
        const broken = walker.check(recordOf(row), row.prevHash, row.hash);
        if (broken) return { rows: walker.checked, headHash: walker.headHash, broken };
        const mismatch = anchorMismatch(row, anchored);
        // The row itself links well, so the rows before it are intact up to its prev_hash.
        if (mismatch) return { rows: row.seq - 1, headHash: row.prevHash, broken: mismatch };
      }
      if (rows.length < PAGE) return { rows: walker.checked, headHash: walker.headHash, broken: null };
      after = rows[rows.length - 1].seq;
    }
  }
}

function anchorMismatch(row: AuditLogEntity, anchored: ReadonlyMap<number, AuditAnchor>): ChainBreak | null {
  const a = anchored.get(row.seq);
  if (!a || a.headHash === row.hash) return null;
  return {
    seq: row.seq,
    reason:
      `the anchor of ${a.at} says row ${a.seq} has hash ${a.headHash}, but it has ${row.hash}: ` +
      `rows up to ${a.seq} were rewritten, or cut and written anew`,
  };
}

async function appendAfterHead(
  em: EntityManager,
  entry: NewAuditEntry,
  keyring: AuditKeyring,
): Promise<AuditLogEntity> {
  const [head] = await em.find(AuditLogEntity, { order: { seq: 'DESC' }, take: 1 });
  const seq = (head?.seq ?? 0) + 1;
  const prevHash = head?.hash ?? GENESIS_HASH;
  const occurredAt = new Date(entry.occurredAt.getTime());
  const key = keyring.current;
  const record: AuditRecord = { ...entry, seq, occurredAt: occurredAt.toISOString(), keyId: key.id };
  const row = Object.assign(new AuditLogEntity(), {
    ...record,
    intentSeq: entry.intentSeq ?? null,
    occurredAt,
    prevHash,
    hash: auditHash(prevHash, record, key),
  });
  await em.insert(AuditLogEntity, row);
  return row;
}

export function recordOf(row: AuditLogEntity): AuditRecord {
  return {
    seq: row.seq,
    occurredAt: row.occurredAt.toISOString(),
    principalKind: row.principalKind,
    principalId: row.principalId,
    role: row.role,
    action: row.action,
    method: row.method,
    path: row.path,
    targetIds: row.targetIds,
    ip: row.ip,
    userAgent: row.userAgent,
    status: row.status,
    before: row.before,
    after: row.after,
    ...(row.keyId === null ? {} : { keyId: row.keyId }),
    ...(row.intentSeq === null ? {} : { intentSeq: row.intentSeq }),
  };
}
