import type { LoggerService } from '@nestjs/common';
import type { RectifyConfig } from '../../../../libs/config/src/rectify-config';
import { AuditKeyring, loadAuditKeyring } from '../../../../libs/persistence/src/audit-keyring';

// The API's and the CLI's audit keys. Without RECTIFY_AUDIT_KEY_FILE the key lives beside the
// embedded database and is created there once; every process writing to a shared PostgreSQL
// database must read the same key file, so there it is worth a warning.
export function auditKeyringFor(
  config: RectifyConfig,
  logger: Pick<LoggerService, 'log' | 'warn'>,
): AuditKeyring {
  const { keyFile, createKey } = config.audit;
  const { keyring, created } = loadAuditKeyring(keyFile, createKey);
  if (created) {
    logger.log(
      `created the audit chain's key in ${keyFile} (mode 0600): keep it, and back it up apart from the database`,
    );
  }
  if (createKey && config.database.kind === 'postgres') {
    logger.warn(
      `RECTIFY_AUDIT_KEY_FILE is not set: the audit key is ${keyFile} on this host; every API replica and the CLI must read the same key file`,
    );
  }
  return keyring;
}
