// Unit assessment and ranking (考评) over HTTP (GET /plans/:id/assessment): a small plan of three
// lead units driven on the server's clock — two measures claimed by their deadline (one of them
// rejected once by the verifier), one that slips past its deadline and climbs to 督办 — and the
// table of scores and ranks the API gives, compared with one worked out here by hand from the
// formula in docs/assessment.md.
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
});
