import { Module } from '@nestjs/common';
import { DisciplineFiguresRepository } from '../../../../libs/persistence/src/repositories/discipline-figures.repository';
import { repositoryProvider } from '../../../../libs/persistence/src/repository.provider';
import { ExportLedgerUseCase } from './export-ledger.use-case';
import { PlanReportSource } from './plan-report.source';
import { RenderBulletinUseCase } from './render-bulletin.use-case';
import { ReportsController } from './reports.controller';

// Plans out: ledgers (台账) and bulletins (通报), computed from the read model as of a date.
@Module({
  controllers: [ReportsController],
  providers: [
    PlanReportSource,
    ExportLedgerUseCase,
    RenderBulletinUseCase,
    repositoryProvider(DisciplineFiguresRepository),
  ],
})
export class ReportsModule {}
