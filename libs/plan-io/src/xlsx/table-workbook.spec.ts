import { Workbook } from 'exceljs';
import { columnLetters, type TableCell, TableWorkbook } from './table-workbook';
import { inflateWorkbookZip } from './zip-inflation.guard';

async function readBack(bytes: Buffer): Promise<Workbook> {
  const wb = new Workbook();
  await wb.xlsx.load(bytes as never);
  return wb;
}

const COLUMNS = [
  { header: '编号', width: 10, note: '必填' },
  { header: '内容', width: 40 },
  { header: '数量', width: 8 },
];

describe('a workbook of tables, read back by exceljs', () => {
  it('keeps text as written: markup escaped, spaces and line breaks kept, XML-illegal controls left out', async () => {
    const wb = new TableWorkbook();
    const texts = [
      'a & b < c > d "e" \'f\'',
      '  两端有空格  ',
      '第一行\n第二行',
      'tab\there',
      'bell\x07 and nul\x00 gone',
    ];
    await wb.addTable(
      '文字',
      COLUMNS,
      texts.map((t, i) => [`T${i}`, t]),
    );
    const ws = (await readBack(await wb.toBuffer())).getWorksheet('文字')!;
    expect(texts.map((_, i) => ws.getCell(i + 2, 2).value)).toEqual([
      'a & b < c > d "e" \'f\'',
      '  两端有空格  ',
      '第一行\n第二行',
      'tab\there',
      'bell and nul gone',
    ]);
  });

  it('writes numbers as numbers, text as text, and no cell for an empty value', async () => {
    const wb = new TableWorkbook();
    const rows: TableCell[][] = [
      ['M1', '措施', 3],
      ['M2', '', 0.25],
      ['M3', undefined, -7],
      ['M4', '10'],
      [undefined, '没有编号', 5],
    ];
    await wb.addTable('数字', COLUMNS, rows);
    const ws = (await readBack(await wb.toBuffer())).getWorksheet('数字')!;
    expect([2, 3, 4, 5, 6].map((r) => [1, 2, 3].map((c) => ws.getCell(r, c).value))).toEqual([
      ['M1', '措施', 3],
      ['M2', null, 0.25],
      ['M3', null, -7],
      ['M4', '10', null],
      [null, '没有编号', 5],
    ]);
    expect(ws.getRow(3).cellCount).toBe(3);
    expect(ws.getRow(3).actualCellCount).toBe(2);
  });

  it("names a cell's place only where it does not follow the cell before it, and counts every use of a shared string", async () => {
    const wb = new TableWorkbook();
    await wb.addTable('位置', COLUMNS, [
      ['M1', '同一', 1],
      ['M2', '同一', 2],
      ['M3', undefined, 3],
      [undefined, '同一'],
    ]);
    const inflated = inflateWorkbookZip(await wb.toBuffer());
    if (!inflated.ok) throw new Error(inflated.message);
    // The parts come back stored, not deflated: their XML is in the bytes as written.
    const text = inflated.zip.toString('utf8');
    const rows = [...text.matchAll(/<row r="(\d+)"[^>]*>(.*?)<\/row>/g)].filter(([, r]) => r !== '1');
    const places = rows.map(([, , cells]) => [...cells.matchAll(/<c( r="(\w+)")?/g)].map((c) => c[2] ?? '-'));
    expect(places).toEqual([['A2', '-', '-'], ['A3', '-', '-'], ['A4', 'C4'], ['B5']]);
    // Headers 3 and texts 6 (M1, 同一, M2, 同一, M3, 同一): 9 uses of 7 different strings.
    expect(text).toMatch(/<sst [^>]*count="9" uniqueCount="7">/);
  });

  it('freezes the header, sets each width, notes the header cells, and styles a grey column', async () => {
    const wb = new TableWorkbook();
    await wb.addTable(
      '表',
      [...COLUMNS, { header: '说明', width: 30, grey: true }],
      [['M1', '内容', 1, '灰色']],
    );
    const ws = (await readBack(await wb.toBuffer())).getWorksheet('表')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.columns.map((c) => c.width)).toEqual([10, 40, 8, 30]);
    expect(ws.getCell('A1').note).toBe('必填');
    expect(ws.getCell('B1').note).toBeUndefined();
    expect(ws.getCell('A1').font).toMatchObject({ bold: true });
    expect(ws.getCell('A1').fill).toMatchObject({ pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } });
    expect(ws.getCell('D1').font?.color).toEqual({ argb: 'FF666666' });
    expect(ws.getCell('D2').font?.color).toEqual({ argb: 'FF666666' });
    expect(ws.getCell('C2').font?.color).toBeUndefined();
    expect(ws.getCell('B2').alignment).toEqual({ vertical: 'top', wrapText: true });
  });

  it('writes a sheet of many pieces whole, rows added a page at a time, and the sheets in order', async () => {
    const wb = new TableWorkbook();
    const sheet = wb.openTable('大表', COLUMNS);
    for (let page = 0; page < 4; page++)
      await sheet.addRows(
        Array.from({ length: 2500 }, (_, i) => [
          `M${page * 2500 + i}`,
          `第${page * 2500 + i}项措施的内容`,
          i,
        ]),
      );
    await sheet.close();
    await wb.addTable('小表', COLUMNS, [['X', '最后', 1]]);
    const read = await readBack(await wb.toBuffer());
    expect(read.worksheets.map((w) => w.name)).toEqual(['大表', '小表']);
    const big = read.getWorksheet('大表')!;
    expect(big.rowCount).toBe(10_001);
    expect(big.getCell(10_001, 1).value).toBe('M9999');
    expect(big.getCell(10_001, 2).value).toBe('第9999项措施的内容');
    expect(read.getWorksheet('小表')!.getCell(2, 2).value).toBe('最后');
  });

  it('puts a drop-down on one column from the first body row', async () => {
    const wb = new TableWorkbook();
    await wb.addTable('选项', COLUMNS, [['M1', '立行立改']], {
      column: 1,
      throughRow: 5,
      values: ['立行立改', '长效机制'],
    });
    const ws = (await readBack(await wb.toBuffer())).getWorksheet('选项')!;
    const model = (ws as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations
      .model;
    expect(Object.keys(model).sort()).toEqual(['B2', 'B3', 'B4', 'B5']);
    expect(model.B2).toEqual({ type: 'list', allowBlank: true, formulae: ['"立行立改,长效机制"'] });
  });
});

describe('a workbook of tables refuses what it cannot write', () => {
  it.each([
    [
      'a row longer than the columns',
      (wb: TableWorkbook) => wb.addTable('表', COLUMNS, [['a', 'b', 1, 'd']]),
      'sheet 表, row 2: 4 values for its 3 columns',
    ],
    ['a sheet without columns', (wb: TableWorkbook) => wb.addTable('空', [], []), 'sheet 空 has no columns'],
    [
      'a drop-down outside the columns',
      (wb: TableWorkbook) => wb.addTable('表', COLUMNS, [], { column: 3, throughRow: 5, values: ['a'] }),
      'sheet 表 has no column 3 for a drop-down',
    ],
    [
      'a second sheet while one is open',
      async (wb: TableWorkbook) => {
        wb.openTable('一', COLUMNS);
        wb.openTable('二', COLUMNS);
      },
      'sheet 一 is still open: close it before adding 二',
    ],
    [
      'finishing while a sheet is open',
      async (wb: TableWorkbook) => {
        wb.openTable('一', COLUMNS);
        await wb.toBuffer();
      },
      'sheet 一 is still open: close it before finishing',
    ],
    [
      'a drop-down value holding a comma',
      (wb: TableWorkbook) =>
        wb.addTable('表', COLUMNS, [], { column: 1, throughRow: 5, values: ['甲', '乙,丙'] }),
      'sheet 表: drop-down value "乙,丙" is empty or holds a comma or a quote',
    ],
    [
      'a drop-down longer than a list formula may be',
      (wb: TableWorkbook) =>
        wb.addTable('表', COLUMNS, [], {
          column: 1,
          throughRow: 5,
          values: Array(30).fill('立行立改立行立改'),
        }),
      "sheet 表: the drop-down's values take 269 characters, at most 255",
    ],
    [
      'a sheet name a spreadsheet program refuses',
      (wb: TableWorkbook) => wb.addTable('问题/措施', COLUMNS, []),
      'sheet name "问题/措施" must be 1 to 31 characters, none of : \\ / ? * [ ]',
    ],
    [
      'a sheet name longer than 31 characters',
      (wb: TableWorkbook) => wb.addTable('整'.repeat(32), COLUMNS, []),
      `sheet name "${'整'.repeat(32)}" must be 1 to 31 characters`,
    ],
    [
      'a second sheet of the same name',
      async (wb: TableWorkbook) => {
        await wb.addTable('任务清单', COLUMNS, []);
        await wb.addTable('任务清单', COLUMNS, []);
      },
      'the workbook has a sheet 任务清单 already',
    ],
    [
      'a sheet after the workbook is finished',
      async (wb: TableWorkbook) => {
        await wb.toBuffer();
        await wb.addTable('晚', COLUMNS, []);
      },
      'the workbook is finished: no sheet 晚 can be added',
    ],
  ] as const)('refuses %s, naming it', async (_what, act, message) => {
    await expect(act(new TableWorkbook())).rejects.toThrow(message);
  });
});

describe('column letters', () => {
  it.each([
    [0, 'A'],
    [25, 'Z'],
    [26, 'AA'],
    [51, 'AZ'],
    [701, 'ZZ'],
    [702, 'AAA'],
  ])('names column %i %s', (index, letters) => {
    expect(columnLetters(index)).toBe(letters);
  });
});
