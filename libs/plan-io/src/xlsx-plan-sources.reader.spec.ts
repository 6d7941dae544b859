import { Workbook } from 'exceljs';
import { readPlanFile } from './plan-file.reader';
import { SHEET, TASK_COLUMNS } from './ledger-layout';
import { SOURCE_SHEET } from './source-layout';
import { planTemplateWorkbook } from './xlsx-template.writer';

// The template's 任务清单 has P08-M4 on row 2, P14-M1 on row 3 and P14-M2 on row 4.
const SOURCES_COLUMN = TASK_COLUMNS.findIndex((c) => c.key === 'problemSources') + 1;

async function template(p08: string, p14: string): Promise<Buffer> {
  const wb = new Workbook();
  await wb.xlsx.load((await planTemplateWorkbook()) as never);
  const sources = wb.getWorksheet(SOURCE_SHEET)!;
  sources.addRow(['XC', '巡察', '', '省委第三巡察组', '', '2019-03-01', '2019-03-31', '2019-04-20']);
  sources.addRow(['KH', '成效考核', '2018年度成效考核', '国务院扶贫开发领导小组', '', '', '', '2019-03-01']);
  const tasks = wb.getWorksheet(SHEET.tasks)!;
  tasks.getRow(2).getCell(SOURCES_COLUMN).value = p08;
  tasks.getRow(3).getCell(SOURCES_COLUMN).value = p14;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('reading a plan’s sources (问题来源) from the workbook', () => {
  it('reads the 问题来源 sheet and the sources each problem names on its first row', async () => {
    const r = await readPlanFile(await template('XC', 'XC、KH'), 'xlsx');
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.plan.sources).toEqual([
      {
        code: 'XC',
        kind: 'patrol',
        body: '省委第三巡察组',
        from: '2019-03-01',
        to: '2019-03-31',
        feedbackDate: '2019-04-20',
      },
      {
        code: 'KH',
        kind: 'effectiveness_assessment',
        name: '2018年度成效考核',
        body: '国务院扶贫开发领导小组',
        feedbackDate: '2019-03-01',
      },
    ]);
    const problems = r.plan.categories.flatMap((c) => c.aspects.flatMap((a) => a.problems));
    expect(problems.map((p) => [p.code, p.sources])).toEqual([
      ['P08', ['XC']],
      ['P14', ['XC', 'KH']],
    ]);
  });

  it('refuses an unknown source code at its cell', async () => {
    const r = await readPlanFile(await template('XC', 'XC，SJ'), 'xlsx');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const column = String.fromCharCode(64 + SOURCES_COLUMN);
    expect(r.problems).toEqual([
      expect.objectContaining({
        location: `${SHEET.tasks}!${column}3`,
        message: 'unknown source SJ: declare it under sources (known: XC, KH)',
      }),
    ]);
  });

  it('reads the template with its empty 问题来源 sheet as a plan whose inspection is its one source', async () => {
    const r = await readPlanFile(await planTemplateWorkbook(), 'xlsx');
    expect(r.ok && r.plan.sources).toBeUndefined();
  });
});
