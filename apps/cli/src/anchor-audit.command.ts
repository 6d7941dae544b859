import type { DataSource } from 'typeorm';
import { AuditAnchorWriter } from '../../api/src/audit/audit-anchor-writer';
import type { RectifyConfig } from '../../../libs/config/src/rectify-config';
import { loadAuditKeyring } from '../../../libs/persistence/src/audit-keyring';
import { AuditLogRepository } from '../../../libs/persistence/src/repositories/audit-log.repository';

// Anchors the audit chain's head now (from cron, or before a backup), as the API does on its
// schedule: a line in the anchor file, and a call to the anchor webhook when one is configured.
export async function anchorAuditCommand(ds: DataSource, config: RectifyConfig): Promise<number> {
  const { keyring } = loadAuditKeyring(config.audit.keyFile, false);
  const writer = new AuditAnchorWriter(
    new AuditLogRepository(ds, keyring),
    keyring,
    config.audit,
    config.delivery.webhookTimeoutMs,
  );
  const { anchor, webhookError } = await writer.anchorNow();
  if (!anchor) {
    console.log(
      `audit head already anchored (or the log is empty): nothing written to ${config.audit.anchorFile}`,
    );
    return 0;
  }
  console.log(`anchored audit row ${anchor.seq} (hash ${anchor.headHash}) in ${config.audit.anchorFile}`);
  if (webhookError) {
    console.error(webhookError);
    return 1;
  }
  return 0;
}
