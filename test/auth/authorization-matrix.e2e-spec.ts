import { periodOfKey } from '../../libs/domain/src/reporting-period';
import { DEFAULT_ASSESSMENT_RULE } from '../../libs/domain/src/unit-assessment';
import { CadenceRepository } from '../../libs/persistence/src/repositories/cadence.repository';
import { buildRollUp } from '../../libs/reporting/src/roll-up';
import { SAMPLES } from '../support/sample-files';
import { aPlanDocument } from '../support/plan-fixtures';
import { HttpAnswer, RectifyClient, RectifyHarness, startRectify } from '../support/rectify-harness';
import { testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

// One plan with a unit tree three levels deep:
//   GS-POVERTY (province) → LINXIA (city) → DONGXIANG (county);  GS-HOUSING (province)
// and four measures:
//   M1 GS-HOUSING                     led by 分管副省长甲
//   M2 GS-POVERTY                     led by 副省长乙
//   M3 LINXIA                         led by 副省长乙
//   M4 DONGXIANG, co-unit GS-HOUSING  led by 分管副省长甲
function matrixPlan() {
  const doc = aPlanDocument({ planCode: uniqueCode('AUTHZ'), due: '2030-06-30', measures: 4 });
  doc.units.push({ code: 'DONGXIANG', name: '东乡县', level: 'county', parent: 'LINXIA' });
  const measures = doc.categories[0].aspects[0].problems[0].measures as Record<string, unknown>[];
  const shape: [string, string[], string][] = [
    ['GS-HOUSING', [], '分管副省长甲'],
    ['GS-POVERTY', [], '副省长乙'],
    ['LINXIA', [], '副省长乙'],
    ['DONGXIANG', ['GS-HOUSING'], '分管副省长甲'],
  ];
  shape.forEach(([leadUnit, coUnits, leadLeader], i) =>
    Object.assign(measures[i], { leadUnit, coUnits, leadLeader }),
  );
  return doc;
}

type Who = 'admin' | 'office' | 'lead_leader' | 'unit' | 'verifier' | 'discipline' | 'public';
const EVERYONE: Who[] = ['admin', 'office', 'lead_leader', 'unit', 'verifier', 'discipline', 'public'];

// What each role sees of the plan's measures: unit LINXIA (and DONGXIANG below it), verifier for
// GS-HOUSING, discipline body for GS-POVERTY and everything below, lead leader 分管副省长甲.
const VISIBLE: Record<Who, string[]> = {
  admin: ['P01-M1', 'P01-M2', 'P01-M3', 'P01-M4'],
  office: ['P01-M1', 'P01-M2', 'P01-M3', 'P01-M4'],
  lead_leader: ['P01-M1', 'P01-M4'],
  unit: ['P01-M3', 'P01-M4'],
  verifier: ['P01-M1', 'P01-M4'],
  discipline: ['P01-M2', 'P01-M3', 'P01-M4'],
  public: [],
};

// The unit rows of a reporting roll-up each role reads: its units and those below, or for the lead
// leader the units whose measures it leads (GS-HOUSING and DONGXIANG are 分管副省长甲's).
const ROLL_UP_ROWS: Record<Exclude<Who, 'public'>, string[]> = {
  admin: ['GS-POVERTY', 'GS-HOUSING', 'LINXIA', 'DONGXIANG'],
  office: ['GS-POVERTY', 'GS-HOUSING', 'LINXIA', 'DONGXIANG'],
  lead_leader: ['GS-HOUSING', 'DONGXIANG'],
  unit: ['LINXIA', 'DONGXIANG'],
  verifier: ['GS-HOUSING'],
  discipline: ['GS-POVERTY', 'LINXIA', 'DONGXIANG'],
};
// A closed month of the plan's reporting cadence, stored as the cadence workflow stores it.
const CLOSED_PERIOD = '2030-05';

// Every cell names the exact status: a refusal (401, 403 or 404), or what the endpoint answers once
// the guard has let the caller through, so a 500 can never pass for "allowed". One exception to
// "allowed is 2xx": a verification without a completion claim passes the guard and is then
// refused by the measure's state, 409 COMMAND_REFUSED.
// The error code that goes with each error status the matrix expects.
const ERROR_CODE: Record<number, string> = {
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'COMMAND_REFUSED',
};

// A problem lead that does not exist.
const UNKNOWN_LEAD = '00000000-0000-0000-0000-00000000ead0';

// row(admin, office, lead_leader, unit, verifier, discipline, public)
function row(...statuses: number[]): Record<Who, number> {
  return Object.fromEntries(EVERYONE.map((w, i) => [w, statuses[i]])) as Record<Who, number>;
}

describe(`who may do what, over HTTP (${testEngine()})`, () => {
  let rectify: RectifyHarness;
  let as: Record<Who, RectifyClient>;
  let planId: string;
  let planCode: string;
  const ids: Record<string, string> = {};
  let evidenceOnM3: string;
  // One feedback for each caller to triage, so no cell depends on another having run first.
  const feedbackFor = {} as Record<Who, string>;

  beforeAll(async () => {
    // Every role submits feedback here from the same address: the harness raises the rate limits,
    // which have tests of their own.
    rectify = await startRectify();
    const doc = matrixPlan();
    planCode = doc.plan.code;
    const imported = await rectify.request('POST', '/plans', doc);
    expect(imported.status).toBe(201);
    planId = imported.body.planId;
    // Published, so the public bulletin is open to anonymous callers too.
    expect(
      (await rectify.request('POST', `/plans/${planId}/publication`, { asOf: '2030-01-31' })).status,
    ).toBe(200);
    const all = await rectify.request('GET', `/measures?plan=${planId}`);
    for (const m of all.body.items) ids[m.code] = m.id;
    await storeRollUp(all.body.items);
    const [office, leader, unit, verifier, discipline] = await Promise.all([
      rectify.createUser('office'),
      rectify.createUser('lead_leader', { leaderName: '分管副省长甲' }),
      rectify.createUser('unit', { units: ['LINXIA'] }),
      rectify.createUser('verifier', { units: ['GS-HOUSING'] }),
      rectify.createUser('discipline', { units: ['GS-POVERTY'] }),
    ]);
    as = {
      admin: rectify,
      office: office.client,
      lead_leader: leader.client,
      unit: unit.client,
      verifier: verifier.client,
      discipline: discipline.client,
      public: rectify.anonymous,
    };
    const uploaded = await as.unit.send(
      'POST',
      `/evidence?measure=${ids['P01-M3']}&name=report.pdf`,
      SAMPLES.pdf,
      {
        'content-type': 'application/pdf',
      },
    );
    expect(uploaded.status).toBe(201);
    evidenceOnM3 = uploaded.body.id;
    const triageMessage = (who: Who) => `危房改造验收走过场（${who}）`;
    for (const who of EVERYONE) {
      const fb = await rectify.anonymous.request('POST', '/feedback', { message: triageMessage(who) });
      expect(fb.status).toBe(201);
    }
    const received = await rectify.request('GET', '/feedback?limit=500');
    for (const who of EVERYONE)
      feedbackFor[who] = received.body.items.find(
        (f: { message: string }) => f.message === triageMessage(who),
      ).id;
  });
  afterAll(() => rectify?.stop());

  // Every unit leads one measure: GS-HOUSING and LINXIA reported, GS-POVERTY and DONGXIANG missed.
  async function storeRollUp(measures: { leadUnit: string; leadLeader: string; status: never }[]) {
    const cadence = new CadenceRepository(rectify.db.dataSource);
    const period = periodOfKey(CLOSED_PERIOD, 'monthly', 'Asia/Shanghai');
    if (!period) throw new Error('no such period');
    const names = {
      'GS-POVERTY': '省扶贫办',
      'GS-HOUSING': '省住建厅',
      LINXIA: '临夏州',
      DONGXIANG: '东乡县',
    };
    const rollUp = buildRollUp({
      plan: { code: planCode, title: '矩阵测试方案', timeZone: 'Asia/Shanghai' },
      period,
      units: Object.entries(names).map(([code, name]) => ({ code, name })),
      measures: measures.map((m) => ({
        leadUnitCode: m.leadUnit,
        leadLeader: m.leadLeader,
        status: m.status,
      })),
      reports: { 'GS-HOUSING': 1, LINXIA: 2 },
      reported: ['GS-HOUSING', 'LINXIA'],
      missed: [
        { unitCode: 'GS-POVERTY', consecutive: 1 },
        { unitCode: 'DONGXIANG', consecutive: 2 },
      ],
    });
    await cadence.recordOnce({
      planId,
      idempotencyKey: `plan-cadence:${planCode}/${CLOSED_PERIOD}/period_closed`,
      kind: 'period_closed',
      periodKey: CLOSED_PERIOD,
      unitCode: null,
      measureId: null,
      level: 0,
      occurredAt: new Date(period.endMs),
      actor: 'rectify:reporting-cadence',
      detail: rollUp as unknown as Record<string, unknown>,
      notify: [],
    });
  }

  // The status, and for an error its code (shown for an unexpected error too, e.g. a 500).
  function expectOutcome(r: HttpAnswer, expected: number) {
    expect({ status: r.status, code: r.status >= 400 ? r.body?.code : undefined }).toEqual({
      status: expected,
      code: ERROR_CODE[expected],
    });
  }

  describe('lists only what each role may see', () => {
    it.each(EVERYONE.filter((w) => w !== 'public'))('GET /measures as %s', async (who) => {
      const r = await as[who].request('GET', `/measures?plan=${planId}`);
      expect(r.status).toBe(200);
      expect(r.body.items.map((m: { code: string }) => m.code).sort()).toEqual(VISIBLE[who]);
      expect(r.body.total).toBe(VISIBLE[who].length);
    });

    it.each(EVERYONE.filter((w) => w !== 'public'))(
      'GET /plans/:code as %s shows its measures only',
      async (who) => {
        const r = await as[who].request('GET', `/plans/${planCode}`);
        expect(r.status).toBe(200);
        const codes = r.body.categories[0].aspects[0].problems[0].measures.map(
          (m: { code: string }) => m.code,
        );
        expect(codes.sort()).toEqual(VISIBLE[who]);
        expect(r.body.summary.measures).toBe(VISIBLE[who].length);
      },
    );

    it('applies a unit filter inside the scope: of GS-HOUSING’s measures, LINXIA sees only the one it shares', async () => {
      const r = await as.unit.request('GET', `/measures?plan=${planId}&unit=GS-HOUSING`);
      expect(r.body.items.map((m: { code: string }) => m.code)).toEqual(['P01-M4']);
      const none = await as.unit.request('GET', `/measures?plan=${planId}&unit=GS-POVERTY`);
      expect(none.body).toMatchObject({ total: 0, items: [] });
    });

    it('refuses lists to the public', async () => {
      expectOutcome(await as.public.request('GET', '/measures'), 401);
      expectOutcome(await as.public.request('GET', `/plans/${planCode}`), 401);
    });
  });

  describe('reporting periods: every signed-in role, with the unit rows of its scope', () => {
    it.each(EVERYONE.filter((w) => w !== 'public') as Exclude<Who, 'public'>[])(
      'GET /plans/:code/reporting-periods as %s',
      async (who) => {
        const r = await as[who].request('GET', `/plans/${planCode}/reporting-periods`);
        expect(r.status).toBe(200);
        const [closed] = r.body.periods;
        expect(closed.key).toBe(CLOSED_PERIOD);
        expect([...closed.reported, ...closed.missed.map((m: { unit: string }) => m.unit)].sort()).toEqual(
          [...ROLL_UP_ROWS[who]].sort(),
        );
      },
    );

    it.each(EVERYONE.filter((w) => w !== 'public') as Exclude<Who, 'public'>[])(
      'GET /plans/:code/reporting-periods/:period/roll-up as %s',
      async (who) => {
        const r = await as[who].request(
          'GET',
          `/plans/${planCode}/reporting-periods/${CLOSED_PERIOD}/roll-up?format=md`,
        );
        expect(r.status).toBe(200);
        const rows = String(r.body)
          .split('\n')
          .filter((l) => /^\| (省|临|东)/.test(l))
          .map((l) => l.split(' | ')[0].slice(2));
        const names: Record<string, string> = {
          'GS-POVERTY': '省扶贫办',
          'GS-HOUSING': '省住建厅',
          LINXIA: '临夏州',
          DONGXIANG: '东乡县',
        };
        expect(rows).toEqual(ROLL_UP_ROWS[who].map((code) => names[code]));
      },
    );
  });

  describe('reads one measure only inside the scope, and answers 404 outside it', () => {
    const cases = EVERYONE.flatMap((who) =>
      ['P01-M1', 'P01-M2', 'P01-M3', 'P01-M4'].map((code) => [who, code] as [Who, string]),
    );
    it.each(cases)('GET /measures/:id as %s for %s', async (who, code) => {
      const r = await as[who].request('GET', `/measures/${ids[code]}`);
      expectOutcome(r, who === 'public' ? 401 : VISIBLE[who].includes(code) ? 200 : 404);
    });
  });

  describe('commands: the role must grant the action and the measure must be in scope', () => {
    const progress = { actor: '临夏州扶贫办', note: '已完成入户核查' };
    const verification = { actor: '验收组', decision: 'reject', reasons: '尚未申请销号' };
    const table: [string, string, string, unknown, Record<Who, number>][] = [
      // measure:report — units in scope (and admin)
      ['report on M3', 'P01-M3', 'progress-reports', progress, row(200, 403, 403, 200, 403, 403, 401)],
      ['report on M1', 'P01-M1', 'progress-reports', progress, row(200, 403, 403, 404, 403, 403, 401)],
      // measure:verify — verifiers in scope, office, admin; 409: let through, no claim to verify
      ['verify M1', 'P01-M1', 'verification', verification, row(409, 409, 403, 403, 409, 403, 401)],
      ['verify M3', 'P01-M3', 'verification', verification, row(409, 409, 403, 403, 404, 403, 401)],
    ];
    const cases = table.flatMap(([label, code, path, body, expected]) =>
      EVERYONE.map((who) => [label, who, code, path, body, expected[who]] as const),
    );
    it.each(cases)('%s as %s', async (_label, who, code, path, body, expected) => {
      expectOutcome(await as[who].request('POST', `/measures/${ids[code]}/${path}`, body), expected);
    });
  });

  describe('endpoint families by role', () => {
    const doc = () => matrixPlan();
    const table: [string, (c: RectifyClient, who: Who) => Promise<HttpAnswer>, Record<Who, number>][] = [
      ['GET /plans', (c) => c.request('GET', '/plans'), row(200, 200, 200, 200, 200, 200, 401)],
      ['POST /plans', (c) => c.request('POST', '/plans', doc()), row(201, 201, 403, 403, 403, 403, 401)],
      [
        'GET /plans/template.xlsx',
        (c) => c.request('GET', '/plans/template.xlsx'),
        row(200, 200, 403, 403, 403, 403, 401),
      ],
      // Drafts (方案草稿) are for those who import plans.
      ['GET /plans/drafts', (c) => c.request('GET', '/plans/drafts'), row(200, 200, 403, 403, 403, 403, 401)],
      ['GET /audit', (c) => c.request('GET', '/audit'), row(200, 200, 403, 403, 403, 403, 401)],
      ['GET /audit/verify', (c) => c.request('GET', '/audit/verify'), row(200, 200, 403, 403, 403, 403, 401)],
      [
        'POST /feedback',
        (c) => c.request('POST', '/feedback', { message: '建议公开危房改造名单' }),
        row(201, 201, 201, 201, 201, 201, 201),
      ],
      ['GET /feedback', (c) => c.request('GET', '/feedback'), row(200, 200, 403, 403, 403, 403, 401)],
      [
        'POST /feedback/:id/triage',
        (c, who) => c.request('POST', `/feedback/${feedbackFor[who]}/triage`, { measureId: ids['P01-M1'] }),
        row(200, 200, 403, 403, 403, 403, 401),
      ],
      [
        'POST /evidence for M3',
        (c) =>
          c.send('POST', `/evidence?measure=${ids['P01-M3']}&name=photo.png`, SAMPLES.png, {
            'content-type': 'image/png',
          }),
        row(201, 201, 403, 201, 404, 201, 401),
      ],
      [
        'POST /evidence for M1',
        (c) =>
          c.send('POST', `/evidence?measure=${ids['P01-M1']}&name=photo.png`, SAMPLES.png, {
            'content-type': 'image/png',
          }),
        row(201, 201, 403, 404, 201, 404, 401),
      ],
      [
        'GET /evidence/:id of M3',
        (c) => c.request('GET', `/evidence/${evidenceOnM3}`),
        row(200, 200, 404, 200, 404, 200, 401),
      ],
      [
        'POST /auth/api-tokens',
        (c) =>
          c.request('POST', '/auth/api-tokens', { name: 'ledger sync', role: 'unit', units: ['LINXIA'] }),
        row(201, 201, 403, 403, 403, 403, 401),
      ],
      [
        'GET /auth/api-tokens',
        (c) => c.request('GET', '/auth/api-tokens'),
        row(200, 200, 403, 403, 403, 403, 401),
      ],
      ['GET /users', (c) => c.request('GET', '/users'), row(200, 403, 403, 403, 403, 403, 401)],
      // Who gets told what: the office keeps the directory and follows deliveries.
      ['GET /persons', (c) => c.request('GET', '/persons'), row(200, 200, 403, 403, 403, 403, 401)],
      [
        'POST /persons',
        (c, who) => c.request('POST', '/persons', { name: `联系人（${who}）` }),
        row(201, 201, 403, 403, 403, 403, 401),
      ],
      ['GET /posts', (c) => c.request('GET', '/posts'), row(200, 200, 403, 403, 403, 403, 401)],
      ['GET /deliveries', (c) => c.request('GET', '/deliveries'), row(200, 200, 403, 403, 403, 403, 401)],
      [
        'GET /notifications/gaps',
        (c) => c.request('GET', '/notifications/gaps'),
        row(200, 200, 403, 403, 403, 403, 401),
      ],
      // Working calendars: every signed-in role reads them; the office keeps them.
      ['GET /calendars', (c) => c.request('GET', '/calendars'), row(200, 200, 200, 200, 200, 200, 401)],
      ['GET /calendars/CN', (c) => c.request('GET', '/calendars/CN'), row(200, 200, 200, 200, 200, 200, 401)],
      [
        'PUT /calendars/:code',
        (c, who) => c.request('PUT', `/calendars/AUTHZ-${who}`, { timeZone: 'Asia/Shanghai' }),
        row(200, 200, 403, 403, 403, 403, 401),
      ],
      // 问题线索台账: the office registers, a body verifies its own; an id nobody has is 404 once let through.
      [
        'POST /leads',
        async (c, who) => {
          await rectify.request('PUT', '/discipline-bodies/AUTHZ-JW', {
            name: '某纪委监委',
            kind: 'discipline_commission',
            level: 'province',
            jurisdiction: ['GS-POVERTY'],
          });
          return c.request('POST', '/leads', {
            ref: `AUTHZ-${who}`,
            receivedOn: '2019-06-10',
            bodies: ['AUTHZ-JW'],
          });
        },
        row(201, 201, 403, 403, 403, 403, 401),
      ],
      ['GET /leads', (c) => c.request('GET', '/leads'), row(200, 200, 403, 403, 403, 200, 401)],
      [
        'GET /leads/figures',
        (c) => c.request('GET', '/leads/figures'),
        row(200, 200, 403, 403, 403, 200, 401),
      ],
      [
        'GET /leads/:id',
        (c) => c.request('GET', `/leads/${UNKNOWN_LEAD}`),
        row(404, 404, 403, 403, 403, 404, 401),
      ],
      [
        'POST /leads/:id/verification',
        (c) => c.request('POST', `/leads/${UNKNOWN_LEAD}/verification`, { outcome: 'closed' }),
        row(404, 403, 403, 403, 403, 404, 401),
      ],
      // Every signed-in account has an inbox once linked to a person; none of these is: 404.
      ['GET /me/inbox', (c) => c.request('GET', '/me/inbox'), row(404, 404, 404, 404, 404, 404, 401)],
      ['GET /auth/me', (c) => c.request('GET', '/auth/me'), row(200, 200, 200, 200, 200, 200, 401)],
      ['GET /health', (c) => c.request('GET', '/health'), row(200, 200, 200, 200, 200, 200, 200)],
      [
        'GET /plans/:id/bulletin (public edition)',
        (c) => c.request('GET', `/plans/${planCode}/bulletin?edition=public`),
        row(200, 200, 200, 200, 200, 200, 200),
      ],
      [
        'POST /plans/:id/publication (the same day again)',
        (c) => c.request('POST', `/plans/${planCode}/publication`, { asOf: '2030-01-31' }),
        row(200, 200, 403, 403, 403, 403, 401),
      ],
      [
        'GET /plans/:id/bulletin (internal edition)',
        (c) => c.request('GET', `/plans/${planCode}/bulletin?edition=internal`),
        row(200, 200, 403, 403, 403, 403, 403),
      ],
      // Reporting periods and roll-ups: plan:read, rows by scope (see above); a period not closed is 404.
      [
        'GET /plans/:id/reporting-periods',
        (c) => c.request('GET', `/plans/${planCode}/reporting-periods`),
        row(200, 200, 200, 200, 200, 200, 401),
      ],
      [
        'GET /plans/:id/reporting-periods/:period/roll-up',
        (c) => c.request('GET', `/plans/${planCode}/reporting-periods/${CLOSED_PERIOD}/roll-up?format=html`),
        row(200, 200, 200, 200, 200, 200, 401),
      ],
      [
        'GET /plans/:id/reporting-periods/:period/roll-up of a period not closed',
        (c) => c.request('GET', `/plans/${planCode}/reporting-periods/2030-06/roll-up`),
        row(404, 404, 404, 404, 404, 404, 401),
      ],
      [
        'GET /plans/:id/ledger.xlsx',
        (c) => c.request('GET', `/plans/${planCode}/ledger.xlsx`),
        row(200, 200, 403, 403, 403, 403, 401),
      ],
      // 考评: everyone who reads the plan may know its rule; only the office sets it and publishes.
      [
        'GET /plans/:id/assessment/rule',
        (c) => c.request('GET', `/plans/${planCode}/assessment/rule`),
        row(200, 200, 200, 200, 200, 200, 401),
      ],
      [
        'PUT /plans/:id/assessment/rule (the default weights)',
        (c) => c.request('PUT', `/plans/${planCode}/assessment/rule`, DEFAULT_ASSESSMENT_RULE),
        row(200, 200, 403, 403, 403, 403, 401),
      ],
      [
        'POST /plans/:id/assessment/publications',
        (c) => c.request('POST', `/plans/${planCode}/assessment/publications`, { period: '2030-01' }),
        row(200, 200, 403, 403, 403, 403, 401),
      ],
    ];
    const cases = table.flatMap(([label, call, expected]) =>
      EVERYONE.map((who) => [label, who, call, expected[who]] as const),
    );
    it.each(cases)('%s as %s', async (_label, who, call, expected) => {
      // Each plan import is a new plan (a fresh code), so an allowed one answers 201 created.
      expectOutcome(await call(as[who], who), expected);
    });
  });

  it('lets an API token act within its own role and scope', async () => {
    const created = await as.office.request('POST', '/auth/api-tokens', {
      name: '临夏州台账系统',
      role: 'unit',
      units: ['LINXIA'],
      expiresInDays: 7,
    });
    expect(created.status).toBe(201);
    const token = rectify.as(created.body.token);
    const list = await token.request('GET', `/measures?plan=${planId}`);
    expect(list.body.items.map((m: { code: string }) => m.code).sort()).toEqual(VISIBLE.unit);
    expectOutcome(await token.request('GET', `/measures/${ids['P01-M1']}`), 404);
    expectOutcome(await token.request('POST', '/plans', matrixPlan()), 403);
  });

  it('does not let an office hand out an admin token', async () => {
    const r = await as.office.request('POST', '/auth/api-tokens', { name: 'root', role: 'admin' });
    expectOutcome(r, 403);
  });
});
