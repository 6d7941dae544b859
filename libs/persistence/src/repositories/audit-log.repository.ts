import { DataSource, DataSourceOptions, EntityManager, MoreThan } from 'typeorm';
import { AuditChainWalker, auditHash, AuditRecord, ChainBreak, GENESIS_HASH } from '../audit-chain';
import { AuditLogEntity } from '../entities/audit-log.entity';
import { isUniqueViolation, queued, serializedWrite } from '../serialized-write';

export type NewAuditEntry = Omit<AuditRecord, 'seq' | 'occurredAt'> & { readonly occurredAt: Date };

export type ChainVerdict =
  | { readonly ok: true; readonly rows: number; readonly headHash: string }
  | ({ readonly ok: false; readonly rows: number } & ChainBreak);

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
  constructor(private readonly ds: DataSource) {}

  // Serialized: on PostgreSQL under pg_advisory_xact_lock, on SQLite in a BEGIN IMMEDIATE
  // transaction that holds the database's write lock from reading the head to inserting after it.
  async append(entry: NewAuditEntry): Promise<AuditLogEntity> {
    for (let attempt = 1; ; attempt++) {
      try {
        if (this.ds.options.type === 'postgres') {
          return await serializedWrite(this.ds, 'audit-log', (em) => appendAfterHead(em, entry));
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
      const row = await appendAfterHead(qr.manager, entry);
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

  // Walks the whole chain page by page and stops at the first broken link.
  async verify(): Promise<ChainVerdict> {
    const walker = new AuditChainWalker();
    let after = 0;
    for (;;) {
      const rows = await this.ds
        .getRepository(AuditLogEntity)
        .find({ where: { seq: MoreThan(after) }, order: { seq: 'ASC' }, take: PAGE });
      for (const row of rows) {
        const broken = walker.check(recordOf(row), row.prevHash, row.hash);
        if (broken) return { ok: false, rows: walker.checked, ...broken };
      }
      if (rows.length < PAGE) return { ok: true, rows: walker.checked, headHash: walker.headHash };
      after = rows[rows.length - 1].seq;
    }
  }
}

async function appendAfterHead(em: EntityManager, entry: NewAuditEntry): Promise<AuditLogEntity> {
  const [head] = await em.find(AuditLogEntity, { order: { seq: 'DESC' }, take: 1 });
  const seq = (head?.seq ?? 0) + 1;
  const prevHash = head?.hash ?? GENESIS_HASH;
  const occurredAt = new Date(entry.occurredAt.getTime());
  const record: AuditRecord = { ...entry, seq, occurredAt: occurredAt.toISOString() };
  const row = Object.assign(new AuditLogEntity(), {
    ...record,
    occurredAt,
    prevHash,
    hash: auditHash(prevHash, record),
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
  };
}
