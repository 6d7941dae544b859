// The measure board's API: every filter, the sort columns and paging with a total over the read
// model, within each caller's scope; the XLSX export of the same view, read back with exceljs.
import { Workbook } from 'exceljs';
import { MeasureEntity } from '../../libs/persistence/src/entities/measure.entity';
import { XLSX_CONTENT_TYPE } from '../../libs/plan-io/src/plan-file-format';
import { eventually } from '../support/eventually';
import { aPlanDocument } from '../support/plan-fixtures';
import { RectifyClient, RectifyHarness, startRectify, TestAccount } from '../support/rectify-harness';
import { testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';
import { importBoardPlan } from '../support/board-fixtures';

async function workbook(bytes: Buffer): Promise<string[][]> {
  const wb = new Workbook();
  await wb.xlsx.load(bytes as never);
  const rows: string[][] = [];
  wb.getWorksheet('整改措施')!.eachRow((row) => {
    const values = row.values as unknown[];
    // Blank cells at the end of a row are not stored: the rows are read at full width.
    rows.push(Array.from({ length: 15 }, (_, i) => values[i + 1] ?? '').map(String));
  });
  return rows;
}

describe(`the measure board over HTTP (${testEngine()})`, () => {
  let rectify: RectifyHarness;
  let plan: string;
  // Unique per run and engine: the SQLite and PostgreSQL runs share one Temporal namespace, and a
  // measure's workflow id carries its plan code.
  const planCode = uniqueCode('BOARD');
  let other: string;

  const codes = async (query: string, as: RectifyClient = rectify): Promise<string[]> => {
    const r = await as.request('GET', `/measures?${query}`);
    expect(r.status).toBe(200);
    expect(r.body.total).toBe(r.body.items.length);
    return r.body.items.map((m: { code: string }) => m.code);
  };

  beforeAll(async () => {
    rectify = await startRectify();
    plan = await importBoardPlan(rectify, planCode);
    const second = await rectify.request(
      'POST',
      '/plans',
      aPlanDocument({ planCode: uniqueCode('BOARD-2'), due: '2090-01-15', measures: 2 }),
    );
    expect(second.status).toBe(201);
    other = second.body.planId;
    const [inProgress] = (await rectify.request('GET', `/measures?plan=${plan}&q=P01-M2`)).body.items;
    expect(
      (await rectify.request('POST', `/measures/${inProgress.id}/progress-reports`, { note: '已开展排查' }))
        .status,
    ).toBe(200);
    // The ladder of P02-M2 (due 2019) climbs to 督办 (level 2); the report moves P01-M2.
    await eventually(async () => {
      expect(await codes(`plan=${plan}&level=2`)).toEqual(['P02-M2']);
      expect(await codes(`plan=${plan}&status=in_progress`)).toEqual(['P01-M2']);
    });
  });
  afterAll(() => rectify?.stop());

  it('filters by plan, category, problem, unit (lead or co-unit), leader and track', async () => {
    expect(await codes(`plan=${plan}`)).toEqual(['P02-M2', 'P01-M1', 'P01-M2', 'P02-M1', 'P03-M1']);
    expect(await codes(`plan=${other}`)).toEqual(['P01-M1', 'P01-M2']);
    expect(await codes(`plan=${plan}&category=C1`)).toEqual(['P02-M2', 'P01-M1', 'P01-M2', 'P02-M1']);
    expect(await codes(`plan=${plan}&category=C2`)).toEqual(['P03-M1']);
    expect(await codes(`plan=${plan}&problem=P02`)).toEqual(['P02-M2', 'P02-M1']);
    expect(await codes(`plan=${plan}&unit=LINXIA`)).toEqual(['P02-M2', 'P01-M1']);
    expect(await codes(`plan=${plan}&unit=GS-HOUSING`)).toEqual(['P01-M1', 'P02-M1', 'P03-M1']);
    expect(await codes(`leader=${encodeURIComponent('常务副省长')}`)).toEqual(['P02-M2', 'P02-M1']);
    expect(await codes(`track=mechanism`)).toEqual(['P03-M1']);
    expect(await codes(`track=immediate&unit=GS-HOUSING`)).toEqual(['P02-M1']);
  });

  it('filters by status, escalation level, due window and text', async () => {
    expect(await codes(`status=in_progress`)).toEqual(['P01-M2']);
    expect(await codes(`plan=${plan}&status=assigned`)).toEqual(['P02-M2', 'P01-M1', 'P02-M1', 'P03-M1']);
    expect(await codes(`level=2`)).toEqual(['P02-M2']);
    expect(await codes(`plan=${plan}&level=0`)).toEqual(['P01-M1', 'P01-M2', 'P02-M1', 'P03-M1']);
    expect(await codes(`level=4`)).toEqual([]);
    // Days as the plan wrote them, both ends included, in the plan's zone (Asia/Shanghai).
    expect(await codes(`dueFrom=2090-06-30&dueTo=2090-06-30`)).toEqual(['P01-M2', 'P02-M1']);
    expect(await codes(`dueFrom=2090-07-01`)).toEqual(['P03-M1']);
    expect(await codes(`dueTo=2090-01-14`)).toEqual(['P02-M2']);
    expect(await codes(`dueFrom=2090-01-15&dueTo=2090-03-31`)).toEqual(['P01-M1', 'P01-M2', 'P01-M1']);
    expect(await codes(`plan=${plan}&q=${encodeURIComponent('危房')}`)).toEqual(['P01-M1', 'P01-M2']);
    expect(await codes(`plan=${plan}&q=p02`)).toEqual(['P02-M2', 'P02-M1']);
    expect(await codes(`q=${encodeURIComponent('100%')}`)).toEqual(['P02-M1']);
    expect(await codes(`q=${encodeURIComponent('%')}&plan=${other}`)).toEqual([]);
    const overdue = (await rectify.request('GET', `/measures?plan=${plan}&level=2`)).body.items[0];
    expect(overdue).toMatchObject({ code: 'P02-M2', overdue: true, overdueLevel: 2, due: '2019-09-30' });
    expect((await rectify.request('GET', `/measures?plan=${plan}&q=P03`)).body.items[0].overdue).toBe(false);
  });

  it('sorts by a column either way and pages with the total of every match', async () => {
    expect(await codes(`plan=${plan}&sort=code:desc`)).toEqual([
      'P03-M1',
      'P02-M2',
      'P02-M1',
      'P01-M2',
      'P01-M1',
    ]);
    expect(await codes(`plan=${plan}&sort=overdueLevel:desc`)).toEqual([
      'P02-M2',
      'P01-M1',
      'P01-M2',
      'P02-M1',
      'P03-M1',
    ]);
    expect(await codes(`plan=${plan}&sort=leadUnit:asc`)).toEqual([
      'P01-M1',
      'P02-M1',
      'P01-M2',
      'P03-M1',
      'P02-M2',
    ]);
    expect(await codes(`plan=${plan}&sort=dueAt:desc`)).toEqual([
      'P03-M1',
      'P01-M2',
      'P02-M1',
      'P01-M1',
      'P02-M2',
    ]);
    expect(await codes(`plan=${plan}&sort=status:asc`)).toEqual([
      'P01-M1',
      'P02-M1',
      'P02-M2',
      'P03-M1',
      'P01-M2',
    ]);

    const page = await rectify.request('GET', `/measures?plan=${plan}&sort=code:asc&limit=2&offset=2`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ total: 5, limit: 2, offset: 2 });
    expect(page.body.items.map((m: { code: string }) => m.code)).toEqual(['P02-M1', 'P02-M2']);
    const last = await rectify.request('GET', `/measures?plan=${plan}&sort=code:asc&limit=2&offset=4`);
    expect(last.body).toMatchObject({ total: 5, items: [{ code: 'P03-M1' }] });
    const past = await rectify.request('GET', `/measures?plan=${plan}&limit=2&offset=10`);
    expect(past.body).toMatchObject({ total: 5, items: [] });
  });

  it('keeps each role to its scope, whatever the filters ask', async () => {
    const linxia: TestAccount = await rectify.createUser('unit', { units: ['LINXIA'] });
    const poverty: TestAccount = await rectify.createUser('unit', { units: ['GS-POVERTY'] });
    const leader: TestAccount = await rectify.createUser('lead_leader', { leaderName: '常务副省长' });
    expect(await codes(`plan=${plan}`, linxia.client)).toEqual(['P02-M2', 'P01-M1']);
    expect(await codes(`plan=${plan}&unit=GS-HOUSING`, linxia.client)).toEqual(['P01-M1']);
    // A unit above sees the units below it too (LINXIA is under GS-POVERTY).
    expect(await codes(`plan=${plan}`, poverty.client)).toEqual(['P02-M2', 'P01-M1', 'P01-M2', 'P03-M1']);
    expect(await codes(`plan=${plan}&leader=${encodeURIComponent('分管副省长')}`, leader.client)).toEqual([]);
    expect(await codes(``, leader.client)).toEqual(['P02-M2', 'P02-M1']);
    const exported = await linxia.client.request('GET', `/measures/export.xlsx?plan=${plan}&sort=code:asc`);
    expect(exported.status).toBe(200);
    expect((await workbook(exported.body)).slice(1).map((r) => r[2])).toEqual(['P01-M1', 'P02-M2']);
  });

  it('refuses an unknown filter or sort, and a malformed one, with 400 VALIDATION_FAILED naming it', async () => {
    const cases: [string, string][] = [
      ['colour=red', 'query'],
      ['sort=colour:asc', 'query.sort'],
      ['sort=code', 'query.sort'],
      ['status=lost', 'query.status'],
      ['level=5', 'query.level'],
      ['dueFrom=2090-02-30', 'query.dueFrom'],
      ['dueFrom=2090-03-01&dueTo=2090-02-01', 'query.dueTo'],
      ['category=C1', 'query.category'],
      ['limit=501', 'query.limit'],
    ];
    for (const [query, path] of cases) {
      for (const route of ['/measures', '/measures/export.xlsx']) {
        if (route.endsWith('xlsx') && query.startsWith('limit')) continue;
        const r = await rectify.request('GET', `${route}?${query}`);
        expect([query, route, r.status, r.body.code]).toEqual([query, route, 400, 'VALIDATION_FAILED']);
        expect(r.body.details.map((d: { path: string }) => d.path)).toEqual([path]);
      }
    }
    const limitOnExport = await rectify.request('GET', '/measures/export.xlsx?limit=10');
    expect(limitOnExport.status).toBe(400);
    expect(limitOnExport.body.message).toContain('limit');
  });

  it('exports the filtered, sorted view as XLSX with Chinese headers, row for row', async () => {
    const r = await rectify.request('GET', `/measures/export.xlsx?plan=${plan}&category=C1&sort=code:desc`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain(XLSX_CONTENT_TYPE);
    expect(r.headers.get('content-disposition')).toMatch(
      /attachment; filename="measures-\d{4}-\d{2}-\d{2}\.xlsx"/,
    );
    expect(await workbook(r.body)).toEqual([
      [
        '方案',
        '问题编号',
        '措施编号',
        '整改措施',
        '整改类型',
        '牵头领导',
        '牵头单位',
        '配合单位',
        '完成时限',
        '状态',
        '逾期',
        '督办等级',
        '销号日期',
        '亮灯',
        '签收',
      ],
      [
        planCode,
        'P02',
        'P02-M2',
        '追回挪用资金',
        '立行立改',
        '常务副省长',
        'LINXIA',
        '',
        '2019-09-30',
        '已交办',
        '是',
        '督办',
        '',
        '红灯',
        '',
      ],
      [
        planCode,
        'P02',
        'P02-M1',
        '清理违规资金100%',
        '立行立改',
        '常务副省长',
        'GS-HOUSING',
        '',
        '2090-06-30',
        '已交办',
        '',
        '',
        '',
        '绿灯',
        '',
      ],
      [
        planCode,
        'P01',
        'P01-M2',
        '建立危房动态监测机制',
        '长期攻坚',
        '分管副省长',
        'GS-POVERTY',
        '',
        '2090-06-30',
        '整改中',
        '',
        '',
        '',
        '绿灯',
        '',
      ],
      [
        planCode,
        'P01',
        'P01-M1',
        '完成2.65万户危房改造',
        '长期攻坚',
        '分管副省长',
        'GS-HOUSING',
        'LINXIA',
        '2090-03-31',
        '已交办',
        '',
        '',
        '',
        '绿灯',
        '',
      ],
    ]);
    // An export discloses the list in bulk: it is recorded as an audited read.
    await eventually(async () => {
      const rows = (await rectify.request('GET', '/audit?limit=10')).body.items;
      expect(
        rows
          .filter(
            (x: { path: string }) =>
              x.path === `/measures/export.xlsx?plan=${plan}&category=C1&sort=code:desc`,
          )
          .map((x: { action: string; status: number | null }) => [x.action, x.status]),
      ).toEqual([
        ['measure:read', 200],
        ['measure:read', null],
      ]);
    });
    const none = await rectify.request('GET', `/measures/export.xlsx?q=nothing-matches`);
    expect(none.status).toBe(200);
    expect(await workbook(none.body)).toHaveLength(1);
  });

  it('pages and counts 50,001 measures, and refuses to export more than 50,000 with 422 EXPORT_TOO_LARGE', async () => {
    // The read model at board scale, written straight into the table: the workflows are not what
    // is tested here, the list's queries are.
    // One INSERT … SELECT: copies of a measure of the second plan, one minute apart from 2091.
    const ds = rectify.db.dataSource;
    const [template] = await ds.query(
      `SELECT id FROM measures WHERE plan_id = '${other}' AND code = 'P01-M1'`,
    );
    const minutes =
      testEngine() === 'postgres'
        ? `TIMESTAMPTZ '2091-01-01T00:00:00Z' + n.i * INTERVAL '1 minute'`
        : `strftime('%Y-%m-%d %H:%M:%f', '2091-01-01', '+' || n.i || ' minutes')`;
    const copied: Record<string, string> = {
      id: `'00000000-0000-4000-8000-' || (100000000000 + n.i)`,
      code: `'BULK-' || (100000 + n.i)`,
      workflow_id: `'bulk-' || n.i`,
      due_at: minutes,
      position: `100 + n.i`,
    };
    const columns = ds.getMetadata(MeasureEntity).columns.map((c) => c.databaseName);
    await ds.query(
      `INSERT INTO measures (${columns.join(', ')})
       WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 50000)
       SELECT ${columns.map((c) => copied[c] ?? `t.${c}`).join(', ')}
       FROM n CROSS JOIN measures t WHERE t.id = '${template.id}'`,
    );
    const page = await rectify.request('GET', `/measures?plan=${other}&sort=dueAt:desc&limit=3&offset=1`);
    expect(page.status).toBe(200);
    expect(page.body.total).toBe(50_003);
    expect(page.body.items.map((m: { code: string }) => m.code)).toEqual([
      'BULK-149999',
      'BULK-149998',
      'BULK-149997',
    ]);
    const refused = await rectify.request('GET', `/measures/export.xlsx?plan=${other}`);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      code: 'EXPORT_TOO_LARGE',
      message: '50003 measures match; one export holds at most 50000: narrow the filters',
    });
  });
});
