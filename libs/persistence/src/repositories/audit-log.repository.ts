import { DataSource, MoreThan } from 'typeorm';
import { AuditChainWalker, auditHash, AuditRecord, ChainBreak, GENESIS_HASH } from '../audit-chain';
import { AuditLogEntity } from '../entities/audit-log.entity';
import { isUniqueViolation, serializedWrite } from '../serialized-write';

export type NewAuditEntry = Omit<AuditRecord, 'seq' | 'occurredAt'> & { readonly occurredAt: Date };

export type ChainVerdict =
  | { readonly ok: true; readonly rows: number; readonly headHash: string }
  | ({ readonly ok: false; readonly rows: number } & ChainBreak);

const PAGE = 500;
// Another process (the CLI) may append between our read of the head and our insert; the key on
// `seq` refuses the second claimant, which reads the new head and tries again.
const ATTEMPTS = 5;

// Appends and reads only: the application never updates or deletes an audit row.
export class AuditLogRepository {
  constructor(private readonly ds: DataSource) {}

  append(entry: NewAuditEntry): Promise<AuditLogEntity> {
    return serializedWrite(this.ds, 'audit-log', async (em) => {
      for (let attempt = 1; ; attempt++) {
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
        try {
          await em.insert(AuditLogEntity, row);
          return row;
        } catch (e) {
          if (!isUniqueViolation(e) || attempt >= ATTEMPTS) throw e;
        }
      }
    });
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
