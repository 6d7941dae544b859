import { Injectable } from '@nestjs/common';
import { planTemplateWorkbook } from '../../../../libs/plan-io/src/xlsx-template.writer';

// The workbook to fill in, the same `rectify template` writes, for offices without the CLI: the
// ledger layout with its instructions and a small example that imports as it is.
@Injectable()
export class PlanTemplateUseCase {
  async execute(): Promise<{ fileName: string; bytes: Buffer }> {
    return { fileName: 'plan-template.xlsx', bytes: await planTemplateWorkbook() };
  }
}
