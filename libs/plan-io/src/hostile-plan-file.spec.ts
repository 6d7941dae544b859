import { Workbook } from 'exceljs';
import { SHEET } from './ledger-layout';
import { readPlanFile } from './plan-file.reader';
import { planTemplateWorkbook } from './xlsx-template.writer';
import { lyingZip, zipBomb } from '../../../test/support/hostile-plan-files';

// Hostile plan files are refused quickly, naming the limit, instead of being expanded or looped
// over in full. Each test has a time limit far below what the unguarded reader needed.
async function template(edit: (wb: Workbook) => void): Promise<Buffer> {
  const wb = new Workbook();
  await wb.xlsx.load((await planTemplateWorkbook()) as never);
  edit(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('hostile plan files', () => {
  it('refuses an XLSX whose entries would inflate far beyond the file, before inflating them', async () => {
    const bomb = zipBomb();
    const started = Date.now();
    const r = await readPlanFile(bomb, 'xlsx');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe('PAYLOAD_TOO_LARGE');
    expect(r.problems[0].message).toMatch(/xl\/worksheets\/sheet1\.xml.*(inflate|compress)/);
    expect(Date.now() - started).toBeLessThan(2_000);
  }, 30_000);

  it('refuses an XLSX whose zip headers claim 1 KB for a part that inflates to 300 MB, inflating no further', async () => {
    const lying = lyingZip(300);
    const started = Date.now();
    const r = await readPlanFile(lying, 'xlsx');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe('PAYLOAD_TOO_LARGE');
    expect(r.problems[0].message).toBe(
      'the workbook part xl/worksheets/sheet1.xml inflates beyond the 1024 bytes its zip headers declare; parts are inflated no further than they declare (at most 200 MB in all)',
    );
    expect(Date.now() - started).toBeLessThan(2_000);
  }, 30_000);

  it('reads a sheet with one far-away cell at row 1,048,576 without visiting every row in between', async () => {
    const file = await template((wb) => {
      wb.getWorksheet(SHEET.tasks)!.getCell('ZZ1048576').value = 'far away';
    });
    const rowVisits = jest.spyOn(Object.getPrototypeOf(new Workbook().addWorksheet('x')), 'getRow');
    const r = await readPlanFile(file, 'xlsx');
    expect(rowVisits.mock.calls.length).toBeLessThan(1_000);
    rowVisits.mockRestore();
    expect(r.ok).toBe(true);
  }, 60_000);

  it('refuses a line longer than a cell may hold before matching it', async () => {
    const file = await template((wb) => {
      wb.getWorksheet(SHEET.tasks)!.getCell('P2').value = `${'时'.repeat(60_000)}x`;
    });
    const r = await readPlanFile(file, 'xlsx');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.message).join('\n')).toMatch(
      /lines longer than 2000 characters are not read/,
    );
  }, 60_000);

  it('refuses a YAML alias bomb, naming the alias limit', async () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i <= 30; i++)
      lines.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(', ')}]`,
      );
    const started = Date.now();
    const r = await readPlanFile(Buffer.from(lines.join('\n')), 'yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems[0].message).toMatch(/alias/i);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it.each([
    ['flow', `plan: ${'['.repeat(100_000)}${']'.repeat(100_000)}`],
    ['block', `plan:\n${'- '.repeat(100_000)}x`],
  ])('refuses YAML nested 100,000 deep (%s) before composing it, naming the depth limit', async (_, text) => {
    const r = await readPlanFile(Buffer.from(text), 'yaml');
    expect(r).toEqual({
      ok: false,
      code: 'VALIDATION_FAILED',
      problems: [{ path: '(file)', message: 'not valid YAML: it nests more than 64 levels deep' }],
      warnings: [],
    });
  });

  it('places the problems of a JSON plan nested 100,000 deep without composing it as YAML', async () => {
    const r = await readPlanFile(
      Buffer.from(`{"plan": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`),
      'json',
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe('VALIDATION_FAILED');
    expect(r.problems.every((p) => p.location === undefined)).toBe(true);
  });

  it('refuses a YAML file larger than the YAML limit before building its document tree', async () => {
    const big = `plan:\n${'  - x\n'.repeat(1_200_000)}`;
    const started = Date.now();
    const r = await readPlanFile(Buffer.from(big), 'yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe('PAYLOAD_TOO_LARGE');
    expect(r.problems[0].message).toMatch(/YAML plan files may be at most/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
