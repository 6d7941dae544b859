// Unit assessment and ranking (考评) over HTTP (GET /plans/:id/assessment): a small plan of three
// lead units driven on the server's clock — two measures claimed by their deadline (one of them
// rejected once by the verifier), one that slips past its deadline and climbs to 督办 — and the
// table of scores and ranks the API gives, compared with one worked out here by hand from the
// formula in docs/assessment.md. Then the office's own rule (PUT …/assessment/rule) changes the
// scores and the ranking as a second hand-computed table says, bad rules and a unit are refused with
// nothing stored, and a month's ranking reaches the internal bulletin at once and the public one
// only once published, frozen as it was when published.
import { randomUUID } from 'node:crypto';
import { CadenceRepository } from '../../libs/persistence/src/repositories/cadence.repository';
import { eventually } from '../support/eventually';
import { aPlanDocument } from '../support/plan-fixtures';
import { RectifyHarness, startRectify, TestAccount } from '../support/rectify-harness';
import { testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

const DAY_MS = 86_400_000;
// The overdue measure is 督办 (level 2) three seconds after its deadline.
const STEPS = [
  { kind: 'overdue_notice', offset: 'PT0S' },
  { kind: 'supervision_notice', offset: 'PT3S' },
];

interface Event {
  kind: string;
  occurredAt: string;
  level: number;
}

// The plan's calendar day (Asia/Shanghai, UTC+8 without summer time) of an instant, ± some days.
const shanghaiDay = (ms: number, plusDays = 0) =>
  new Date(ms + 8 * 3_600_000 + plusDays * DAY_MS).toISOString().slice(0, 10);

describe(`unit assessment and ranking over HTTP (${testEngine()})`, () => {
  let rectify: RectifyHarness;
  let office: TestAccount;
  let linxia: TestAccount;
  let planCode: string;
  // When LINXIA's measure reached 督办, as the server recorded it: the assessed days surround it.
  let day: number;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    rectify = await startRectify();
    office = await rectify.createUser('office');
    linxia = await rectify.createUser('unit', { units: ['LINXIA'] });
    planCode = uniqueCode('ASSESS');
    const doc = aPlanDocument({ planCode, steps: STEPS, measures: 1 });
    const [problem] = doc.categories[0].aspects[0].problems;
    const now = Date.now();
    // Two minutes is room enough to claim; LINXIA's deadline passes within seconds.
    const inTime = new Date(now + 120_000).toISOString();
    const soon = new Date(now + 5_000).toISOString();
    const measure = (code: string, leadUnit: string, due: string) => ({
      code,
      title: `措施${code}`,
      leadLeader: '分管副省长',
      leadUnit,
      coUnits: [],
      due,
      indicators: [],
    });
    problem.measures = [
      measure('P01-M1', 'GS-HOUSING', inTime),
      measure('P01-M2', 'GS-POVERTY', inTime),
      measure('P01-M3', 'LINXIA', soon),
    ];
    const imported = await rectify.request('POST', '/plans', doc);
    expect(imported.status).toBe(201);
    const list = await rectify.request('GET', `/measures?plan=${imported.body.planId}&limit=50`);
    for (const m of list.body.items as { code: string; id: string }[]) ids[m.code] = m.id;

    const ok = (r: { status: number; body: unknown }) =>
      expect({ status: r.status, body: r.body }).toMatchObject({ status: 200 });
    const claim = (code: string) =>
      eventually(async () =>
        ok(
          await rectify.request('POST', `/measures/${ids[code]}/completion-claims`, {
            evidence: [{ kind: 'photo', description: '现场照片' }],
          }),
        ),
      );
    await claim('P01-M1');
    await claim('P01-M2');
    ok(
      await rectify.request('POST', `/measures/${ids['P01-M2']}/verification`, {
        decision: 'reject',
        reasons: '佐证材料不全',
      }),
    );
    await claim('P01-M2');
    const supervised = await eventually(
      async () => {
        const m = await rectify.request('GET', `/measures/${ids['P01-M3']}`);
        const step = m.body.events.find((e: Event) => e.kind === 'supervision_notice');
        expect(step).toBeDefined();
        return step as Event;
      },
      { timeoutMs: 120_000 },
    );
    day = Date.parse(supervised.occurredAt);

    // A monthly roll-up as the plan-cadence workflow records it when a period closes: GS-POVERTY
    // reported, LINXIA did not. A month cannot close during a test; this one closes when LINXIA's
    // measure reached 督办 (on the server's clock), inside the period assessed below.
    const plan = (await rectify.request('GET', `/plans/${planCode}/overview`)).body;
    await new CadenceRepository(rectify.db.dataSource).recordOnce({
      planId: plan.planId,
      idempotencyKey: `test:${planCode}:period_closed:${randomUUID()}`,
      kind: 'period_closed',
      periodKey: 'test',
      unitCode: null,
      measureId: null,
      level: 0,
      occurredAt: new Date(supervised.occurredAt),
      actor: 'system:plan-cadence',
      detail: {
        units: [
          { code: 'GS-POVERTY', owed: true, reported: true },
          { code: 'LINXIA', owed: true, reported: false },
          { code: 'GS-HOUSING', owed: false, reported: false },
        ],
      },
      notify: [],
    });
  }, 300_000);
  afterAll(() => rectify?.stop());

  it('claims were recorded by their deadlines and the slipped measure reached 督办', async () => {
    for (const code of ['P01-M1', 'P01-M2']) {
      const m = (await rectify.request('GET', `/measures/${ids[code]}`)).body;
      const claimed = m.events.find((e: Event) => e.kind === 'completion_claimed');
      expect(Date.parse(claimed.occurredAt)).toBeLessThanOrEqual(Date.parse(m.dueAt));
    }
    const m3 = (await rectify.request('GET', `/measures/${ids['P01-M3']}`)).body;
    expect(m3.status).toBe('assigned');
    expect(m3.events.filter((e: Event) => e.level >= 1).map((e: Event) => [e.kind, e.level])).toEqual([
      ['overdue_notice', 1],
      ['supervision_notice', 2],
    ]);
  });

  it('scores and ranks the units as the formula gives by hand', async () => {
    // docs/assessment.md, default weights 30/10/15/20/10/10/5, caps 30 days, level 4, count 5.
    // GS-HOUSING: everything in order (it owed no report).                       → 100
    // GS-POVERTY: one rejection: rejections 1 − 1/5 = 0.8.                       → 100 − 10 × 0.2 = 98
    // LINXIA: its one due measure not done (onTime 0), its report missed (0),
    //   overdue 1 day (started days) at level 2: weight 0.5 × 1/30 + 0.5 × 2/4, over 1 measure;
    //   one escalation of level ≥ 2: 1 − 1/5.
    const linxiaOverdue = Math.round((1 - (0.5 * (1 / 30) + 0.5 * (2 / 4))) * 10_000) / 10_000; // 0.7333
    const linxiaScore =
      Math.round((30 * 0 + 10 * 1 + 15 * 0 + 20 * linxiaOverdue + 10 * 0.8 + 10 * 1 + 5 * 1) * 10) / 10;
    expect(linxiaScore).toBe(47.7);
    const full = {
      onTime: 1,
      acknowledgementsOnTime: 1,
      reportsOnTime: 1,
      overdue: 1,
      escalations: 1,
      rejections: 1,
      lookBacksFailed: 1,
    };

    const r = await office.client.request(
      'GET',
      `/plans/${planCode}/assessment?from=${shanghaiDay(day, -1)}&to=${shanghaiDay(day, 1)}`,
    );
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      planCode,
      timeZone: 'Asia/Shanghai',
      period: { key: `${shanghaiDay(day, -1)}..${shanghaiDay(day, 1)}` },
    });
    expect(
      r.body.units.map(
        (u: {
          unitCode: string;
          unitName: string;
          components: object;
          score: number;
          rank: number;
          change: number | null;
        }) => [u.unitCode, u.unitName, u.components, u.score, u.rank, u.change],
      ),
    ).toEqual([
      ['GS-HOUSING', '省住建厅', full, 100, 1, null],
      ['GS-POVERTY', '省扶贫办', { ...full, rejections: 0.8 }, 98, 2, null],
      [
        'LINXIA',
        '临夏州',
        { ...full, onTime: 0, reportsOnTime: 0, overdue: linxiaOverdue, escalations: 0.8 },
        linxiaScore,
        3,
        null,
      ],
    ]);
    expect(r.body.units.find((u: { unitCode: string }) => u.unitCode === 'LINXIA').facts).toEqual({
      measuresDue: 1,
      completedOnTime: 0,
      acknowledgementsDue: 0,
      acknowledgedOnTime: 0,
      reportsDue: 1,
      reportsOnTime: 0,
      measures: 1,
      overdue: [{ days: 1, level: 2 }],
      escalations: 1,
      rejections: 0,
      lookBacksFailed: 0,
    });
  });

  it('gives the change since the previous period: the three days before ranked 1, 2, 3', async () => {
    // Three days from the day after next: nothing falls due or happens in them, so all score 100.
    const r = await office.client.request(
      'GET',
      `/plans/${planCode}/assessment?from=${shanghaiDay(day, 2)}&to=${shanghaiDay(day, 4)}`,
    );
    expect(r.status).toBe(200);
    expect(r.body.previousPeriod.key).toBe(`${shanghaiDay(day, -1)}..${shanghaiDay(day, 1)}`);
    expect(
      r.body.units.map((u: { unitCode: string; score: number; rank: number; change: number }) => [
        u.unitCode,
        u.score,
        u.rank,
        u.change,
      ]),
    ).toEqual([
      ['GS-HOUSING', 100, 1, 0],
      ['GS-POVERTY', 100, 1, 1],
      ['LINXIA', 100, 1, 2],
    ]);
  });

  it('shows a unit its own row with its plan-wide rank', async () => {
    const r = await linxia.client.request(
      'GET',
      `/plans/${planCode}/assessment?from=${shanghaiDay(day, -1)}&to=${shanghaiDay(day, 1)}`,
    );
    expect(r.status).toBe(200);
    expect(r.body.units.map((u: { unitCode: string; rank: number }) => [u.unitCode, u.rank])).toEqual([
      ['LINXIA', 3],
    ]);
  });

  it.each([
    ['period=2026-13', 'period'],
    ['period=2026-Q5', 'period'],
    ['', 'period'],
    ['from=2026-02-30&to=2026-03-01', 'from'],
    ['from=2026-03-02&to=2026-03-01', 'to'],
  ])('refuses %j with a 400 naming %s', async (query, path) => {
    const r = await office.client.request('GET', `/plans/${planCode}/assessment?${query}`);
    expect(r.status).toBe(400);
    expect(r.body.details).toEqual([{ path: `query.${path}`, message: expect.any(String) }]);
  });

  it('answers 404 for a plan that does not exist', async () => {
    const r = await office.client.request('GET', `/plans/${uniqueCode('NOPE')}/assessment?period=2026-12`);
    expect(r.status).toBe(404);
  });
  describe('the office-edited rule, publication and the bulletins', () => {
    // An office that cares above all about rejected claims and overdue work, with stricter caps.
    const RULE = {
      weights: {
        onTime: 0,
        acknowledgementsOnTime: 0,
        reportsOnTime: 0,
        overdue: 20,
        escalations: 0,
        rejections: 80,
        lookBacksFailed: 0,
      },
      overdueDaysCap: 10,
      overdueLevelCap: 2,
      countCap: 5,
    };
    const DEFAULT = {
      weights: {
        onTime: 30,
        acknowledgementsOnTime: 10,
        reportsOnTime: 15,
        overdue: 20,
        escalations: 10,
        rejections: 10,
        lookBacksFailed: 5,
      },
      overdueDaysCap: 30,
      overdueLevelCap: 4,
      countCap: 5,
    };
    const range = () => `from=${shanghaiDay(day, -1)}&to=${shanghaiDay(day, 1)}`;
    const month = () => shanghaiDay(day).slice(0, 7);
    const storedRules = async () => {
      const [row] = await rectify.db.dataSource.query(
        `SELECT COUNT(*) AS n FROM assessment_rule r JOIN plans p ON p.id = r.plan_id WHERE p.code = '${planCode}'`,
      );
      return Number(row.n);
    };
    type Row = { unitCode: string; unitName: string; score: number; rank: number; change: number | null };
    const ranked = (units: Row[]) => units.map((u) => [u.unitCode, u.score, u.rank]);
    // The bulletin's table row of a unit, as docs/assessment.md shows it.
    const tableRow = (u: Row) =>
      `| ${u.rank} | ${u.unitName} | ${u.score.toFixed(1)} | ${changeText(u.change)} |`;
    const changeText = (c: number | null) =>
      c === null ? '—' : c > 0 ? `上升${c}位` : c < 0 ? `下降${-c}位` : '持平';
    const bulletin = async (client: typeof office.client, edition: string) => {
      const r = await client.request(
        'GET',
        `/plans/${planCode}/bulletin?edition=${edition}&asOf=${shanghaiDay(day)}`,
      );
      expect(r.status).toBe(200);
      return r.body.toString('utf8') as string;
    };

    it('uses the default rule, version 0, until the office sets one', async () => {
      const r = await linxia.client.request('GET', `/plans/${planCode}/assessment/rule`);
      expect(r.status).toBe(200);
      expect(r.body.rule).toEqual({
        ...DEFAULT,
        source: 'default',
        version: 0,
        updatedAt: null,
        updatedBy: null,
      });
      const a = await office.client.request('GET', `/plans/${planCode}/assessment?${range()}`);
      expect(a.body.rule).toMatchObject({ source: 'default', version: 0 });
      expect(a.body.publication).toBeNull();
    });

    it('refuses a unit that sets the rule with 403, storing nothing', async () => {
      const r = await linxia.client.request('PUT', `/plans/${planCode}/assessment/rule`, RULE);
      expect(r.status).toBe(403);
      expect(await storedRules()).toBe(0);
    });

    it.each<[string, object, string[]]>([
      [
        'weights adding up to 90',
        { ...RULE, weights: { ...RULE.weights, rejections: 70 } },
        ['body.weights'],
      ],
      [
        'a negative weight and a count cap of 0',
        { ...RULE, weights: { ...RULE.weights, onTime: -10, overdue: 30 }, countCap: 0 },
        ['body.weights.onTime', 'body.countCap'],
      ],
      [
        'an unknown field, a days cap out of range and a level cap not whole',
        { ...RULE, colour: 'red', overdueDaysCap: 4000, overdueLevelCap: 2.5 },
        ['body.colour', 'body.overdueDaysCap', 'body.overdueLevelCap'],
      ],
    ])('refuses %s with a 400 naming each field, storing nothing', async (_name, rule, paths) => {
      const r = await office.client.request('PUT', `/plans/${planCode}/assessment/rule`, rule);
      expect(r.status).toBe(400);
      expect(r.body.details.map((d: { path: string }) => d.path)).toEqual(paths);
      expect(await storedRules()).toBe(0);
    });

    it('scores and ranks by the rule the office set, as a second table worked by hand', async () => {
      const put = await office.client.request('PUT', `/plans/${planCode}/assessment/rule`, RULE);
      expect(put.status).toBe(200);
      expect(put.body).toMatchObject({ changed: true, rule: { ...RULE, source: 'plan', version: 1 } });
      // The same rule again is no new version.
      const same = await office.client.request('PUT', `/plans/${planCode}/assessment/rule`, RULE);
      expect(same.body).toMatchObject({ changed: false, rule: { version: 1 } });

      // Weights overdue 20, rejections 80; caps 10 days, level 2, count 5.
      // GS-HOUSING: nothing overdue or rejected.                                    → 100
      // GS-POVERTY: one rejection: 1 − 1/5 = 0.8.                      → 20 + 80 × 0.8 = 84
      // LINXIA: overdue 1 day at level 2: weight 0.5 × 1/10 + 0.5 × min(1, 2/2) = 0.55,
      //   over 1 measure: 0.45.                                        → 20 × 0.45 + 80 = 89
      // So LINXIA, last by the default rule, now ranks above GS-POVERTY.
      const r = await office.client.request('GET', `/plans/${planCode}/assessment?${range()}`);
      expect(r.status).toBe(200);
      expect(r.body.rule).toMatchObject({
        ...RULE,
        source: 'plan',
        version: 1,
        updatedAt: put.body.rule.updatedAt,
      });
      expect(ranked(r.body.units)).toEqual([
        ['GS-HOUSING', 100, 1],
        ['LINXIA', 89, 2],
        ['GS-POVERTY', 84, 3],
      ]);
      expect(r.body.units[1].components).toMatchObject({ overdue: 0.45, rejections: 1 });
      expect(r.body.units[2].components).toMatchObject({ overdue: 1, rejections: 0.8 });

      // Audited like every office edit: who, the action, and the rule before and after.
      await eventually(async () => {
        const rows = await rectify.db.dataSource.query(
          `SELECT action, status, principal_id, after FROM audit_log WHERE method = 'PUT' AND path = '/plans/${planCode}/assessment/rule' ORDER BY seq`,
        );
        const done = rows.filter(
          (x: { status: unknown; after: unknown }) => Number(x.status) === 200 && x.after,
        );
        expect(done.length).toBeGreaterThanOrEqual(1);
        expect(done[0]).toMatchObject({ action: 'assessment:manage', principal_id: office.id });
        expect(JSON.parse(done[0].after)).toMatchObject({ source: 'plan', version: 1 });
      });
    });

    it('refuses a unit that publishes a ranking with 403', async () => {
      const r = await linxia.client.request('POST', `/plans/${planCode}/assessment/publications`, {
        period: month(),
      });
      expect(r.status).toBe(403);
    });

    it("carries the month's ranking in the internal bulletin at once, in the public one only once published, frozen", async () => {
      const live = async () => {
        const r = await office.client.request('GET', `/plans/${planCode}/assessment?period=${month()}`);
        expect(r.status).toBe(200);
        return r.body;
      };
      const byRule = await live();
      expect(byRule.rule.version).toBe(1);
      const internal = await bulletin(office.client, 'internal');
      expect(internal).toContain('责任单位考评排名');
      expect(internal).toContain('未公开');
      for (const u of byRule.units) expect(internal).toContain(tableRow(u));
      expect(await bulletin(office.client, 'public')).not.toContain('考评');

      const published = await office.client.request('POST', `/plans/${planCode}/assessment/publications`, {
        period: month(),
      });
      expect(published.status).toBe(200);
      expect(published.body).toMatchObject({ periodKey: month(), ruleVersion: 1, rule: RULE });
      expect(ranked(published.body.units)).toEqual(ranked(byRule.units));
      expect((await live()).publication).toMatchObject({ periodKey: month(), ruleVersion: 1 });

      const pub = await bulletin(office.client, 'public');
      expect(pub).toContain('责任单位考评排名');
      expect(pub).toContain('公开。');
      for (const u of byRule.units) expect(pub).toContain(tableRow(u));

      // The office goes back to the default rule: the internal edition follows it, the published
      // ranking stays as it was published.
      expect((await office.client.request('PUT', `/plans/${planCode}/assessment/rule`, DEFAULT)).status).toBe(
        200,
      );
      const byDefault = await live();
      expect(byDefault.rule).toMatchObject({ source: 'plan', version: 2 });
      expect(ranked(byDefault.units)).not.toEqual(ranked(byRule.units));
      const internalAfter = await bulletin(office.client, 'internal');
      for (const u of byDefault.units) expect(internalAfter).toContain(tableRow(u));
      const pubAfter = await bulletin(office.client, 'public');
      for (const u of byRule.units) expect(pubAfter).toContain(tableRow(u));
      for (const u of byDefault.units.filter((d: Row) => d.unitCode === 'GS-POVERTY'))
        expect(pubAfter).not.toContain(tableRow(u));

      // Anonymous readers of the published plan read the published ranking too.
      const plan = await office.client.request('POST', `/plans/${planCode}/publication`, {
        asOf: shanghaiDay(day),
      });
      expect(plan.status).toBe(200);
      const anonymous = await rectify.anonymous.request('GET', `/plans/${planCode}/bulletin`);
      expect(anonymous.status).toBe(200);
      for (const u of byRule.units) expect(anonymous.body.toString('utf8')).toContain(tableRow(u));
    });

    it('withdraws a published ranking: the public edition leaves it out again, the internal keeps it', async () => {
      const path = `/plans/${planCode}/assessment/publications/${month()}`;
      expect((await linxia.client.request('DELETE', path)).status).toBe(403);
      expect((await office.client.request('DELETE', path)).status).toBe(204);
      expect(await bulletin(office.client, 'public')).not.toContain('考评');
      const anonymous = await rectify.anonymous.request('GET', `/plans/${planCode}/bulletin`);
      expect(anonymous.body.toString('utf8')).not.toContain('考评');
      expect(await bulletin(office.client, 'internal')).toContain('未公开');
      const again = await office.client.request('DELETE', path);
      expect({ status: again.status, code: again.body.code }).toEqual({ status: 404, code: 'NOT_FOUND' });
    });

    it('refuses a publication without a period with 400 naming body.period', async () => {
      const r = await office.client.request('POST', `/plans/${planCode}/assessment/publications`, {});
      expect(r.status).toBe(400);
      expect(r.body.details).toEqual([{ path: 'body.period', message: expect.any(String) }]);
    });
  });
});
