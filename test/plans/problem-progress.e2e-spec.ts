// Progress as offices report it, over HTTP on the real servers: five problems driven to each
// problem status under the plan's own rule, read back from GET /plans/:id, the bulletin's text (both
// editions, today and as of yesterday) and the ledger's cells; the plan's declared totals beside the
// modelled counts; and 目标调整, an indicator target adjusted with a reason and an approver, which
// a completion claim then reads, refused with an exact status and nothing written on bad input.
import { Workbook, type Worksheet } from 'exceljs';
import { aPlanDocument } from '../support/plan-fixtures';
import { eventually } from '../support/eventually';
import { RectifyHarness, startRectify, TestAccount } from '../support/rectify-harness';
import { testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

const DUE = '2030-06-30';
const ZONE = 'Asia/Shanghai';

// P01 long_term: M1 (houses, target 120), M2 → signed off: 1 of 2, the stage goal (≥ 0.3).
// P02 immediate: M1 signed off, M2 withdrawn → done.  P03 immediate: M1 reporting → in progress.
// P04 mechanism: M1 untouched → not started.  P05 long_term: 2 of 3 signed off → basically done (≥ 0.6).
function aProgressPlan(planCode: string) {
  const doc = aPlanDocument({ planCode, measures: 1, due: DUE });
  Object.assign(doc.plan, {
    problemProgressRule: { stageGoalShare: 0.3, basicallyDoneShare: 0.6 },
    declared: { problems: 30, measures: 20 },
  });
  const aspect = doc.categories[0].aspects[0];
  const template = aspect.problems[0];
  const measure = (code: string) => ({ ...template.measures[0], code, title: `措施${code}`, indicators: [] });
  template.measures = [
    {
      ...template.measures[0],
      title: '完成危房改造',
      indicators: [{ code: 'houses', name: '危房改造户数', unit: '户', target: 120, current: 0 }],
    },
    measure('P01-M2'),
  ];
  const problem = (code: string, track: string, measures: number) => ({
    ...template,
    code,
    title: `问题${code}`,
    track: track as typeof template.track,
    measures: Array.from({ length: measures }, (_, i) => measure(`${code}-M${i + 1}`)),
  });
  aspect.problems.push(
    problem('P02', 'immediate', 2),
    problem('P03', 'immediate', 1),
    problem('P04', 'mechanism', 1),
    problem('P05', 'long_term', 3),
  );
  return doc;
}

function localDay(ms: number): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(ms));
}

function rows(ws: Worksheet, columns: number): string[][] {
  const out: string[][] = [];
  ws.eachRow((row) => {
    out.push(
      Array.from({ length: columns }, (_, i) => {
        const v = row.getCell(i + 1).value;
        return v === null || v === undefined ? '' : String(v);
      }),
    );
  });
  return out;
}

describe(`progress as offices report it (${testEngine()})`, () => {
  let rectify: RectifyHarness;
  let office: TestAccount;
  let unit: TestAccount;
  let verifier: TestAccount;
  let planCode: string;
  const ids: Record<string, string> = {};

  const ok = (r: { status: number; body: unknown }) =>
    expect({ status: r.status, body: r.body }).toMatchObject({ status: 200 });
  const measure = async (code: string) => (await office.client.request('GET', `/measures/${ids[code]}`)).body;
  const adjust = (code: string, indicator: string, body: unknown, as = office.client) =>
    as.request('POST', `/measures/${ids[code]}/indicators/${indicator}/target-adjustment`, body);

  beforeAll(async () => {
    rectify = await startRectify();
    office = await rectify.createUser('office');
    unit = await rectify.createUser('unit', { units: ['GS-HOUSING', 'GS-POVERTY'] });
    verifier = await rectify.createUser('verifier', { units: ['GS-HOUSING', 'GS-POVERTY'] });
    planCode = uniqueCode('PP');
    const imported = await office.client.request('POST', '/plans', aProgressPlan(planCode));
    expect(imported.status).toBe(201);
    const list = await office.client.request('GET', `/measures?plan=${imported.body.planId}&limit=50`);
    for (const m of list.body.items as { code: string; id: string }[]) ids[m.code] = m.id;
    expect(Object.keys(ids)).toHaveLength(9);
  }, 240_000);
  afterAll(() => rectify?.stop());

  it('adjusts an indicator target (目标调整) with a reason and an approver, and refuses bad input with nothing written', async () => {
    const before = await measure('P01-M1');
    const refusals: [string, Promise<{ status: number; body: { code?: string } }>, number][] = [
      [
        'a blank reason',
        adjust('P01-M1', 'houses', { target: 112, reason: '  ', approvedBy: '省扶贫办' }),
        400,
      ],
      ['no approver', adjust('P01-M1', 'houses', { target: 112, reason: '搬迁' }), 400],
      [
        'a target that is not a number',
        adjust('P01-M1', 'houses', { target: '112', reason: '搬迁', approvedBy: '省扶贫办' }),
        400,
      ],
      [
        'a non-finite target',
        office.client.request(
          'POST',
          `/measures/${ids['P01-M1']}/indicators/houses/target-adjustment`,
          '{"target":1e999,"reason":"搬迁","approvedBy":"省扶贫办"}',
          { 'content-type': 'application/json' },
        ),
        400,
      ],
      [
        'an indicator named in the body too',
        adjust('P01-M1', 'houses', {
          indicator: 'houses',
          target: 112,
          reason: '搬迁',
          approvedBy: '省扶贫办',
        }),
        400,
      ],
      [
        'an unknown indicator',
        adjust('P01-M1', 'rooms', { target: 112, reason: '搬迁', approvedBy: '省扶贫办' }),
        400,
      ],
      [
        'the target it already has',
        adjust('P01-M1', 'houses', { target: 120, reason: '搬迁', approvedBy: '省扶贫办' }),
        400,
      ],
      [
        'an unknown measure',
        office.client.request(
          'POST',
          '/measures/00000000-0000-4000-8000-000000000000/indicators/houses/target-adjustment',
          {
            target: 112,
            reason: '搬迁',
            approvedBy: '省扶贫办',
          },
        ),
        404,
      ],
      [
        'a responsible unit',
        adjust('P01-M1', 'houses', { target: 112, reason: '搬迁', approvedBy: '省扶贫办' }, unit.client),
        403,
      ],
      [
        'a verifier',
        adjust('P01-M1', 'houses', { target: 112, reason: '搬迁', approvedBy: '省扶贫办' }, verifier.client),
        403,
      ],
      [
        'the public',
        adjust(
          'P01-M1',
          'houses',
          { target: 112, reason: '搬迁', approvedBy: '省扶贫办' },
          rectify.anonymous,
        ),
        401,
      ],
    ];
    for (const [name, answer, status] of refusals)
      expect([name, (await answer).status]).toEqual([name, status]);
    const unknown = await adjust('P01-M1', 'rooms', { target: 112, reason: '搬迁', approvedBy: '省扶贫办' });
    expect(unknown.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ path: 'indicator', message: 'unknown indicator rooms' }],
    });
    const after = await measure('P01-M1');
    expect(after.events).toEqual(before.events);
    expect(after.indicators).toEqual(before.indicators);

    const r = await adjust('P01-M1', 'houses', {
      target: 112,
      reason: '8户纳入易地扶贫搬迁',
      approvedBy: '省扶贫办',
    });
    expect(r.status).toBe(200);
    expect(r.body.workflow.indicators).toEqual([
      expect.objectContaining({
        code: 'houses',
        target: 112,
        adjustment: expect.objectContaining({
          originalTarget: 120,
          reason: '8户纳入易地扶贫搬迁',
          approvedBy: '省扶贫办',
        }),
      }),
    ]);
    const adjusted = await eventually(async () => {
      const m = await measure('P01-M1');
      expect(m.indicators[0].target).toBe(112);
      return m;
    });
    expect(adjusted.indicators[0]).toEqual({
      code: 'houses',
      name: '危房改造户数',
      unit: '户',
      target: 112,
      current: 0,
      adjustment: {
        originalTarget: 120,
        reason: '8户纳入易地扶贫搬迁',
        approvedBy: '省扶贫办',
        actor: expect.stringMatching(/^office:user:/),
        adjustedAt: expect.any(String),
      },
    });
    const events = adjusted.events.filter((e: { kind: string }) => e.kind === 'target_adjusted');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actor: expect.stringMatching(/^office:user:/),
      detail: {
        indicator: 'houses',
        originalTarget: 120,
        from: 120,
        to: 112,
        reason: '8户纳入易地扶贫搬迁',
        approvedBy: '省扶贫办',
      },
    });

    // The claim reads the adjusted target: 112 houses is the target met, no explanation needed.
    const claim = await unit.client.request('POST', `/measures/${ids['P01-M1']}/completion-claims`, {
      evidence: [{ kind: 'photo', description: '改造后住房照片' }],
      indicators: [{ code: 'houses', current: 112 }],
    });
    ok(claim);
    expect(claim.body.workflow.claim.flags).toEqual([]);
    // Under verification the target no longer moves.
    const late = await adjust('P01-M1', 'houses', { target: 110, reason: '再核减', approvedBy: '省扶贫办' });
    expect(late.status).toBe(409);
  });

  it('rolls measures up to each problem in GET /plans/:id, the bulletin and the ledger, as of today and of yesterday', async () => {
    for (const code of ['P01-M2', 'P02-M1', 'P05-M1', 'P05-M2']) {
      ok(
        await unit.client.request('POST', `/measures/${ids[code]}/completion-claims`, {
          evidence: [{ kind: 'photo', description: '现场照片' }],
        }),
      );
      ok(
        await verifier.client.request('POST', `/measures/${ids[code]}/verification`, { decision: 'accept' }),
      );
    }
    ok(
      await office.client.request('POST', `/measures/${ids['P02-M2']}/withdrawal`, {
        reason: '已并入P02-M1',
      }),
    );
    ok(
      await unit.client.request('POST', `/measures/${ids['P03-M1']}/progress-reports`, {
        note: '已启动排查',
      }),
    );

    const plan = await eventually(async () => {
      const r = await office.client.request('GET', `/plans/${planCode}`);
      expect(r.status).toBe(200);
      expect(r.body.summary.measuresByStatus).toEqual({
        verified: 4,
        withdrawn: 1,
        in_progress: 1,
        completion_claimed: 1,
        assigned: 2,
      });
      return r.body;
    });
    const problems = plan.categories[0].aspects[0].problems;
    expect(problems.map((p: { code: string; progress: unknown }) => [p.code, p.progress])).toEqual([
      ['P01', { status: 'stage_goal', measures: 2, done: 1 }],
      ['P02', { status: 'done', measures: 1, done: 1 }],
      ['P03', { status: 'in_progress', measures: 1, done: 0 }],
      ['P04', { status: 'not_started', measures: 1, done: 0 }],
      ['P05', { status: 'basically_done', measures: 3, done: 2 }],
    ]);
    expect(plan.summary.problemsByProgress).toEqual({
      not_started: 1,
      in_progress: 1,
      stage_goal: 1,
      basically_done: 1,
      done: 1,
    });
    expect(plan.problemProgressRule).toEqual({
      stageGoalShare: 0.3,
      basicallyDoneShare: 0.6,
      doneNeedsLookBack: false,
    });
    expect(plan.declared).toEqual({
      categories: { declared: null, modelled: 1, difference: null },
      aspects: { declared: null, modelled: 1, difference: null },
      problems: { declared: 30, modelled: 5, difference: 25 },
      measures: { declared: 20, modelled: 9, difference: 11 },
    });

    const today = localDay(Date.now());
    const yesterday = localDay(Date.now() - 86_400_000);
    const zh = (day: string) =>
      `${Number(day.slice(0, 4))}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
    for (const edition of ['internal', 'public']) {
      const r = await office.client.request(
        'GET',
        `/plans/${planCode}/bulletin?asOf=${today}&edition=${edition}&format=md`,
      );
      expect(r.status).toBe(200);
      const md: string = r.body.toString('utf8');
      expect(md).toContain(
        '将巡视反馈问题梳理为1大类1个方面30个问题（台账录入5个问题，差25个问题），' +
          `制定整改措施20项（台账录入9项，差11项）。截至${zh(today)}，台账录入的9项整改措施中，已完成（销号）4项，` +
          '正在推进4项（其中申请销号待验收1项），逾期未完成0项，调出1项。',
      );
      expect(md).not.toContain('制定9项整改措施');
      expect(md).toContain(
        '按问题统计，台账录入的5个问题中，3个问题基本实现阶段目标，其中1个问题已整改到位、1个问题基本完成；' +
          '1个问题正在推进；1个问题尚未启动。',
      );
      expect(md).toContain('| 整改类型 | 问题 | 尚未启动 | 推进中 | 阶段目标 | 基本完成 | 整改到位 |');
      expect(md).toContain('| 立行立改 | 2 | 0 | 1 | 0 | 0 | 1 |');
      expect(md).toContain('| 长效机制 | 1 | 1 | 0 | 0 | 0 | 0 |');
      expect(md).toContain('| 长期攻坚 | 2 | 0 | 0 | 1 | 1 | 0 |');
      expect(md).toContain('| 合计 | 5 | 1 | 1 | 1 | 1 | 1 |');
      expect(md).toContain('| P01-M1 | 危房改造户数 | 112户（调整后） | 112户 | 100% |');
      expect(md).toContain(
        '目标调整说明：P01-M1 危房改造户数：目标由120户调整为112户：8户纳入易地扶贫搬迁（省扶贫办批准）。',
      );
    }
    // As of yesterday nothing had happened: every problem not started, the plan target in force.
    const before = await office.client.request(
      'GET',
      `/plans/${planCode}/bulletin?asOf=${yesterday}&edition=public&format=md`,
    );
    expect(before.status).toBe(200);
    const old: string = before.body.toString('utf8');
    expect(old).toContain('按问题统计，台账录入的5个问题中，0个问题基本实现阶段目标；5个问题尚未启动。');
    expect(old).toContain('| P01-M1 | 危房改造户数 | 120户 |');
    expect(old).not.toContain('目标调整说明');

    const ledger = await office.client.request('GET', `/plans/${planCode}/ledger.xlsx?asOf=${today}`);
    expect(ledger.status).toBe(200);
    const wb = new Workbook();
    await wb.xlsx.load(ledger.body as never);
    const problemSheet = rows(wb.getWorksheet('问题清单')!, 10);
    expect(problemSheet[0][9]).toBe('整改进度');
    expect(problemSheet.slice(1).map((r) => [r[0], r[6], r[7], r[9]])).toEqual([
      ['P01', '2', '1', '阶段目标'],
      ['P02', '2', '1', '整改到位'],
      ['P03', '1', '0', '推进中'],
      ['P04', '1', '0', '尚未启动'],
      ['P05', '3', '2', '基本完成'],
    ]);
    const summary = Object.fromEntries(rows(wb.getWorksheet('概况')!, 2));
    expect(summary).toMatchObject({
      方案公布问题: '30个（台账录入5个，差25个）',
      方案公布整改措施: '20项（台账录入9项，差11项）',
      问题尚未启动: '1',
      问题推进中: '1',
      问题阶段目标: '1',
      问题基本完成: '1',
      问题整改到位: '1',
    });
    const indicatorSheet = rows(wb.getWorksheet('指标进展')!, 9);
    expect(indicatorSheet[0][8]).toBe('目标调整');
    expect(indicatorSheet[1]).toEqual([
      'P01-M1',
      'houses',
      '危房改造户数',
      '户',
      '112',
      '',
      '112',
      '100',
      '目标由120户调整为112户：8户纳入易地扶贫搬迁（省扶贫办批准）',
    ]);
  });
  it('keeps an adjusted target across a re-import that leaves the target as the plan wrote it', async () => {
    const doc = aProgressPlan(planCode);
    doc.categories[0].aspects[0].problems[0].measures[0].title = '完成危房改造（修订）';
    const r = await office.client.request('POST', '/plans', doc);
    expect(r.status).toBe(200);
    expect(r.body.outcome).toBe('updated');
    const m = await measure('P01-M1');
    expect(m.title).toBe('完成危房改造（修订）');
    expect(m.indicators[0]).toMatchObject({ target: 112, current: 112, adjustment: { originalTarget: 120 } });
  });
});
