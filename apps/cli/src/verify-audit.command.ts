import type { DataSource } from 'typeorm';
import { AuditLogRepository } from '../../../libs/persistence/src/repositories/audit-log.repository';

// The same walk as GET /audit/verify, without the API: exit 0 when the chain is intact.
export async function verifyAuditCommand(ds: DataSource): Promise<number> {
  const verdict = await new AuditLogRepository(ds).verify();
  if (verdict.ok) {
    console.log(`audit log intact: ${verdict.rows} rows, head hash ${verdict.headHash}`);
    return 0;
  }
  console.error(
    `audit log broken at row ${verdict.seq}: ${verdict.reason} (${verdict.rows} rows before it are intact)`,
  );
  return 1;
}
