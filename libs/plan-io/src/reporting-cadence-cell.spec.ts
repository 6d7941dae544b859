import { Workbook } from 'exceljs';
import { REPORTING_CADENCES } from '../../domain/src/reporting-period';
import { CADENCE_LABELS, SHEET } from './ledger-layout';
import { readPlanFile } from './plan-file.reader';
import { planTemplateWorkbook } from './xlsx-template.writer';

// 报告周期 on 基本信息, as offices write it: the label, its short form, or the English value.
async function withCadence(text: string) {
  const wb = new Workbook();
  await wb.xlsx.load((await planTemplateWorkbook()) as never);
  wb.getWorksheet(SHEET.info)!.eachRow((row) => {
    if (row.getCell(1).value === '报告周期') row.getCell(2).value = text;
  });
  return readPlanFile(Buffer.from(await wb.xlsx.writeBuffer()), 'xlsx');
}

describe('the reporting cadence (报告周期) in the workbook, 日报 included', () => {
  it.each<[string, string]>([
    ['日调度', 'daily'],
    ['日报', 'daily'],
    ['daily', 'daily'],
    ['周调度', 'weekly'],
    ['周报', 'weekly'],
    ['旬报告', 'ten_daily'],
    ['旬报', 'ten_daily'],
    ['月通报', 'monthly'],
    ['月报', 'monthly'],
  ])('reads "%s" as %s', async (text, cadence) => {
    const r = await withCadence(text);
    expect(r.ok && r.plan.plan.reportingCadence).toBe(cadence);
  });

  it('has a label for every cadence', () => {
    expect(REPORTING_CADENCES.map((c) => CADENCE_LABELS[c])).toEqual([
      '日调度',
      '周调度',
      '旬报告',
      '月通报',
    ]);
  });

  it('refuses a cadence it does not know, at its cell', async () => {
    const r = await withCadence('时报');
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.problems[0]).toMatchObject({ path: 'plan.reportingCadence', location: '基本信息!B6' });
  });
});
