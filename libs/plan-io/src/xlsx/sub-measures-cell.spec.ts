import { Workbook } from 'exceljs';
import { planSubMeasures } from '../../../domain/src/plan-sub-measures';
import { SHEET, TASK_COLUMNS } from '../ledger-layout';
import { readPlanFile } from '../plan-file.reader';
import { addPlanSheets } from '../plan-workbook.writer';
import { planTemplateWorkbook } from '../xlsx-template.writer';
import { TableWorkbook } from './table-workbook';
import { readSubMeasureLine } from './sub-measures-cell';

// The template with a city and a county below the province, and 分解落实 filled in on P08-M4 (row 2).
async function workbook(cell: string, coUnits?: string): Promise<Buffer> {
  const wb = new Workbook();
  await wb.xlsx.load((await planTemplateWorkbook()) as never);
  const units = wb.getWorksheet(SHEET.units)!;
  units.addRow(['LINXIA', '临夏州', '市级', 'GS-PARTY']);
  units.addRow(['DX', '东乡县', '县级', 'LINXIA']);
  const tasks = wb.getWorksheet(SHEET.tasks)!;
  tasks.getRow(2).getCell(TASK_COLUMNS.findIndex((c) => c.key === 'subMeasures') + 1).value = cell;
  if (coUnits)
    tasks.getRow(2).getCell(TASK_COLUMNS.findIndex((c) => c.key === 'coUnits') + 1).value = coUnits;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
// The column's letters as a spreadsheet names them (… Z, AA, AB …).
const column = () => {
  let letters = '';
  for (
    let n = TASK_COLUMNS.findIndex((c) => c.key === 'subMeasures') + 1;
    n > 0;
    n = Math.floor((n - 1) / 26)
  )
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
};

describe('分解落实 in 任务清单', () => {
  it.each<[string, ReturnType<typeof readSubMeasureLine>]>([
    ['临夏州', { leadUnit: '临夏州' }],
    ['临夏州：6月底前', { leadUnit: '临夏州', due: '6月底前' }],
    ['临夏州：9月26日18:00前：州长', { leadUnit: '临夏州', due: '9月26日18:00前', leadLeader: '州长' }],
    ['临夏州：：州长', { leadUnit: '临夏州', leadLeader: '州长' }],
    ['[lx] 临夏州: 6月底前', { code: 'lx', leadUnit: '临夏州', due: '6月底前' }],
    ['临夏州：6月底前：州长：多余', null],
  ])('reads %s', (line, entry) => {
    expect(readSubMeasureLine(line)).toEqual(entry);
  });

  it('reads sub-measures by unit name, and a ledger written from the plan reads back as the same plan', async () => {
    const r = await readPlanFile(await workbook('临夏州：6月底前：州长\n[dongxiang] 东乡县'), 'xlsx');
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(
      planSubMeasures(r.plan)
        .get('P08-M4')
        ?.map((s) => [s.code, s.leadUnit, s.due, s.leadLeader]),
    ).toEqual([
      ['P08-M4.LINXIA', 'LINXIA', '6月底前', '州长'],
      ['P08-M4.dongxiang', 'DX', '9月底前', '分管副省长'],
    ]);
    const wb = new TableWorkbook();
    await addPlanSheets(wb, r.plan);
    const again = await readPlanFile(await wb.toBuffer(), 'xlsx');
    expect(again.ok && again.plan).toEqual(r.plan);
  });

  it('expands 各市州 typed as a co-unit', async () => {
    const r = await readPlanFile(await workbook('', '各市州'), 'xlsx');
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(
      planSubMeasures(r.plan)
        .get('P08-M4')
        ?.map((s) => s.code),
    ).toEqual(['P08-M4.LINXIA']);
  });

  it('refuses a line it cannot read and an unknown unit, at the cell', async () => {
    const r = await readPlanFile(await workbook('临夏州：6月底前：州长：多余\n兰州市'), 'xlsx');
    if (r.ok) throw new Error('expected a refusal');
    expect(r.problems.map((p) => [p.location, p.message])).toEqual([
      [
        `任务清单!${column()}2`,
        'line 1 ("临夏州：6月底前：州长：多余") should read 单位：时限：牵头领导, e.g. 兰州市：6月底前',
      ],
    ]);
    const unknown = await readPlanFile(await workbook('兰州市'), 'xlsx');
    if (unknown.ok) throw new Error('expected a refusal');
    expect(unknown.problems.map((p) => [p.location, p.path, p.message])).toEqual([
      [
        `任务清单!${column()}2`,
        'categories[0].aspects[0].problems[0].measures[0].subMeasures[0].leadUnit',
        'unknown unit 兰州市: declare it under units',
      ],
    ]);
  });
});
