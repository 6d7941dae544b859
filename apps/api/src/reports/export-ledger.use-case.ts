import { Inject, Injectable } from '@nestjs/common';
import { ledgerWorkbook } from '../../../../libs/reporting/src/ledger-workbook.writer';
import { PlanReportSource } from './plan-report.source';

export interface LedgerFile {
  readonly fileName: string;
  readonly bytes: Buffer;
}

// The ledger (台账) as of a date: the five lists, status and indicators, in one XLSX workbook.
@Injectable()
export class ExportLedgerUseCase {
  constructor(@Inject(PlanReportSource) private readonly source: PlanReportSource) {}

  async execute(c: { readonly plan: string; readonly asOf?: string }): Promise<LedgerFile> {
    const { report, definition } = await this.source.load(c.plan, c.asOf);
    return {
      fileName: `${report.planCode}-ledger-${report.asOf}.xlsx`,
      bytes: await ledgerWorkbook(report, definition),
    };
  }
}
