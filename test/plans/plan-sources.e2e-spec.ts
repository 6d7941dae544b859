import { Workbook, type Worksheet } from 'exceljs';
import { aPlanDocument } from '../support/plan-fixtures';
import { eventually } from '../support/eventually';
import { RectifyHarness, startRectify } from '../support/rectify-harness';
import { testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';
import { bulletinText } from '../support/report-fixtures';

type Doc = ReturnType<typeof aPlanDocument>;
type Json = Record<string, unknown>;

async function sheet(bytes: Buffer, name: string): Promise<string[][]> {
  const wb = new Workbook();
  await wb.xlsx.load(bytes as never);
  const ws = wb.getWorksheet(name) as Worksheet;
  const rows: string[][] = [];
  ws.eachRow((row) => {
    const cells: string[] = [];
    for (let i = 1; i <= ws.columnCount; i++) {
      const v = row.getCell(i).value;
      cells.push(v === null || v === undefined ? '' : String(v));
    }
    rows.push(cells);
  });
  return rows;
}

// A measure as the fixture writes it, under another code.
function measureOf(doc: Doc, code: string, due = '2019-09-30'): Json {
  return { ...doc.categories[0].aspects[0].problems[0].measures[0], code, due, indicators: [] };
}

describe(`where problems come from: sources, carry-over, tree shape (${testEngine()})`, () => {
  let rectify: RectifyHarness;

  beforeAll(async () => {
    rectify = await startRectify();
  });
  afterAll(async () => {
    await rectify?.stop();
  });

  const bulletin = (code: string, asOf = '2019-10-31') => bulletinText(rectify, code, asOf);
  const ledger = async (code: string, name: string) => {
    const r = await rectify.request('GET', `/plans/${code}/ledger.xlsx?asOf=2019-10-31`);
    expect(r.status).toBe(200);
    return sheet(r.body as Buffer, name);
  };

  it('imports a plan whose categories hold problems directly, and says it in its own level labels', async () => {
    const doc = aPlanDocument({ planCode: uniqueCode('FLAT') }) as Doc & Json;
    const problem = doc.categories[0].aspects[0].problems[0];
    (doc.plan as Json).levelLabels = { category: '类', aspect: '项' };
    (doc as Json).categories = [
      {
        code: 'C1',
        title: '政治责任落实不到位',
        leadUnit: 'GS-POVERTY',
        problems: [
          { ...problem, code: 'P01', measures: [measureOf(doc, 'P01-M1')] },
          { ...problem, code: 'P02', title: '产业扶贫带贫机制不健全', measures: [measureOf(doc, 'P02-M1')] },
        ],
      },
      {
        code: 'C2',
        title: '基层基础工作薄弱',
        aspects: [
          {
            code: 'C2-A1',
            title: '驻村帮扶',
            leadUnit: 'LINXIA',
            problems: [
              { ...problem, code: 'P03', title: '驻村帮扶不扎实', measures: [measureOf(doc, 'P03-M1')] },
            ],
          },
        ],
      },
    ];
    const imported = await rectify.request('POST', '/plans', doc);
    expect(imported.status).toBe(201);
    expect(imported.body.measures).toBe(3);

    const plan = await rectify.request('GET', `/plans/${doc.plan.code}`);
    expect(plan.body.levelLabels).toEqual({ category: '类', aspect: '项', problem: '个问题' });
    expect(plan.body.categories[0]).toMatchObject({
      code: 'C1',
      leadUnit: 'GS-POVERTY',
      aspects: [],
      problems: [{ code: 'P01' }, { code: 'P02' }],
    });
    expect(plan.body.categories[1]).toMatchObject({
      code: 'C2',
      leadUnit: null,
      aspects: [{ code: 'C2-A1', leadUnit: 'LINXIA', problems: [{ code: 'P03' }] }],
    });
    expect(plan.body.categories[1]).not.toHaveProperty('problems');

    const md = await bulletin(doc.plan.code);
    expect(md).toContain('将巡视反馈问题梳理为2类1项3个问题，制定3项整改措施。');
    expect(md).toContain(
      '2018年10月17日至2018年11月30日，中央第一巡视组对中共甘肃省委开展巡视，2019年1月18日反馈了巡视意见。',
    );

    const problems = await ledger(doc.plan.code, '问题清单');
    expect(problems.map((r) => r.slice(0, 4))).toEqual([
      ['问题编号', '问题大类', '问题方面', '问题'],
      ['P01', '政治责任落实不到位', '', problem.title],
      ['P02', '政治责任落实不到位', '', '产业扶贫带贫机制不健全'],
      ['P03', '基层基础工作薄弱', '驻村帮扶', '驻村帮扶不扎实'],
    ]);
    const summary = await ledger(doc.plan.code, '概况');
    expect(summary.find((r) => r[0] === '问题')).toEqual(['问题', '2类1项3个问题']);
  });

  it('imports a plan with several sources, problems naming two, and breaks the bulletin down by source', async () => {
    const doc = aPlanDocument({ planCode: uniqueCode('SRC') }) as Doc & Json;
    (doc as Json).sources = [
      {
        code: 'XC',
        kind: 'patrol',
        body: '省委第三巡察组',
        from: '2019-03-01',
        to: '2019-03-31',
        feedbackDate: '2019-04-20',
      },
      { code: 'DC', kind: 'special_supervision', body: '省政府督查室', feedbackDate: '2019-05-10' },
    ];
    const aspect = doc.categories[0].aspects[0] as Json & { problems: Json[] };
    const problem = aspect.problems[0];
    aspect.problems = [
      { ...problem, code: 'P01', sources: ['XC'], measures: [measureOf(doc, 'P01-M1')] },
      {
        ...problem,
        code: 'P02',
        title: '易地扶贫搬迁后续扶持不到位',
        sources: ['XC', 'DC'],
        measures: [measureOf(doc, 'P02-M1'), measureOf(doc, 'P02-M2')],
      },
    ];

    // An unknown source is refused with its path, and nothing is written.
    const wrong = structuredClone(doc) as Json & { categories: { aspects: { problems: Json[] }[] }[] };
    wrong.categories[0].aspects[0].problems[1].sources = ['XC', 'SJ'];
    const refused = await rectify.request('POST', '/plans', wrong);
    expect(refused.status).toBe(400);
    expect(refused.body.details).toEqual([
      {
        path: 'categories[0].aspects[0].problems[1].sources[1]',
        message: 'unknown source SJ: declare it under sources (known: XC, DC)',
        location: expect.any(String),
      },
    ]);
    expect((await rectify.request('GET', `/plans/${doc.plan.code}`)).status).toBe(404);

    const created = await rectify.request('POST', '/plans', doc);
    expect(created.status).toBe(201);
    const id = async (code: string) =>
      (await rectify.request('GET', `/measures?plan=${created.body.planId}`)).body.items.find(
        (m: Json) => m.code === code,
      ).id;
    const m1 = await id('P01-M1');
    await rectify.request('POST', `/measures/${m1}/completion-claims`, {
      evidence: [{ kind: 'photo', description: '改造后住房照片' }],
    });
    expect(
      (await rectify.request('POST', `/measures/${m1}/verification`, { decision: 'accept' })).status,
    ).toBe(200);

    const plan = await rectify.request('GET', `/plans/${doc.plan.code}`);
    expect(plan.body.sources.map((s: Json) => [s.code, s.kind, s.body, s.implicit])).toEqual([
      ['XC', 'patrol', '省委第三巡察组', false],
      ['DC', 'special_supervision', '省政府督查室', false],
    ]);
    expect(plan.body.categories[0].aspects[0].problems.map((p: Json) => [p.code, p.sources])).toEqual([
      ['P01', ['XC']],
      ['P02', ['XC', 'DC']],
    ]);

    const md = await eventually(async () => {
      const text = await bulletin(doc.plan.code, '2030-01-01');
      expect(text).toContain('已完成（销号）1项');
      return text;
    });
    expect(md).toContain(
      '2019年3月1日至2019年3月31日，省委第三巡察组对中共甘肃省委开展巡察，2019年4月20日反馈了巡察意见；' +
        '省政府督查室对中共甘肃省委开展专项督查，2019年5月10日反馈了督查意见。',
    );
    expect(md).not.toContain('开展巡视');
    expect(md).toContain('将上述反馈问题梳理为1大类1个方面2个问题，制定3项整改措施。');
    expect(md).toContain(
      '按问题来源，省委第三巡察组巡察反馈问题2个（整改措施3项，已完成1项）；' +
        '省政府督查室督查反馈问题1个（整改措施2项，已完成0项）（同一问题涉及多个来源的，分别计入）。',
    );

    const problems = await ledger(doc.plan.code, '问题清单');
    expect(problems[0].slice(9)).toEqual(['整改进度', '问题来源', '承接问题']);
    expect(problems.slice(1).map((r) => [r[0], r[10]])).toEqual([
      ['P01', '省委第三巡察组巡察'],
      ['P02', '省委第三巡察组巡察、省政府督查室专项督查'],
    ]);

    // A re-import that only changes which sources a problem names is applied, not found unchanged.
    (aspect.problems[0] as Json).sources = ['XC', 'DC'];
    const changed = await rectify.request('POST', '/plans', doc);
    expect(changed.status).toBe(200);
    expect(changed.body.outcome).toBe('updated');
    expect(changed.body.diff.problems.changed).toEqual([
      { code: 'P01', changes: [{ field: 'sources', before: ['XC'], after: ['XC', 'DC'] }] },
    ]);
    const after = await rectify.request('GET', `/plans/${doc.plan.code}`);
    expect(after.body.categories[0].aspects[0].problems[0].sources).toEqual(['XC', 'DC']);
  });

  it('carries a problem over from an earlier plan and reopens its signed-off measure instead of duplicating it', async () => {
    const earlier = aPlanDocument({ planCode: uniqueCode('OLD'), measures: 2 });
    const first = await rectify.request('POST', '/plans', earlier);
    expect(first.status).toBe(201);
    const ids = Object.fromEntries(
      (await rectify.request('GET', `/measures?plan=${first.body.planId}`)).body.items.map((m: Json) => [
        m.code,
        m.id,
      ]),
    );
    await rectify.request('POST', `/measures/${ids['P01-M1']}/completion-claims`, {
      evidence: [{ kind: 'photo', description: '改造后住房照片' }],
      indicators: [{ code: 'houses', current: 26_500 }],
    });
    const verified = await rectify.request('POST', `/measures/${ids['P01-M1']}/verification`, {
      decision: 'accept',
    });
    expect(verified.status).toBe(200);

    const later = aPlanDocument({ planCode: uniqueCode('HTK') }) as Doc & Json;
    (later.inspection as Json).code = `${later.plan.code}-INSPECTION`;
    const problem = later.categories[0].aspects[0].problems[0] as Json;
    problem.carriesOver = { plan: earlier.plan.code, problem: 'P01' };
    problem.measures = [
      {
        ...measureOf(later, 'H01-M1', '2030-06-30'),
        reopens: { plan: earlier.plan.code, measure: 'P01-M1' },
      },
      measureOf(later, 'H01-M2', '2030-06-30'),
    ];

    // Links to what the installation does not hold are refused with their paths; nothing is written.
    const missing = structuredClone(later) as typeof later;
    const mp = missing.categories[0].aspects[0].problems[0] as Json & { measures: Json[] };
    mp.carriesOver = { plan: 'NO-SUCH-PLAN', problem: 'P01' };
    mp.measures[0].reopens = { plan: earlier.plan.code, measure: 'P01-M2' };
    const refused = await rectify.request('POST', '/plans', missing);
    expect(refused.status).toBe(400);
    expect(refused.body.details).toEqual([
      {
        path: 'categories[0].aspects[0].problems[0].carriesOver.plan',
        message: 'no plan NO-SUCH-PLAN in this installation',
      },
      {
        path: 'categories[0].aspects[0].problems[0].measures[0].reopens.measure',
        message: `measure P01-M2 of plan ${earlier.plan.code} is assigned; only a signed-off (verified, 已销号) measure is reopened`,
      },
    ]);
    expect((await rectify.request('GET', `/plans/${later.plan.code}`)).status).toBe(404);

    const imported = await rectify.request('POST', '/plans', later);
    expect(imported.status).toBe(201);
    // Only the new measure is followed by this plan; the reopened one by its own workflow.
    expect(imported.body.measures).toBe(1);
    const reopened = await eventually(async () => {
      const r = await rectify.request('GET', `/measures/${ids['P01-M1']}`);
      expect(r.body.status).toBe('in_progress');
      return r;
    });
    // The end of 2030-06-30 in Asia/Shanghai, as every date deadline.
    expect(reopened.body.dueAt).toBe('2030-06-30T16:00:00.000Z');
    expect(reopened.body.events.map((e: Json) => e.kind)).toEqual(
      expect.arrayContaining(['verified', 'look_back_scheduled', 'look_back_failed']),
    );
    expect(reopened.body.events.find((e: Json) => e.kind === 'look_back_failed').detail.findings).toContain(
      later.plan.code,
    );

    // The new measure shows the earlier problem's measures and their history.
    const own = (await rectify.request('GET', `/measures?plan=${imported.body.planId}`)).body.items;
    expect(own.map((m: Json) => m.code)).toEqual(['H01-M2']);
    const detail = await rectify.request('GET', `/measures/${own[0].id}`);
    expect(detail.body.carriedOver).toMatchObject({
      plan: earlier.plan.code,
      problem: 'P01',
      measures: [
        { code: 'P01-M1', status: 'in_progress', link: `/measures/${ids['P01-M1']}` },
        { code: 'P01-M2', status: 'assigned', link: `/measures/${ids['P01-M2']}` },
      ],
    });
    expect(detail.body.carriedOver.measures[0].timeline.map((e: Json) => e.kind)).toEqual(
      expect.arrayContaining(['completion_claimed', 'verified', 'look_back_failed']),
    );

    const plan = await rectify.request('GET', `/plans/${later.plan.code}`);
    expect(plan.body.categories[0].aspects[0].problems[0]).toMatchObject({
      carriesOver: { plan: earlier.plan.code, problem: 'P01' },
      reopens: [{ plan: earlier.plan.code, measure: 'P01-M1', measureCode: 'H01-M1' }],
    });

    // The problem is counted once, its reopened measure by the earlier measure's state.
    const md = await bulletin(later.plan.code, '2030-01-01');
    expect(md).toContain('将巡视反馈问题梳理为1大类1个方面1个问题，制定2项整改措施。');
    expect(md).toContain('已完成（销号）0项，正在推进2项');
    expect(md).toContain('承接此前整改方案问题1个，重新整改此前已销号措施1项（不重复计入新措施）。');
    const problems = await ledger(later.plan.code, '问题清单');
    expect(problems[1].slice(10)).toEqual([
      '中央第一巡视组对甘肃省脱贫攻坚专项巡视',
      `${earlier.plan.code}/P01；重新整改${earlier.plan.code}/P01-M1`,
    ]);

    // The same plan again changes nothing, and reopens nothing twice.
    const again = await rectify.request('POST', '/plans', later);
    expect(again.status).toBe(200);
    expect(again.body.outcome).toBe('unchanged');
    const events = (await rectify.request('GET', `/measures/${ids['P01-M1']}`)).body.events;
    expect(events.filter((e: Json) => e.kind === 'look_back_failed')).toHaveLength(1);
  });
});
