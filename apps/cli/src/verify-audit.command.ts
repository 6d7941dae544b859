import type { DataSource } from 'typeorm';
import type { RectifyConfig } from '../../../libs/config/src/rectify-config';
import { loadAuditKeyring } from '../../../libs/persistence/src/audit-keyring';
import { verifyAuditLog } from '../../../libs/persistence/src/audit-verification';
import { AuditLogRepository } from '../../../libs/persistence/src/repositories/audit-log.repository';

// The same check as GET /audit/verify, without the API: exit 0 when the chain is intact and
// reaches the last anchor. It never creates a key: a missing key file is an error here.
export async function verifyAuditCommand(ds: DataSource, config: RectifyConfig): Promise<number> {
  const { keyring } = loadAuditKeyring(config.audit.keyFile, false);
  const verdict = await verifyAuditLog(new AuditLogRepository(ds, keyring), keyring, config.audit.anchorFile);
  const anchor = verdict.lastAnchor
    ? `last anchor: seq ${verdict.lastAnchor.seq} at ${verdict.lastAnchor.at}`
    : `no anchor yet in ${config.audit.anchorFile}`;
  if (verdict.ok) {
    console.log(`audit log intact: ${verdict.rows} rows, head hash ${verdict.headHash}; ${anchor}`);
    return 0;
  }
  for (const p of verdict.problems) {
    console.error(
      p.seq === null ? `audit anchors: ${p.reason}` : `audit log broken at row ${p.seq}: ${p.reason}`,
    );
  }
  console.error(`${verdict.rows} rows from the first are intact; ${anchor}`);
  return 1;
}
