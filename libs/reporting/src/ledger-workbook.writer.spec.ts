import { Workbook } from 'exceljs';
import { aPlanDocument } from '../../../test/support/plan-fixtures';
import { type PlanDefinition, validatePlanDefinition } from '../../domain/src/plan-definition';
import { planTemplateWorkbook } from '../../plan-io/src/xlsx-template.writer';
import { LEDGER_SHEETS, ledgerWorkbook } from './ledger-workbook.writer';
import { buildPlanReport, type PlanReport } from './plan-report';

function planAndReport(measures: number): { plan: PlanDefinition; report: PlanReport } {
  const r = validatePlanDefinition(aPlanDocument({ measures }));
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  const report = buildPlanReport({
    definition: r.plan,
    asOf: '2019-03-01',
    measures: [],
    events: [],
    removedMeasures: 0,
  });
  return { plan: r.plan, report };
}

async function ledger(measures = 3): Promise<Workbook> {
  const { plan, report } = planAndReport(measures);
  const wb = new Workbook();
  await wb.xlsx.load((await ledgerWorkbook(report, plan)) as never);
  return wb;
}

async function template(): Promise<Workbook> {
  const wb = new Workbook();
  await wb.xlsx.load((await planTemplateWorkbook()) as never);
  return wb;
}

// A ledger is written on the API's thread: in slices (libs/runtime/src/event-loop-slices.ts), so
// that the requests arriving meanwhile are answered between them. Written in one piece, the longest
// stretch without a turn was most of the write (a 50,000-measure ledger held the API 4 s).
describe('the ledger workbook on the API’s thread', () => {
  it('lets the event loop turn while it writes: no stretch holds it for a quarter of the write', async () => {
    const { plan, report } = planAndReport(6000);
    let longest = 0;
    let last = performance.now();
    let writing = true;
    const turn = () => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
      if (writing) setImmediate(turn);
    };
    setImmediate(turn);
    const started = performance.now();
    const bytes = await ledgerWorkbook(report, plan);
    const took = performance.now() - started;
    writing = false;
    longest = Math.max(longest, performance.now() - last);
    expect(bytes.length).toBeGreaterThan(0);
    expect(longest).toBeLessThan(took / 4);
  });
});

// The styles of plan-io's TableWorkbook: a body cell wrapped at the top, a header bold and shaded,
// the notes of 基本信息 grey.
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

// An empty value writes no cell (xlsx/table-workbook.ts): what shows there, and what a value
// typed in later takes, is its row's style, as right of the table.
describe('the ledger workbook’s empty values', () => {
  it('writes no cell for an empty value of a body row, and the row’s style covers the gap', async () => {
    const wb = await ledger();
    let gaps = 0;
    for (const name of LEDGER_SHEETS) {
      const ws = wb.getWorksheet(name)!;
      const columns = ws.getRow(1).cellCount;
      ws.eachRow((row, n) => {
        if (n === 1) return;
        const written: string[] = row.model!.cells!.map((c) => String(c.address));
        for (let col = 1; col <= columns; col++) {
          const cell = row.getCell(col);
          if (written.includes(String(cell.address))) expect(cell.value).not.toBeNull();
          else {
            gaps++;
            expect(cell.alignment).toEqual({ vertical: 'top', wrapText: true });
          }
        }
      });
    }
    // The fixture's plan leaves optional columns empty: the test sees gaps.
    expect(gaps).toBeGreaterThan(10);
  });
});

// The track's drop-down on 任务清单: one range over the column, written after the rows (which the
// workbook has already let go), covering every body row and no other cell.
describe('the track drop-down of 任务清单', () => {
  const cells = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `G${from + i}`);
  it.each([
    ['the ledger, 3 measures', ledger, 300],
    ['the template', template, 300],
    ['the ledger, 400 measures', () => ledger(400), 401],
  ] as const)(
    'covers %s: column G from row 2 to its last body row, and at least to row 300',
    async (_what, written, lastRow) => {
      const ws = (await written()).getWorksheet('任务清单')!;
      const model = (ws as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations
        .model;
      expect(Object.keys(model).sort()).toEqual(cells(2, lastRow).sort());
      expect(model.G2).toEqual({
        type: 'list',
        allowBlank: true,
        formulae: ['"立行立改,长效机制,长期攻坚,线索移交"'],
      });
    },
  );
});
