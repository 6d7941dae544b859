import { Workbook } from 'exceljs';
import { SHEET } from '../ledger-layout';
import { readPlanFile } from '../plan-file.reader';
import { addInfoSheet } from '../plan-workbook.writer';
import { planTemplateWorkbook } from '../xlsx-template.writer';
import { TableWorkbook } from './table-workbook';

// The template with 基本信息 values set by label.
async function withInfo(
  values: Record<string, string | number>,
): Promise<{ bytes: Buffer; rows: Record<string, string> }> {
  const wb = new Workbook();
  await wb.xlsx.load((await planTemplateWorkbook()) as never);
  const rows: Record<string, string> = {};
  wb.getWorksheet(SHEET.info)!.eachRow((row) => {
    const label = String(row.getCell(1).value);
    if (label in values) {
      row.getCell(2).value = values[label];
      rows[label] = row.getCell(2).address;
    }
  });
  return { bytes: Buffer.from(await wb.xlsx.writeBuffer()), rows };
}

describe('declared totals and the problem status rule on 基本信息', () => {
  it('reads them into plan.declared and plan.problemProgressRule, and writes them back', async () => {
    const { bytes } = await withInfo({
      公布问题数: 30,
      公布整改措施数: '148',
      阶段目标比例: 0.3,
      基本完成比例: '0.9',
      完成须回头看: '是',
    });
    const r = await readPlanFile(bytes, 'xlsx');
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.plan.plan.declared).toEqual({ problems: 30, measures: 148 });
    expect(r.plan.plan.problemProgressRule).toEqual({
      stageGoalShare: 0.3,
      basicallyDoneShare: 0.9,
      doneNeedsLookBack: true,
    });

    const table = new TableWorkbook();
    await addInfoSheet(table, r.plan);
    const out = new Workbook();
    await out.xlsx.load((await table.toBuffer()) as never);
    const written: Record<string, unknown> = {};
    out
      .getWorksheet(SHEET.info)!
      .eachRow((row) => (written[String(row.getCell(1).value)] = row.getCell(2).value));
    expect(written).toMatchObject({
      公布问题数: 30,
      公布整改措施数: 148,
      公布问题大类数: null,
      阶段目标比例: 0.3,
      基本完成比例: 0.9,
      完成须回头看: '是',
    });
  });

  it('leaves both out when the rows are empty, as in every workbook made before them', async () => {
    const r = await readPlanFile(await planTemplateWorkbook(), 'xlsx');
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.plan.plan.declared).toBeUndefined();
    expect(r.plan.plan.problemProgressRule).toBeUndefined();
  });

  it.each([
    ['公布整改措施数', '一百', 'plan.declared.measures', 'expected number'],
    ['公布整改措施数', 1, 'plan.declared.measures', 'declares 1 but the plan itemises 3'],
    ['公布问题数', 2.5, 'plan.declared.problems', 'must be a whole number'],
    [
      '基本完成比例',
      1.2,
      'plan.problemProgressRule.basicallyDoneShare',
      'must be a share above 0 and at most 1',
    ],
    ['完成须回头看', '也许', 'plan.problemProgressRule.doneNeedsLookBack', 'expected boolean'],
  ])('refuses %s = %p at its cell', async (label, value, path, message) => {
    const { bytes, rows } = await withInfo({ [label]: value });
    const r = await readPlanFile(bytes, 'xlsx');
    if (r.ok) throw new Error('expected the workbook to be refused');
    expect(r.problems).toEqual([
      expect.objectContaining({
        path,
        location: `${SHEET.info}!${rows[label]}`,
        message: expect.stringContaining(message),
      }),
    ]);
  });
});
