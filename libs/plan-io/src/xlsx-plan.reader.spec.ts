import { Workbook } from 'exceljs';
import { readPlanFile, type PlanFileReading } from './plan-file.reader';
import { MAX_PLAN_FILE_BYTES } from './plan-file-format';
import { SHEET } from './ledger-layout';
import { planTemplateWorkbook } from './xlsx-template.writer';
import * as xlsxReader from './xlsx-plan.reader';

// The template's 任务清单 has P08-M4 on row 2, P14-M1 on row 3 and P14-M2 on row 4; columns:
// E 问题编号, I 措施编号, J 整改措施, M 牵头单位, N 配合单位, O 完成时限, P 阶段目标, S 目标值.
async function template(edit: (wb: Workbook) => void = () => undefined): Promise<Buffer> {
  const wb = new Workbook();
  await wb.xlsx.load((await planTemplateWorkbook()) as never);
  edit(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const tasks = (wb: Workbook) => wb.getWorksheet(SHEET.tasks)!;

async function refusal(edit: (wb: Workbook) => void) {
  const r = await readPlanFile(await template(edit), 'xlsx');
  if (r.ok) throw new Error('expected the workbook to be refused');
  return r;
}

function measures(r: PlanFileReading) {
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.plan.categories.flatMap((c) => c.aspects.flatMap((a) => a.problems.flatMap((p) => p.measures)));
}

describe('reading a plan from the ledger workbook (XLSX)', () => {
  it('reads the template as written: a valid plan, with its Chinese deadlines read and placed', async () => {
    const r = await readPlanFile(await template(), 'xlsx');
    expect(measures(r).map((m) => [m.code, m.due])).toEqual([
      ['P08-M4', '9月底前'],
      ['P14-M1', '6月30日前'],
      ['P14-M2', '长期坚持'],
    ]);
    if (!r.ok) return;
    expect(r.plan.plan).toMatchObject({ code: 'EXAMPLE-2019', reportingCadence: 'ten_daily' });
    expect(r.deadlines.map((d) => [d.location, d.written, d.date])).toEqual([
      ['任务清单!O2', '9月底前', '2019-09-30'],
      ['任务清单!P2', '4月下旬', '2019-04-30'],
      ['任务清单!O3', '6月30日前', '2019-06-30'],
      ['任务清单!O4', '长期坚持', '2019-12-31'],
    ]);
  });

  it('reads the working calendar a plan names on 基本信息', async () => {
    const r = await readPlanFile(
      await template((wb) => {
        wb.getWorksheet(SHEET.info)!.eachRow((row) => {
          if (row.getCell(1).value === '工作日历') row.getCell(2).value = 'CN';
        });
      }),
      'xlsx',
    );
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.plan.plan.calendar).toBe('CN');
  });

  it.each<[string, (wb: Workbook) => void, string, string]>([
    [
      'a text where a number belongs',
      (wb) => (tasks(wb).getCell('S2').value = '两万户'),
      '任务清单!S2',
      'expected number',
    ],
    [
      'an unknown unit',
      (wb) => (tasks(wb).getCell('M3').value = '省民政厅'),
      '任务清单!M3',
      'unknown unit 省民政厅',
    ],
    [
      'a duplicate measure code',
      (wb) => (tasks(wb).getCell('I4').value = 'P14-M1'),
      '任务清单!I4',
      'duplicate measure code P14-M1',
    ],
    [
      'an impossible date',
      (wb) => (tasks(wb).getCell('O3').value = '2月30日前'),
      '任务清单!O3',
      'not a calendar date',
    ],
    [
      'an unreadable deadline',
      (wb) => (tasks(wb).getCell('O3').value = '尽快'),
      '任务清单!O3',
      'is not a deadline Rectify can read',
    ],
    [
      'a formula (formula injection)',
      (wb) =>
        (tasks(wb).getCell('J2').value = {
          formula: 'HYPERLINK("http://example.invalid/x","点击")',
          result: '点击',
        }),
      '任务清单!J2',
      'formulas are not accepted',
    ],
    [
      'a text that starts with "="',
      (wb) => (tasks(wb).getCell('K2').value = '=1+1'),
      '任务清单!K2',
      'would run as a formula',
    ],
    [
      'an unknown track',
      (wb) => (tasks(wb).getCell('G3').value = '择期整改'),
      '任务清单!G3',
      'Invalid option',
    ],
    [
      'a milestone line without a deadline',
      (wb) => (tasks(wb).getCell('P2').value = '建立台账'),
      '任务清单!P2',
      'should read 时限：内容',
    ],
    [
      'a missing plan code',
      (wb) => (wb.getWorksheet(SHEET.info)!.getCell('B2').value = null),
      '基本信息!A1',
      'plan.code',
    ],
  ])('refuses %s and names the cell', async (_name, edit, location, message) => {
    const r = await refusal(edit);
    const hit = r.problems.find((p) => p.location === location);
    expect(hit).toBeDefined();
    expect(`${hit?.path} ${hit?.message}`).toContain(message);
  });

  it('reports every problem at once, each once', async () => {
    const r = await refusal((wb) => {
      tasks(wb).getCell('J2').value = { formula: 'HYPERLINK("x","y")', result: 'y' };
      tasks(wb).getCell('M3').value = '省民政厅';
      tasks(wb).getCell('O4').value = '13月底前';
    });
    expect(r.problems.map((p) => p.location)).toEqual(['任务清单!J2', '任务清单!M3', '任务清单!O4']);
  });

  it('takes blank or merged problem cells from the row above', async () => {
    const buf = await template((wb) => {
      const ws = tasks(wb);
      // Row 4 leaves category, aspect, track and root cause blank; code and title are merged.
      for (const c of ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H']) ws.getCell(`${c}4`).value = null;
      ws.mergeCells('E3:E4');
      ws.mergeCells('F3:F4');
    });
    const r = await readPlanFile(buf, 'xlsx');
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const p14 = r.plan.categories[1].aspects[0].problems[0];
    expect(p14.measures.map((m) => m.code)).toEqual(['P14-M1', 'P14-M2']);
  });

  it('derives units from their names when the workbook declares none', async () => {
    const buf = await template((wb) => {
      wb.removeWorksheet(wb.getWorksheet(SHEET.units)!.id);
      const ws = tasks(wb);
      ws.getCell('M2').value = '省住建厅';
      ws.getCell('N2').value = '省扶贫办、临夏州';
      ws.getCell('M3').value = '中共甘肃省委';
      ws.getCell('M4').value = '东乡县';
    });
    const r = await readPlanFile(buf, 'xlsx');
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.plan.units).toEqual([
      { code: '省住建厅', name: '省住建厅', level: 'province' },
      { code: '省扶贫办', name: '省扶贫办', level: 'province' },
      { code: '临夏州', name: '临夏州', level: 'city' },
      { code: '中共甘肃省委', name: '中共甘肃省委', level: 'province' },
      { code: '东乡县', name: '东乡县', level: 'county' },
    ]);
    expect(measures(r)[0]).toMatchObject({ leadUnit: '省住建厅', coUnits: ['省扶贫办', '临夏州'] });
  });

  it('reads unit names in 任务清单 against a declared 责任单位 sheet', async () => {
    const buf = await template((wb) => (tasks(wb).getCell('M2').value = '省住建厅'));
    expect(measures(await readPlanFile(buf, 'xlsx'))[0].leadUnit).toBe('GS-HOUSING');
  });

  it('ignores columns outside the layout, with a warning naming them', async () => {
    const buf = await template((wb) => (tasks(wb).getCell('AB1').value = '备注'));
    const r = await readPlanFile(buf, 'xlsx');
    expect(r.ok).toBe(true);
    expect(r.warnings).toEqual([
      {
        path: '(file)',
        location: '任务清单!AB1',
        message: 'column "备注" is not part of the plan layout and was ignored',
      },
    ]);
  });

  it('refuses a file that is not a workbook', async () => {
    const r = await readPlanFile(Buffer.from('not a zip'), 'xlsx');
    expect(r).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(r.ok || r.problems[0].message).toContain('not a readable XLSX workbook');
  });

  describe('size limit', () => {
    // Whether the workbook was parsed is observed at the reader, not guessed from how long it took.
    let parse: jest.SpyInstance;
    beforeEach(() => (parse = jest.spyOn(xlsxReader, 'readPlanWorkbook')));
    afterEach(() => parse.mockRestore());

    it('refuses a 50 MB file by its size, before parsing it', async () => {
      const r = await readPlanFile(Buffer.alloc(50 * 1024 * 1024, 0x41), 'xlsx');
      expect(r).toMatchObject({ ok: false, code: 'PAYLOAD_TOO_LARGE' });
      expect(r.ok || r.problems[0].message).toBe(
        'the plan file is 50.0 MB; plan files may be at most 20.0 MB',
      );
      expect(parse).not.toHaveBeenCalled();
      expect(MAX_PLAN_FILE_BYTES).toBe(20 * 1024 * 1024);
    });

    it('parses a file of exactly the limit, and refuses it for what it is', async () => {
      const r = await readPlanFile(Buffer.alloc(MAX_PLAN_FILE_BYTES, 0x41), 'xlsx');
      expect(parse).toHaveBeenCalledTimes(1);
      expect(r).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
      expect(r.ok || r.problems[0].message).toContain('not a readable XLSX workbook');
    });
  });
});
