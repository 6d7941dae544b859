import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { RECTIFY_CONFIG } from '../../../../libs/config/src/config.module';
import type { RectifyConfig } from '../../../../libs/config/src/rectify-config';
import { AuditKeyring } from '../../../../libs/persistence/src/audit-keyring';
import {
  AuditLogRepository,
  releaseAuditWriter,
} from '../../../../libs/persistence/src/repositories/audit-log.repository';
import { AuditAnchorWriter } from './audit-anchor-writer';
import { AuditAnchoring } from './audit-anchoring';
import { AuditController } from './audit.controller';
import { AuditGate } from './audit-gate.interceptor';
import { auditKeyringFor } from './audit-keyring.provider';
import { AuditTrail } from './audit-trail';
import { ListAuditLogUseCase } from './list-audit-log.use-case';
import { VerifyAuditChainUseCase } from './verify-audit-chain.use-case';

// The tamper-evident log of every command and sensitive read. Its recorder is mounted by
// createApiApp; its gate runs before every handler.
@Global()
@Module({
  controllers: [AuditController],
  providers: [
    {
      provide: AuditKeyring,
      inject: [RECTIFY_CONFIG],
      useFactory: (config: RectifyConfig) => auditKeyringFor(config, new Logger('Audit')),
    },
    {
      provide: AuditLogRepository,
      inject: [DataSource, AuditKeyring],
      useFactory: (ds: DataSource, keyring: AuditKeyring) => new AuditLogRepository(ds, keyring),
    },
    {
      provide: AuditAnchorWriter,
      inject: [AuditLogRepository, AuditKeyring, RECTIFY_CONFIG],
      useFactory: (log: AuditLogRepository, keyring: AuditKeyring, config: RectifyConfig) =>
        new AuditAnchorWriter(log, keyring, config.audit, config.delivery.webhookTimeoutMs),
    },
    AuditAnchoring,
    AuditTrail,
    { provide: APP_INTERCEPTOR, useClass: AuditGate },
    ListAuditLogUseCase,
    VerifyAuditChainUseCase,
  ],
  exports: [AuditTrail, AuditLogRepository, AuditKeyring],
})
export class AuditModule implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    await releaseAuditWriter(this.ds);
  }
}
