import { Workbook } from 'exceljs';
import { aPlanDocument } from '../../../test/support/plan-fixtures';
import { validatePlanDefinition } from '../../domain/src/plan-definition';
import { LEDGER_SHEETS, ledgerWorkbook } from './ledger-workbook.writer';
import { buildPlanReport } from './plan-report';

async function ledger(): Promise<Workbook> {
  const r = validatePlanDefinition(aPlanDocument({ measures: 3 }));
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  const report = buildPlanReport({
    definition: r.plan,
    asOf: '2019-03-01',
    measures: [],
    events: [],
    removedMeasures: 0,
  });
  const wb = new Workbook();
  await wb.xlsx.load((await ledgerWorkbook(report, r.plan)) as never);
  return wb;
}

// The body cells share one style object (BODY_STYLE in plan-workbook.writer.ts): a cell restyled in
// place would restyle them all.
describe('the ledger workbook’s cell styles', () => {
  it('wraps every body cell at the top, bolds the headers, and greys only the notes of 基本信息', async () => {
    const wb = await ledger();
    for (const name of [...LEDGER_SHEETS, '基本信息']) {
      const ws = wb.getWorksheet(name)!;
      expect(ws.getCell(1, 1).font).toMatchObject({ bold: true });
      expect(ws.getCell(2, 1).alignment).toEqual({ vertical: 'top', wrapText: true });
      expect(ws.getCell(2, 2).alignment).toEqual({ vertical: 'top', wrapText: true });
    }
    const info = wb.getWorksheet('基本信息')!;
    expect(info.getCell(2, 3).font?.color).toEqual({ argb: 'FF666666' });
    expect(info.getCell(2, 2).font?.color).not.toEqual({ argb: 'FF666666' });
    expect(wb.getWorksheet('任务清单')!.getCell(2, 3).font?.color).not.toEqual({ argb: 'FF666666' });
  });
});
