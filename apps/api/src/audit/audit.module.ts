import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  AuditLogRepository,
  releaseAuditWriter,
} from '../../../../libs/persistence/src/repositories/audit-log.repository';
import { repositoryProvider } from '../../../../libs/persistence/src/repository.provider';
import { AuditController } from './audit.controller';
import { AuditTrail } from './audit-trail';
import { ListAuditLogUseCase } from './list-audit-log.use-case';
import { VerifyAuditChainUseCase } from './verify-audit-chain.use-case';

// The tamper-evident log of every command. Its recorder is mounted by createApiApp.
@Global()
@Module({
  controllers: [AuditController],
  providers: [
    repositoryProvider(AuditLogRepository),
    AuditTrail,
    ListAuditLogUseCase,
    VerifyAuditChainUseCase,
  ],
  exports: [AuditTrail],
})
export class AuditModule implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    await releaseAuditWriter(this.ds);
  }
}
