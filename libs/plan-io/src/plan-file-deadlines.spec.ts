import { Workbook } from 'exceljs';
import { aPlanDocument } from '../../../test/support/plan-fixtures';
import { SHEET } from './ledger-layout';
import { readPlanFile, strictReading } from './plan-file.reader';
import { planTemplateWorkbook } from './xlsx-template.writer';

const M = 'categories[0].aspects[0].problems[0].measures[0]';

// The template's 任务清单: O2 is P08-M4's 完成时限, P2 its 阶段目标 (4月下旬), O4 P14-M2's.
async function template(edit: (wb: Workbook) => void): Promise<Buffer> {
  const wb = new Workbook();
  await wb.xlsx.load((await planTemplateWorkbook()) as never);
  edit(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('deadlines of a plan file: readings, warnings and --strict', () => {
  it('reads hour deadlines and 立行立改 from the workbook, with 立行立改期限 from 基本信息', async () => {
    const file = await template((wb) => {
      wb.getWorksheet(SHEET.info)!.eachRow((row) => {
        if (row.getCell(1).value === '立行立改期限（天）') row.getCell(2).value = 10;
      });
      wb.getWorksheet(SHEET.tasks)!.getCell('O2').value = '9月26日下午6点前';
      wb.getWorksheet(SHEET.tasks)!.getCell('O4').value = '立行立改';
    });
    const r = await readPlanFile(file, 'xlsx');
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.plan.plan.immediateWithinDays).toBe(10);
    expect(r.deadlines.map((d) => [d.location, d.written, d.date, d.time, d.dueAt, d.assumed])).toEqual([
      ['任务清单!O2', '9月26日下午6点前', '2019-09-26', '18:00', '2019-09-26T10:00:00.000Z', undefined],
      ['任务清单!P2', '4月下旬', '2019-04-30', undefined, '2019-04-30T16:00:00.000Z', undefined],
      ['任务清单!O3', '6月30日前', '2019-06-30', undefined, '2019-06-30T16:00:00.000Z', undefined],
      ['任务清单!O4', '立行立改', '2019-01-28', undefined, '2019-01-28T16:00:00.000Z', undefined],
    ]);
  });

  it('places warnings at their cell; --strict turns them into problems and refuses the file', async () => {
    // P08-M4's milestone (P2, 4月下旬) now falls after the measure's deadline.
    const file = await template((wb) => (wb.getWorksheet(SHEET.tasks)!.getCell('O2').value = '3月底前'));
    const r = await readPlanFile(file, 'xlsx');
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.warnings).toEqual([
      expect.objectContaining({
        location: '任务清单!P2',
        message: expect.stringContaining("is due after its measure's deadline"),
      }),
    ]);
    const strict = strictReading(r);
    expect(strict).toMatchObject({
      ok: false,
      code: 'VALIDATION_FAILED',
      warnings: [],
      problems: [
        {
          location: '任务清单!P2',
          message: expect.stringMatching(/after its measure's deadline.*\(refused: strict checking\)$/),
        },
      ],
    });
  });

  it('leaves a plan without warnings as it is under --strict', async () => {
    const r = await readPlanFile(Buffer.from(JSON.stringify(aPlanDocument())), 'json');
    expect(r).toMatchObject({ ok: true, warnings: [] });
    expect(strictReading(r)).toBe(r);
  });

  it('warns of a deadline before the feedback date at its line in YAML', async () => {
    const doc = aPlanDocument({ due: '2019-01-10', measures: 1 });
    const yaml = JSON.stringify(doc, null, 2); // JSON is YAML, and keeps one value per line.
    const r = await readPlanFile(Buffer.from(yaml), 'yaml');
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.warnings).toEqual([
      {
        path: `${M}.due`,
        location: expect.stringMatching(/^\d+:\d+$/),
        message:
          'measure P01-M1 is due "2019-01-10" (2019-01-10T16:00:00.000Z), before the inspection\'s feedback date 2019-01-18',
      },
    ]);
  });
});
