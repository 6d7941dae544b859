import { Inject, Injectable } from '@nestjs/common';
import { AuditLogRepository } from '../../../../libs/persistence/src/repositories/audit-log.repository';

export interface ListAuditLogQuery {
  readonly limit: number;
  readonly beforeSeq?: number;
}

// Newest first; page with `before` = the smallest seq of the previous page.
@Injectable()
export class ListAuditLogUseCase {
  constructor(@Inject(AuditLogRepository) private readonly log: AuditLogRepository) {}

  async execute(q: ListAuditLogQuery) {
    const rows = await this.log.list(q.limit, q.beforeSeq);
    return {
      items: rows.map((r) => ({
        seq: r.seq,
        occurredAt: r.occurredAt.toISOString(),
        principal: { kind: r.principalKind, id: r.principalId, role: r.role },
        action: r.action,
        method: r.method,
        path: r.path,
        targets: JSON.parse(r.targetIds) as Record<string, string>,
        ip: r.ip,
        userAgent: r.userAgent,
        // null: the intent row of a request that was let through; its outcome row names it.
        status: r.status,
        intentSeq: r.intentSeq,
        before: r.before === null ? null : (JSON.parse(r.before) as unknown),
        after: r.after === null ? null : (JSON.parse(r.after) as unknown),
        keyId: r.keyId,
        prevHash: r.prevHash,
        hash: r.hash,
      })),
    };
  }
}
