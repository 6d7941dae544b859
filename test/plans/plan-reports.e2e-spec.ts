import { Workbook, type Worksheet } from 'exceljs';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  bulletinCommand,
  exportLedgerCommand,
  importCommand,
  schemaCommand,
  templateCommand,
  validateCommand,
} from '../../apps/cli/src/plan-commands';
import type { CliIo } from '../../apps/cli/src/cli-io';
import { validatePlanDefinition } from '../../libs/domain/src/plan-definition';
import { planJsonSchemaText } from '../../libs/domain/src/plan-json-schema';
import { SHEET, TASK_COLUMNS } from '../../libs/plan-io/src/ledger-layout';
import { readPlanFile } from '../../libs/plan-io/src/plan-file.reader';
import { unneutraliseText } from '../../libs/plan-io/src/spreadsheet-cell';
import { XLSX_CONTENT_TYPE } from '../../libs/plan-io/src/plan-file-format';
import { planTemplateWorkbook } from '../../libs/plan-io/src/xlsx-template.writer';
import { eventually } from '../support/eventually';
import { aPlanDocument } from '../support/plan-fixtures';
import { RectifyHarness, startRectify } from '../support/rectify-harness';
import { testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

const DEMO = path.join(__dirname, '../../plans/demo/gansu-2019.plan.json');

async function load(bytes: Buffer): Promise<Workbook> {
  const wb = new Workbook();
  await wb.xlsx.load(bytes as never);
  return wb;
}

// The rows of a sheet as text, cell by cell, parsed as the import reads them (a neutralised
// "'-…" reads back as "-…"); `raw` gives the text exactly as stored.
function cells(ws: Worksheet, columns: number, raw = false): string[][] {
  const rows: string[][] = [];
  ws.eachRow((row) => {
    const values = Array.from({ length: columns }, (_, i) => {
      const v = row.getCell(i + 1).value;
      const text = v === null || v === undefined ? '' : String(v);
      return raw ? text : unneutraliseText(text);
    });
    if (values.some(Boolean)) rows.push(values);
  });
  return rows;
}

function capture(): CliIo & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (l) => lines.push(l), err: (l) => errors.push(l) };
}

describe(`plans out: ledgers and bulletins (${testEngine()})`, () => {
  let rectify: RectifyHarness;
  let token: string;
  let dir: string;

  beforeAll(async () => {
    rectify = await startRectify();
    token = (await rectify.anonymous.request('POST', '/auth/login', rectify.admin)).body.accessToken;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-plans-out-'));
  });
  afterAll(async () => {
    await rectify?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('round-trips a plan: XLSX template → filled in → imported → exported ledger holds the same data', async () => {
    const filled = await load(await planTemplateWorkbook());
    const code = uniqueCode('RT');
    const info = filled.getWorksheet(SHEET.info)!;
    info.getCell('B2').value = code;
    info.getCell('B8').value = `${code}-INSPECTION`;
    const tasks = filled.getWorksheet(SHEET.tasks)!;
    tasks.getCell('K3').value = '召开省委常委会专题民主生活会，逐一对照检查';
    tasks.getCell('V2').value = 8738;
    tasks.getCell('W3').value = '-对照检查材料报省整改办备案';
    const bytes = Buffer.from(await filled.xlsx.writeBuffer());
    const created = await rectify.send('POST', '/plans', bytes, { 'content-type': XLSX_CONTENT_TYPE });
    expect(created.status).toBe(201);

    // Every deadline is years past: each measure's ladder catches up to 问责 (level 4) at once. The
    // ledger is read after it has, so the levels as of the date are those its steps' times give.
    await eventually(async () => {
      const page = await rectify.request('GET', `/measures?plan=${created.body.planId}&level=4`);
      expect(page.status).toBe(200);
      expect(page.body.total).toBe(3);
    });
    const r = await rectify.request('GET', `/plans/${code}/ledger.xlsx?asOf=2019-10-10`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain(XLSX_CONTENT_TYPE);
    expect(r.headers.get('content-disposition')).toContain(`${code}-ledger-2019-10-10.xlsx`);
    const ledger = await load(r.body);

    // The import layout reads back as the very plan that was imported.
    const imported = await readPlanFile(bytes, 'xlsx');
    const exported = await readPlanFile(r.body, 'xlsx');
    expect(exported.ok).toBe(true);
    if (imported.ok && exported.ok) expect(exported.plan).toEqual(imported.plan);

    // 任务清单 cell for cell, plus the status columns as of the date.
    const width = TASK_COLUMNS.length;
    const ledgerTasks = cells(ledger.getWorksheet(SHEET.tasks)!, width + 4);
    expect(ledgerTasks.map((row) => row.slice(0, width))).toEqual(cells(tasks, width));
    expect(ledgerTasks[0].slice(width)).toEqual(['状态', '督办等级', '逾期天数', '销号日期']);
    expect(ledgerTasks.slice(1).map((row) => row.slice(width, width + 3))).toEqual([
      // 问责 falls 15 days after a target: P08-M4's milestone (4月下旬) and P14-M1's deadline (6月30日)
      // put it before the date, P14-M2's (长期坚持, the year's end) after it.
      ['已交办', '4', '10'],
      ['已交办', '4', '102'],
      ['已交办', '', ''],
    ]);
    // Text that a spreadsheet could run as a formula is written neutralised.
    const stored = cells(ledger.getWorksheet(SHEET.tasks)!, width, true);
    expect(stored[2][TASK_COLUMNS.findIndex((c) => c.key === 'requirements')]).toBe(
      "'-对照检查材料报省整改办备案",
    );

    // The five lists.
    expect(ledger.worksheets.map((w) => w.name).slice(0, 7)).toEqual([
      '概况',
      '问题清单',
      '任务清单',
      '责任清单',
      '时限清单',
      '要求清单',
      '指标进展',
    ]);
    expect(cells(ledger.getWorksheet('问题清单')!, 6)[1]).toEqual([
      'P08',
      '学习领会习近平总书记关于扶贫工作重要论述有差距，贯彻中央脱贫攻坚方针政策不精准',
      '落实脱贫攻坚精准方略不到位，基础工作不扎实',
      '贫困户退出不精准，脱贫质量不高、效果不稳、返贫风险大',
      '长期攻坚',
      '对“两不愁、三保障”标准把握不严，动态监测不到位',
    ]);
    expect(cells(ledger.getWorksheet('责任清单')!, 6)[1]).toEqual([
      'P08-M4',
      '加快推进危房改造，9月底前完成剩余2.65万户四类重点对象存量危房改造',
      '分管副省长',
      '省住建厅',
      '省扶贫办',
      '已交办',
    ]);
    expect(
      cells(ledger.getWorksheet('时限清单')!, 7)
        .slice(1)
        .map((row) => [row[0], row[2], row[3], row[4], row[6]]),
    ).toEqual([
      ['P08-M4', '9月底前', '2019-09-30', '4月下旬：完成摸底核查、建立台账', '10'],
      ['P14-M1', '6月30日前', '2019-06-30', '', '102'],
      ['P14-M2', '长期坚持', '2019-12-31（期限为系统默认）', '', ''],
    ]);
    expect(cells(ledger.getWorksheet('要求清单')!, 5)[1].slice(3)).toEqual([
      '对无自筹能力的特困户由各地兜底解决',
      '照片：改造前后对比照片',
    ]);
    expect(cells(ledger.getWorksheet('指标进展')!, 8)[1]).toEqual([
      'P08-M4',
      'houses',
      '危房改造户数',
      '户',
      '26500',
      '',
      '8738',
      '33',
    ]);
  });

  it('loads the demo plan, and its bulletin reproduces the seed’s 7/12/11 split', async () => {
    const demo = JSON.parse(fs.readFileSync(DEMO, 'utf8'));
    const imported = await rectify.request('POST', '/plans', demo);
    expect(imported.status).toBe(201);
    const r = await rectify.request(
      'GET',
      '/plans/GS-2019/bulletin?asOf=2019-04-18&edition=internal&format=md',
    );
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/markdown');
    const md = r.body.toString('utf8');
    expect(md).toContain('将巡视反馈问题梳理为4大类10个方面30个问题');
    expect(md).toMatch(/针对能够当下改的[^；]*等7个问题，立行立改、即知即改/);
    expect(md).toMatch(/针对需要健全完善常态化工作机制的[^；]*等12个问题/);
    expect(md).toMatch(/针对需要长期攻坚的[^；]*等11个问题/);
    expect(md).toContain('截至2019年4月18日');

    const valid = validatePlanDefinition(demo);
    if (!valid.ok) throw new Error('the demo plan is invalid');
    const leaders = new Set(
      valid.plan.categories.flatMap((c) =>
        c.aspects.flatMap((a) => a.problems.flatMap((p) => p.measures.map((m) => m.leadLeader))),
      ),
    );
    const late = await rectify.request('GET', '/plans/GS-2019/bulletin?asOf=2019-10-31&edition=internal');
    const pub = await rectify.request(
      'GET',
      '/plans/GS-2019/bulletin?asOf=2019-10-31&edition=public&format=html',
    );
    expect(pub.headers.get('content-type')).toContain('text/html');
    const internalText = late.body.toString('utf8');
    const publicText = pub.body.toString('utf8');
    expect(internalText).toContain('逾期未完成整改措施');
    expect([...leaders].some((l) => internalText.includes(l))).toBe(true);
    for (const l of leaders) expect(publicText).not.toContain(l);
    expect(publicText).toContain('<h2>三、逾期整改措施</h2>');
  });

  it('renders link, image and HTML syntax in an imported measure title as text in the Markdown bulletin', async () => {
    const doc = aPlanDocument({ planCode: uniqueCode('MD'), due: '2019-09-30', measures: 1 });
    doc.categories[0].aspects[0].problems[0].measures[0].title =
      '[click](http://evil) ![x](http://track) <b>整改</b>';
    expect((await rectify.request('POST', '/plans', doc)).status).toBe(201);
    const r = await rectify.request(
      'GET',
      `/plans/${doc.plan.code}/bulletin?asOf=2019-10-31&edition=public&format=md`,
    );
    expect(r.status).toBe(200);
    const md = r.body.toString('utf8');
    const row = md.split('\n').find((line: string) => line.startsWith('| P01-M1 |'));
    expect(row).toContain('| \\[click\\](http\\://evil) !\\[x\\](http\\://track) &lt;b&gt;整改&lt;/b&gt; |');
    expect(md).not.toContain('[click](');
    expect(md).not.toContain('![x](');
  });

  // The ETag is taken once a rendering (apps/api/src/reports/rendered-body.ts), as Express takes
  // it: weak, the body's length in hex, then its hash.
  it.each([
    ['bulletin', '/plans/GS-2019/bulletin?edition=internal&format=html&asOf=2019-04-18', '2019-10-31'],
    ['ledger', '/plans/GS-2019/ledger.xlsx?asOf=2019-04-18', '2019-10-31'],
  ])(
    'answers a %s asked again unchanged with 304 Not Modified, and another day with its own ETag',
    async (_, url, later) => {
      const first = await rectify.request('GET', url);
      expect(first.status).toBe(200);
      const tag = first.headers.get('etag')!;
      expect(tag).toMatch(new RegExp(`^W/"${first.body.length.toString(16)}-[A-Za-z0-9+/]{27}"$`));

      // As a browser revalidates its copy. Without a Cache-Control of its own, fetch adds no-cache to
      // a request with If-None-Match, which no server may answer from the client's copy.
      const revalidate = { 'if-none-match': tag, 'cache-control': 'max-age=0' };
      const again = await rectify.request('GET', url, undefined, revalidate);
      expect(again.status).toBe(304);
      expect(again.body).toBeNull();

      const other = await rectify.request('GET', url.replace('2019-04-18', later), undefined, revalidate);
      expect(other.status).toBe(200);
      expect(other.headers.get('etag')).not.toBe(tag);
    },
  );

  it('keeps the internal edition to the office', async () => {
    const unit = await rectify.createUser('unit', { units: ['GS-HOUSING'] });
    const denied = await unit.client.request('GET', '/plans/GS-2019/bulletin?edition=internal');
    expect(denied.status).toBe(403);
    expect((await unit.client.request('GET', '/plans/GS-2019/bulletin?edition=public')).status).toBe(200);
    expect((await unit.client.request('GET', '/plans/GS-2019/ledger.xlsx')).status).toBe(403);
  });

  it.each<[string, number, string]>([
    ['/plans/NO-SUCH-PLAN/bulletin', 404, 'NOT_FOUND'],
    ['/plans/GS-2019/bulletin?asOf=2019-02-30', 400, 'VALIDATION_FAILED'],
    ['/plans/GS-2019/bulletin?edition=secret', 400, 'VALIDATION_FAILED'],
    ['/plans/GS-2019/ledger.xlsx?asOf=yesterday', 400, 'VALIDATION_FAILED'],
  ])('GET %s → %i %s', async (route, status, code) => {
    const r = await rectify.request('GET', route);
    expect(r.status).toBe(status);
    expect(r.body.code).toBe(code);
  });

  describe('the CLI', () => {
    const api = () => ({ api: rectify.url, token });

    it('writes the template and the schema, and validates files locally with cells and readings', async () => {
      const io = capture();
      const template = path.join(dir, 'template.xlsx');
      expect(await templateCommand(template, io)).toBe(0);
      expect(await validateCommand(template, io)).toBe(0);
      expect(io.lines).toContain(
        `${template}:任务清单!O2: P08-M4: "9月底前" → 2019-09-30: by the end of the month (due at 2019-09-30T16:00:00.000Z)`,
      );
      // 长期坚持 sets no date: the track's default is used, and marked as assumed.
      expect(io.lines).toContain(
        `${template}:任务清单!O4: P14-M2: "长期坚持" sets no date: the immediate track's default deadline 2019-12-31 applies (due at 2019-12-31T16:00:00.000Z) [assumed]`,
      );
      expect(io.lines.at(-1)).toBe(`${template}: valid plan EXAMPLE-2019 with 3 measures`);

      const schema = path.join(dir, 'plan.schema.json');
      expect(await schemaCommand(schema, io)).toBe(0);
      expect(fs.readFileSync(schema, 'utf8')).toBe(planJsonSchemaText());

      const broken = path.join(dir, 'broken.xlsx');
      const wb = await load(fs.readFileSync(template));
      wb.getWorksheet(SHEET.tasks)!.getCell('M3').value = '省民政厅';
      fs.writeFileSync(broken, Buffer.from(await wb.xlsx.writeBuffer()));
      const bad = capture();
      expect(await validateCommand(broken, bad)).toBe(1);
      expect(bad.errors[0]).toBe(
        `${broken}:任务清单!M3: categories[1].aspects[0].problems[0].measures[0].leadUnit: unknown unit 省民政厅: declare it under units`,
      );
    });

    it('refuses a file over 20 MB by its size', async () => {
      const big = path.join(dir, 'big.yaml');
      fs.writeFileSync(big, Buffer.alloc(50 * 1024 * 1024, 0x20));
      const io = capture();
      expect(await validateCommand(big, io)).toBe(1);
      expect(io.errors).toEqual([`${big}: the plan file is 50.0 MB; plan files may be at most 20.0 MB`]);
    });

    it('imports through the API with a dry run first, then exports the ledger and the bulletin', async () => {
      const code = uniqueCode('CLI');
      const wb = await load(await planTemplateWorkbook());
      wb.getWorksheet(SHEET.info)!.getCell('B2').value = code;
      wb.getWorksheet(SHEET.info)!.getCell('B8').value = `${code}-INSPECTION`;
      const xlsx = path.join(dir, 'plan.xlsx');
      fs.writeFileSync(xlsx, Buffer.from(await wb.xlsx.writeBuffer()));
      expect(await importCommand(xlsx, api(), capture())).toBe(0);

      // The office edits the plan: one deadline moves, one measure leaves.
      wb.getWorksheet(SHEET.tasks)!.getCell('O3').value = '7月31日前';
      wb.getWorksheet(SHEET.tasks)!.spliceRows(4, 1);
      fs.writeFileSync(xlsx, Buffer.from(await wb.xlsx.writeBuffer()));
      const dry = capture();
      expect(await importCommand(xlsx, { dryRun: true, ...api() }, dry)).toBe(1);
      expect(dry.lines).toEqual(
        expect.arrayContaining([
          '- measure P14-M2',
          '~ measure P14-M1: due',
          '> deadline P14-M1: 6月30日前 → 7月31日前 (2019-06-30T16:00:00.000Z → 2019-07-31T16:00:00.000Z)',
        ]),
      );
      expect(dry.errors.join('\n')).toContain('--withdraw-removed');

      const applied = capture();
      expect(await importCommand(xlsx, { withdrawRemoved: true, actor: '省整改办', ...api() }, applied)).toBe(
        0,
      );
      expect(applied.lines.at(-1)).toBe(
        `plan ${code}: updated, 2 measures; workflows: 2 followed, 1 deadline(s) moved, 0 reassigned, 1 withdrawn; reporting cadence running`,
      );

      const ledger = path.join(dir, 'ledger.xlsx');
      expect(await exportLedgerCommand(code, { asOf: '2019-08-01', out: ledger, ...api() }, capture())).toBe(
        0,
      );
      const read = await readPlanFile(fs.readFileSync(ledger), 'xlsx');
      expect(
        read.ok && read.plan.categories[1].aspects[0].problems[0].measures.map((m) => [m.code, m.due]),
      ).toEqual([['P14-M1', '7月31日前']]);

      const out = capture();
      expect(await bulletinCommand(code, { asOf: '2019-08-01', edition: 'public', ...api() }, out)).toBe(0);
      expect(out.lines[0]).toContain('将巡视反馈问题梳理为2大类2个方面2个问题，制定2项整改措施。');
      expect(out.lines[0]).toContain('另有1项措施经调整已调出整改方案。');
    });
  });
});
