import { measureWorkflowId } from '../../libs/domain/src/measure-identity';
import { drawPlaces, samplingRuleSchema } from '../../libs/domain/src/spot-inspection';
import { eventually } from '../support/eventually';
import { aPlanDocument } from '../support/plan-fixtures';
import { RectifyHarness, startRectify, TestAccount } from '../support/rectify-harness';
import { spotRowCounts } from '../support/row-counts';
import { testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

// A city and eight counties below it: the places spot inspections visit.
const COUNTIES = ['DONGXIANG', 'LINTAN', 'DIEBU', 'DANGCHANG', 'MINXIAN', 'ZHUOXI', 'JISHISHAN', 'HEZHENG'];
const UNITS = [
  { code: 'LINXIA', name: '临夏州', level: 'city' },
  ...COUNTIES.map((code) => ({ code, name: `${code}县`, level: 'county', parent: 'LINXIA' })),
];
const RULE = {
  placesPerGroup: 2,
  householdsPerPlace: { 建档立卡户: 3, 边缘户: 2 },
  period: 'quarter',
  noRepeatAcrossRounds: true,
};

function aRound(o: Record<string, unknown> = {}) {
  return {
    code: uniqueCode('AF'),
    title: '2019年第二季度脱贫攻坚暗访督查',
    organiser: '省脱贫攻坚领导小组办公室',
    startsOn: '2019-05-06',
    endsOn: '2019-05-17',
    units: UNITS,
    groups: [
      { code: 'G1', name: '第一暗访组', places: ['DONGXIANG', 'LINTAN'] },
      { code: 'G2', name: '第二暗访组', places: ['DIEBU'] },
    ],
    ...o,
  };
}

const sampled = (seed: string) =>
  aRound({
    groups: [
      { code: 'G1', name: '第一暗访组' },
      { code: 'G2', name: '第二暗访组' },
    ],
    candidateLevels: ['county'],
    samplingRule: RULE,
    seed,
  });

type Place = { unit: string; households: Record<string, number> | null };
const placesOf = (round: { groups: { places: Place[] }[] }) =>
  round.groups.flatMap((g) => g.places.map((p) => p.unit));

describe(`spot-inspection rounds (暗访督查) over HTTP (${testEngine()})`, () => {
  let rectify: RectifyHarness;
  let unit: TestAccount;
  let discipline: TestAccount;
  let office: TestAccount;

  beforeAll(async () => {
    rectify = await startRectify();
    unit = await rectify.createUser('unit', { units: ['LINXIA'] });
    discipline = await rectify.createUser('discipline', { units: ['LINXIA'] });
    office = await rectify.createUser('office');
  });
  afterAll(() => rectify?.stop());

  describe('planned by a sampling rule', () => {
    let first: { code: string; places: string[] };

    it('draws each group its places from the seed, records the draw, and re-runs it to the same places', async () => {
      const body = sampled('第一轮-2019-05');
      const created = await office.client.request('POST', '/spot-rounds', body);
      expect(created.status).toBe(201);
      expect(created.body.seed).toBe('第一轮-2019-05');

      const round = await rectify.request('GET', `/spot-rounds/${body.code}`);
      expect(round.status).toBe(200);
      expect(round.body).toMatchObject({
        code: body.code,
        sampled: true,
        samplingRule: RULE,
        draw: { seed: '第一轮-2019-05', periodKey: '2019-Q2', excluded: [] },
      });
      const places = placesOf(round.body);
      expect(round.body.groups.map((g: { places: Place[] }) => g.places.length)).toEqual([2, 2]);
      expect(new Set(places).size).toBe(4);
      for (const p of places) expect(COUNTIES).toContain(p);
      for (const g of round.body.groups)
        for (const p of g.places) expect(p.households).toEqual({ 建档立卡户: 3, 边缘户: 2 });
      // The recorded places are the rule's draw from this seed: the same procedure run here gives them.
      const local = drawPlaces({
        rule: samplingRuleSchema.parse(RULE),
        seed: '第一轮-2019-05',
        groups: ['G1', 'G2'],
        candidates: COUNTIES,
        visitedBefore: [],
      });
      expect(places).toEqual(local.groups.flatMap((g) => g.places.map((p) => p.unit)));

      const check = await discipline.client.request('GET', `/spot-rounds/${body.code}/draw`);
      expect(check.status).toBe(200);
      expect(check.body.matches).toBe(true);
      expect(check.body.recomputed).toEqual(check.body.recorded);
      expect(check.body.input).toMatchObject({
        seed: '第一轮-2019-05',
        groups: ['G1', 'G2'],
        visitedBefore: [],
      });
      expect([...check.body.input.candidates].sort()).toEqual([...COUNTIES].sort());
      first = { code: body.code, places };
    });

    it('leaves out the places earlier rounds visited, and records them as left out', async () => {
      const body = sampled('第二轮-2019-06');
      const created = await office.client.request('POST', '/spot-rounds', body);
      expect(created.status).toBe(201);
      const round = await rectify.request('GET', `/spot-rounds/${body.code}`);
      const places = placesOf(round.body);
      expect(places).toHaveLength(4);
      for (const p of places) expect(first.places).not.toContain(p);
      expect(round.body.draw.excluded).toEqual([...first.places].sort());
      const check = await rectify.request('GET', `/spot-rounds/${body.code}/draw`);
      expect(check.body).toMatchObject({ matches: true, input: { visitedBefore: [...first.places].sort() } });
    });

    it("draws from a plan's unit tree, at the levels asked for, and may repeat places when the rule allows", async () => {
      const plan = aPlanDocument({ planCode: uniqueCode('GS'), due: '2030-06-30' });
      expect((await rectify.request('POST', '/plans', plan)).status).toBe(201);
      const draw = async (seed: string) => {
        const body = aRound({
          units: undefined,
          unitsFromPlan: plan.plan.code,
          candidateLevels: ['province'],
          groups: [
            { code: 'G1', name: '第一暗访组' },
            { code: 'G2', name: '第二暗访组' },
          ],
          samplingRule: { placesPerGroup: 1, period: 'year', noRepeatAcrossRounds: false },
          seed,
        });
        expect((await office.client.request('POST', '/spot-rounds', body)).status).toBe(201);
        return (await rectify.request('GET', `/spot-rounds/${body.code}`)).body;
      };
      for (const round of [await draw('省级-1'), await draw('省级-2')]) {
        // The plan's province-level units, each once; 临夏州 (a city) is not a candidate.
        expect(placesOf(round).sort()).toEqual(['GS-HOUSING', 'GS-POVERTY']);
        expect(round.groups[0].places[0].households).toEqual({});
        expect(round.draw.excluded).toEqual([]);
      }
    });

    it('refuses a rule that needs more places than are left, naming the field and writing nothing', async () => {
      const before = await spotRowCounts(rectify.db.dataSource);
      const r = await office.client.request('POST', '/spot-rounds', sampled('第三轮'));
      expect(r.status).toBe(400);
      expect(r.body.details).toEqual([
        {
          path: 'body.samplingRule.placesPerGroup',
          message:
            '2 group(s) × 2 place(s) need 4 places; only 0 candidate(s) remain (8 more were visited by earlier rounds)',
        },
      ]);
      expect(await spotRowCounts(rectify.db.dataSource)).toEqual(before);
    });
  });

  it('issues a task notice and a supervision letter that run their own ladders, and counts what happened', async () => {
    const other = aPlanDocument({ planCode: uniqueCode('GS'), due: '2030-06-30' });
    expect((await rectify.request('POST', '/plans', other)).status).toBe(201);
    const body = aRound();
    expect((await office.client.request('POST', '/spot-rounds', body)).status).toBe(201);
    const find = (group: string, place: string, description: string, link?: object) =>
      office.client.request('POST', `/spot-rounds/${body.code}/findings`, {
        group,
        place,
        description,
        foundOn: '2019-05-08',
        ...(link ? { link } : {}),
      });
    const f1 = await find('G1', 'DONGXIANG', '危房改造户仍居住在危房中', {
      planCode: other.plan.code,
      problemCode: 'P01',
    });
    expect(f1.status).toBe(201);
    expect(f1.body).toMatchObject({ code: 'F01', link: { planCode: other.plan.code, problemCode: 'P01' } });
    const f2 = await find('G1', 'LINTAN', '饮水安全问题群众反映强烈');
    const f3 = await find('G2', 'DIEBU', '帮扶干部对贫困户情况不熟悉');
    expect([f2.body.code, f3.body.code]).toEqual(['F02', 'F03']);

    // The local clock only picks deadlines near enough to watch; expectations read the records.
    const taskDue = new Date(Date.now() + 8_000).toISOString();
    const letterDue = new Date(Date.now() + 9_000).toISOString();
    const notice = await office.client.request(
      'POST',
      `/spot-rounds/${body.code}/findings/${f1.body.id}/notice`,
      {
        kind: 'task_notice',
        number: '甘脱贫督〔2019〕12号',
        leadLeader: '东乡县县长',
        due: taskDue,
        escalationPolicy: {
          version: 'spot-seconds-1',
          steps: [
            { kind: 'reminder', offset: '-PT4S' },
            { kind: 'overdue_notice', offset: 'PT0S' },
          ],
        },
      },
    );
    expect(notice.status).toBe(201);
    expect(notice.body).toMatchObject({
      workflowId: measureWorkflowId(body.code, 'F01-TN'),
      plan: { code: body.code, outcome: 'created', measures: 1 },
      finding: {
        code: 'F01',
        notice: { kind: 'task_notice', name: '整改任务通知书', measureCode: 'F01-TN', leadUnit: 'DONGXIANG' },
      },
    });
    const letter = await office.client.request(
      'POST',
      `/spot-rounds/${body.code}/findings/${f2.body.id}/notice`,
      {
        kind: 'supervision_letter',
        leadUnit: 'LINXIA',
        leadLeader: '临夏州州长',
        due: letterDue,
        escalationPolicy: {
          version: 'spot-seconds-2',
          steps: [
            { kind: 'overdue_notice', offset: 'PT0S' },
            { kind: 'supervision_notice', offset: 'PT2S' },
          ],
        },
      },
    );
    expect(letter.status).toBe(201);
    expect(letter.body).toMatchObject({
      plan: { outcome: 'updated', measures: 2 },
      finding: {
        notice: { kind: 'supervision_letter', name: '督办函', measureCode: 'F02-SL', leadUnit: 'LINXIA' },
      },
    });

    // Both are measures of the round's own plan, under the category 暗访督查发现问题.
    const plan = await rectify.request('GET', `/plans/${body.code}`);
    expect(plan.status).toBe(200);
    expect(JSON.stringify(plan.body)).toContain('暗访督查发现问题');

    const round = await rectify.request('GET', `/spot-rounds/${body.code}`);
    const idOf = (code: string) =>
      round.body.findings.find((f: { code: string }) => f.code === code).notice.measure.id as string;
    const [taskId, letterId] = [idOf('F01'), idOf('F02')];

    // Each ladder fires on its own: the task notice's overdue notice, the letter's supervision notice.
    const events = async (id: string, kind: string) =>
      eventually(
        async () => {
          const m = await rectify.request('GET', `/measures/${id}`);
          expect(m.body.events.map((e: { kind: string }) => e.kind)).toContain(kind);
          return m.body;
        },
        { timeoutMs: 120_000 },
      );
    const task = await events(taskId, 'overdue_notice');
    // Each measure keeps the ladder its notice gave.
    expect(task.escalationPolicy.version).toBe('spot-seconds-1');
    expect(task).toMatchObject({ code: 'F01-TN', leadUnit: 'DONGXIANG', dueAt: taskDue });
    expect(task.events.find((e: { kind: string }) => e.kind === 'overdue_notice').detail).toMatchObject({
      deadline: taskDue,
    });
    const letterMeasure = await events(letterId, 'supervision_notice');
    expect(letterMeasure).toMatchObject({
      code: 'F02-SL',
      dueAt: letterDue,
      escalationPolicy: { version: 'spot-seconds-2' },
    });
    expect(letterMeasure.events.map((e: { kind: string }) => e.kind)).toEqual(
      expect.arrayContaining(['overdue_notice', 'supervision_notice']),
    );
    expect(letterMeasure.events.map((e: { kind: string }) => e.kind)).not.toContain('reminder');

    // The letter's measure is rectified: claimed and verified (销号).
    const claim = await rectify.request('POST', `/measures/${letterId}/completion-claims`, {
      actor: '临夏州',
      evidence: [{ kind: 'photo', description: '集中供水工程照片' }],
    });
    expect(claim.status).toBe(200);
    const verified = await rectify.request('POST', `/measures/${letterId}/verification`, {
      actor: '验收组',
      decision: 'accept',
    });
    expect(verified.body.workflow.status).toBe('verified');

    const after = await eventually(async () => {
      const r = await discipline.client.request('GET', `/spot-rounds/${body.code}`);
      expect(r.body.findings[1].notice.measure.status).toBe('verified');
      return r.body;
    });
    expect(after.figures).toEqual({
      findings: 3,
      noticesIssued: 2,
      byKind: { task_notice: 1, supervision_letter: 1 },
      rectified: 1,
      inProgress: 0,
      overdue: 1,
      withdrawn: 0,
    });
    expect(
      after.findings.map(
        (f: { notice: { measure: { state: string } } | null }) => f.notice?.measure.state ?? null,
      ),
    ).toEqual(['overdue', 'rectified', null]);

    // Every plan's bulletin gives the installation's spot inspections one sentence, and its numbers
    // are the rounds' own.
    const rounds = await rectify.request('GET', '/spot-rounds');
    const figures = await Promise.all(
      rounds.body.items.map(
        async (r: { code: string }) => (await rectify.request('GET', `/spot-rounds/${r.code}`)).body.figures,
      ),
    );
    const sum = (f: (x: (typeof figures)[number]) => number) => figures.reduce((n, x) => n + f(x), 0);
    const bulletin = await rectify.request('GET', `/plans/${other.plan.code}/bulletin?edition=public`);
    expect(bulletin.status).toBe(200);
    expect(bulletin.body.toString('utf8')).toContain(
      `已集中组织开展了${rounds.body.items.length}轮次的暗访督查，梳理发现具体问题${sum((x) => x.findings)}个，` +
        `下发整改任务通知书${sum((x) => x.byKind.task_notice)}份、督办函${sum((x) => x.byKind.supervision_letter)}份。`,
    );

    // A finding issues one notice.
    const before = await spotRowCounts(rectify.db.dataSource);
    const again = await office.client.request(
      'POST',
      `/spot-rounds/${body.code}/findings/${f1.body.id}/notice`,
      {
        kind: 'supervision_letter',
        leadLeader: '东乡县县长',
        due: '2019-06-30',
      },
    );
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'COMMAND_REFUSED' });
    expect(again.body.message).toContain('F01 already issued a 整改任务通知书 (measure F01-TN)');
    expect(await spotRowCounts(rectify.db.dataSource)).toEqual(before);
  });

  describe('bad input', () => {
    let code: string;
    let findingId: string;

    beforeAll(async () => {
      const body = aRound();
      code = body.code;
      expect((await office.client.request('POST', '/spot-rounds', body)).status).toBe(201);
      const f = await office.client.request('POST', `/spot-rounds/${code}/findings`, {
        group: 'G1',
        place: 'DONGXIANG',
        description: '问题',
        foundOn: '2019-05-07',
      });
      findingId = f.body.id;
    });

    it.each<[string, Record<string, unknown>, string[]]>([
      [
        'a sampling rule with 0 places per group',
        { samplingRule: { ...RULE, placesPerGroup: 0 }, groups: [{ code: 'G1', name: '组' }] },
        ['body.samplingRule.placesPerGroup'],
      ],
      [
        'a sampling rule with an unknown period',
        { samplingRule: { ...RULE, period: 'week' } },
        ['body.samplingRule.period'],
      ],
      [
        'places given beside a sampling rule',
        { samplingRule: RULE },
        ['body.groups[0].places', 'body.groups[1].places'],
      ],
      [
        'a group without places and no rule',
        { groups: [{ code: 'G1', name: '组' }] },
        ['body.groups[0].places'],
      ],
      [
        'a place that is no unit',
        { groups: [{ code: 'G1', name: '组', places: ['NOWHERE'] }] },
        ['body.groups[0].places[0]'],
      ],
      ['a round ending before it starts', { endsOn: '2019-05-01' }, ['body.endsOn']],
      ['a seed without a rule', { seed: 'x' }, ['body.seed']],
      [
        'units from a plan that does not exist',
        { units: undefined, unitsFromPlan: 'NO-PLAN' },
        ['body.unitsFromPlan'],
      ],
      [
        'a round across two quarters of its rule',
        { samplingRule: RULE, groups: [{ code: 'G1', name: '组' }], endsOn: '2019-07-02' },
        ['body.endsOn'],
      ],
    ])('refuses %s, naming the field, writing nothing', async (_label, change, paths) => {
      const before = await spotRowCounts(rectify.db.dataSource);
      const r = await office.client.request('POST', '/spot-rounds', aRound(change));
      expect(r.status).toBe(400);
      expect(r.body.details.map((d: { path: string }) => d.path)).toEqual(paths);
      expect(await spotRowCounts(rectify.db.dataSource)).toEqual(before);
    });

    it('refuses a round code taken by a plan', async () => {
      const plan = aPlanDocument({ planCode: uniqueCode('GS'), due: '2030-06-30' });
      expect((await rectify.request('POST', '/plans', plan)).status).toBe(201);
      const r = await office.client.request('POST', '/spot-rounds', aRound({ code: plan.plan.code }));
      expect(r.status).toBe(409);
      expect(r.body.code).toBe('PLAN_CONFLICT');
    });

    it.each<[string, Record<string, unknown>, string]>([
      ['an unknown group', { group: 'G9' }, 'body.group'],
      ['a place that is no unit of the round', { place: 'NOWHERE' }, 'body.place'],
      ['a day outside the round', { foundOn: '2019-06-01' }, 'body.foundOn'],
      [
        'a link to a plan that does not exist',
        { link: { planCode: 'NO-PLAN', problemCode: 'P01' } },
        'body.link.planCode',
      ],
      ['an empty description', { description: '' }, 'body.description'],
    ])('refuses a finding with %s, naming the field, writing nothing', async (_label, change, path) => {
      const before = await spotRowCounts(rectify.db.dataSource);
      const r = await office.client.request('POST', `/spot-rounds/${code}/findings`, {
        group: 'G1',
        place: 'DONGXIANG',
        description: '问题',
        foundOn: '2019-05-07',
        ...change,
      });
      expect(r.status).toBe(400);
      expect(r.body.details.map((d: { path: string }) => d.path)).toEqual([path]);
      expect(await spotRowCounts(rectify.db.dataSource)).toEqual(before);
    });

    it('refuses a link to a problem the plan does not have', async () => {
      const plan = aPlanDocument({ planCode: uniqueCode('GS'), due: '2030-06-30' });
      expect((await rectify.request('POST', '/plans', plan)).status).toBe(201);
      const r = await office.client.request('POST', `/spot-rounds/${code}/findings`, {
        group: 'G1',
        place: 'DONGXIANG',
        description: '问题',
        foundOn: '2019-05-07',
        link: { planCode: plan.plan.code, problemCode: 'P99' },
      });
      expect(r.status).toBe(400);
      expect(r.body.details).toEqual([
        { path: 'body.link.problemCode', message: `plan ${plan.plan.code} has no problem P99` },
      ]);
    });

    it.each<[string, Record<string, unknown>, string]>([
      ['a deadline that is no date', { due: 'soon' }, 'body.due'],
      ['a Chinese deadline (a notice gives a date or an instant)', { due: '9月底前' }, 'body.due'],
      ['a kind that does not exist', { kind: 'warning_letter' }, 'body.kind'],
      ['a lead unit outside the round', { leadUnit: 'GS-HOUSING' }, 'body.leadUnit'],
      [
        'a ladder with a reminder after the deadline',
        { escalationPolicy: { version: 'x', steps: [{ kind: 'reminder', offset: 'PT1S' }] } },
        'body.escalationPolicy.steps[0].offset',
      ],
    ])('refuses a notice with %s, naming the field, writing nothing', async (_label, change, path) => {
      const before = await spotRowCounts(rectify.db.dataSource);
      const r = await office.client.request('POST', `/spot-rounds/${code}/findings/${findingId}/notice`, {
        kind: 'task_notice',
        leadLeader: '县长',
        due: '2019-05-31',
        ...change,
      });
      expect(r.status).toBe(400);
      expect(r.body.details.map((d: { path: string }) => d.path)).toEqual([path]);
      expect(await spotRowCounts(rectify.db.dataSource)).toEqual(before);
    });

    it('answers 404 for a round or finding that does not exist', async () => {
      const notice = { kind: 'task_notice', leadLeader: '县长', due: '2019-05-31' };
      const finding = { group: 'G1', place: 'DONGXIANG', description: '问题', foundOn: '2019-05-07' };
      const answers = await Promise.all([
        rectify.request('GET', '/spot-rounds/AF-NOWHERE'),
        rectify.request('GET', '/spot-rounds/AF-NOWHERE/draw'),
        rectify.request('POST', '/spot-rounds/AF-NOWHERE/findings', finding),
        rectify.request('POST', `/spot-rounds/AF-NOWHERE/findings/${findingId}/notice`, notice),
        rectify.request(
          'POST',
          `/spot-rounds/${code}/findings/00000000-0000-0000-0000-000000000000/notice`,
          notice,
        ),
        // A round given its places has no draw to re-run.
        rectify.request('GET', `/spot-rounds/${code}/draw`),
      ]);
      expect(answers.map((a) => [a.status, a.body.code])).toEqual(Array(6).fill([404, 'NOT_FOUND']));
    });
  });

  describe('who may do what', () => {
    it('lets the office and admins manage rounds, and discipline bodies read them', async () => {
      const body = aRound();
      expect((await unit.client.request('POST', '/spot-rounds', body)).status).toBe(403);
      expect((await discipline.client.request('POST', '/spot-rounds', body)).status).toBe(403);
      expect((await office.client.request('POST', '/spot-rounds', body)).status).toBe(201);
      const finding = { group: 'G1', place: 'DONGXIANG', description: '问题', foundOn: '2019-05-07' };
      expect(
        (await discipline.client.request('POST', `/spot-rounds/${body.code}/findings`, finding)).status,
      ).toBe(403);
      expect((await unit.client.request('GET', '/spot-rounds')).status).toBe(403);
      expect((await unit.client.request('GET', `/spot-rounds/${body.code}`)).status).toBe(403);
      const list = await discipline.client.request('GET', '/spot-rounds');
      expect(list.status).toBe(200);
      expect(list.body.items.map((r: { code: string }) => r.code)).toContain(body.code);
      expect((await discipline.client.request('GET', `/spot-rounds/${body.code}`)).status).toBe(200);
      expect((await rectify.anonymous.request('GET', '/spot-rounds')).status).toBe(401);
    });
  });
});
