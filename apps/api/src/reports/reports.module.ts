import { Module } from '@nestjs/common';
import { SpotInspectionRepository } from '../../../../libs/persistence/src/repositories/spot-inspection.repository';
import { repositoryProvider } from '../../../../libs/persistence/src/repository.provider';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { ExportLedgerUseCase } from './export-ledger.use-case';
import { PlanReportSource } from './plan-report.source';
import { RenderBulletinUseCase } from './render-bulletin.use-case';
import { ReportsController } from './reports.controller';

// Plans out: ledgers (台账) and bulletins (通报), computed from the read model as of a date.
@Module({
  imports: [RateLimitModule],
  controllers: [ReportsController],
  providers: [
    PlanReportSource,
    ExportLedgerUseCase,
    RenderBulletinUseCase,
    repositoryProvider(SpotInspectionRepository),
  ],
})
export class ReportsModule {}
