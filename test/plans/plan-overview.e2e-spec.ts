// The plan overview and unit scorecard over HTTP (GET /plans/:id/overview): every figure of a
// small plan driven to a known state (test/support/overview-fixtures.ts), worked out by hand, as
// the office sees it and as a unit sees it (only the measures of its scope, only its own row).
import { periodAt } from '../../libs/domain/src/reporting-period';
import { OverviewPlan, setUpOverviewPlan } from '../support/overview-fixtures';
import { RectifyHarness, startRectify, TestAccount } from '../support/rectify-harness';
import { testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

const BUCKETS = [
  { key: '1-7', fromDays: 1, toDays: 7 },
  { key: '8-30', fromDays: 8, toDays: 30 },
  { key: '31-90', fromDays: 31, toDays: 90 },
  { key: '91+', fromDays: 91, toDays: null },
];

describe(`the plan overview and unit scorecard over HTTP (${testEngine()})`, () => {
  let rectify: RectifyHarness;
  let office: TestAccount;
  let linxia: TestAccount;
  let plan: OverviewPlan;

  beforeAll(async () => {
    rectify = await startRectify();
    office = await rectify.createUser('office');
    linxia = await rectify.createUser('unit', { units: ['LINXIA'] });
    plan = await setUpOverviewPlan(rectify, uniqueCode('OV'));
  }, 240_000);
  afterAll(() => rectify?.stop());

  it('gives the office every count of the plan, by plan id or code', async () => {
    const r = await office.client.request('GET', `/plans/${plan.planCode}/overview`);
    expect(r.status).toBe(200);
    const o = r.body;
    expect(o).toMatchObject({
      planId: plan.planId,
      planCode: plan.planCode,
      timeZone: 'Asia/Shanghai',
      reportingCadence: 'monthly',
      ageingBuckets: BUCKETS,
      totals: { problems: 2, measures: 5, open: 3, signedOff: 2, overdue: 2 },
    });
    expect(o.byTrack).toEqual([
      { track: 'immediate', problems: 1, measures: 2 },
      { track: 'mechanism', problems: 0, measures: 0 },
      { track: 'long_term', problems: 1, measures: 3 },
      { track: 'referral', problems: 0, measures: 0 },
    ]);
    expect(o.byStatus).toEqual([
      { status: 'assigned', measures: 2 },
      { status: 'in_progress', measures: 1 },
      { status: 'completion_claimed', measures: 0 },
      { status: 'verified', measures: 2 },
      { status: 'closed', measures: 0 },
      { status: 'withdrawn', measures: 0 },
    ]);
    expect(o.byProblem).toEqual([
      {
        code: 'P01',
        title: '农村危房改造不精准',
        track: 'long_term',
        measures: 3,
        signedOff: 2,
        overdue: 1,
        progress: 'stage_goal',
      },
      {
        code: 'P02',
        title: '扶贫资金拨付滞后',
        track: 'immediate',
        measures: 2,
        signedOff: 0,
        overdue: 1,
        progress: 'not_started',
      },
    ]);
    // Two of P01's three measures signed off: the stage goal, short of 基本完成 (80 %); P02 has
    // nothing reported yet.
    expect(o.byProblemProgress).toEqual({
      not_started: 1,
      in_progress: 0,
      stage_goal: 1,
      basically_done: 0,
      done: 0,
    });
    expect(o.declared.measures).toEqual({ declared: null, modelled: 5, difference: null });
    // Two claims and two sign-offs, all in the week the test runs in (the last one listed).
    const weeks = o.progress as { week: string; claimed: number; verified: number; verifiedToDate: number }[];
    expect(weeks.at(-1)!.week).toBe(periodAt(Date.parse(o.asOf), 'weekly', 'Asia/Shanghai').key);
    expect(weeks.reduce((n, w) => n + w.claimed, 0)).toBe(2);
    expect(weeks.reduce((n, w) => n + w.verified, 0)).toBe(2);
    expect(weeks.at(-1)!.verifiedToDate).toBe(2);
    // P01-M1 overdue since 2019 (91+ days), P02-M1 ten days; P01-M2 was signed off late.
    expect(o.ageing.map((b: { measures: number }) => b.measures)).toEqual([0, 1, 0, 1]);
    expect(o.overdueByUnit).toEqual([
      { unit: 'GS-HOUSING', name: '省住建厅', total: 1, buckets: [0, 0, 0, 1] },
      { unit: 'LINXIA', name: '临夏州', total: 1, buckets: [0, 1, 0, 0] },
    ]);
    // Three measures reached 督办 (level 2); the sign-off of P01-M2 brought it back to 0.
    expect(o.escalationLevels).toEqual([
      { level: 0, reached: 2, current: 3 },
      { level: 1, reached: 0, current: 0 },
      { level: 2, reached: 3, current: 2 },
      { level: 3, reached: 0, current: 0 },
      { level: 4, reached: 0, current: 0 },
    ]);
    expect(o.indicators).toEqual({
      total: 1,
      items: [
        {
          measureId: plan.ids['P01-M1'],
          measureCode: 'P01-M1',
          code: 'houses',
          name: '危房改造户数',
          unit: '户',
          target: 26_500,
          adjustment: null,
          baseline: null,
          current: 12_000,
        },
      ],
    });
    // GS-HOUSING: P01-M1 (overdue, escalated) and P01-M3 (on time) → 1 of 2 on time.
    // GS-POVERTY: P01-M2 (late) and P02-M2 (not due yet) → 0 of 1. LINXIA: P02-M1 → 0 of 1.
    expect(o.scorecard).toEqual([
      {
        unit: 'GS-HOUSING',
        name: '省住建厅',
        measuresLed: 2,
        dueOrSignedOff: 2,
        signedOffOnTime: 1,
        onTimeRate: 0.5,
        overdueNow: 1,
        escalations: 1,
        reportsMissed: 0,
      },
      {
        unit: 'GS-POVERTY',
        name: '省扶贫办',
        measuresLed: 2,
        dueOrSignedOff: 1,
        signedOffOnTime: 0,
        onTimeRate: 0,
        overdueNow: 0,
        escalations: 1,
        reportsMissed: 2,
      },
      {
        unit: 'LINXIA',
        name: '临夏州',
        measuresLed: 1,
        dueOrSignedOff: 1,
        signedOffOnTime: 0,
        onTimeRate: 0,
        overdueNow: 1,
        escalations: 1,
        reportsMissed: 1,
      },
    ]);
    const byId = await office.client.request('GET', `/plans/${plan.planId}/overview`);
    expect(byId.status).toBe(200);
    expect(byId.body.scorecard).toEqual(o.scorecard);
  });

  it('counts for a unit only the measures of its scope, and gives it only its own scorecard row', async () => {
    const r = await linxia.client.request('GET', `/plans/${plan.planId}/overview`);
    expect(r.status).toBe(200);
    const o = r.body;
    // LINXIA sees P01-M1 (a co-unit) and P02-M1 (its own).
    expect(o.totals).toEqual({ problems: 2, measures: 2, open: 2, signedOff: 0, overdue: 2 });
    expect(o.byTrack).toEqual([
      { track: 'immediate', problems: 1, measures: 1 },
      { track: 'mechanism', problems: 0, measures: 0 },
      { track: 'long_term', problems: 1, measures: 1 },
      { track: 'referral', problems: 0, measures: 0 },
    ]);
    expect(o.byStatus.filter((s: { measures: number }) => s.measures > 0)).toEqual([
      { status: 'assigned', measures: 1 },
      { status: 'in_progress', measures: 1 },
    ]);
    expect(o.byProblem.map((p: { code: string; measures: number }) => [p.code, p.measures])).toEqual([
      ['P01', 1],
      ['P02', 1],
    ]);
    expect(o.progress.reduce((n: number, w: { claimed: number }) => n + w.claimed, 0)).toBe(0);
    expect(o.ageing.map((b: { measures: number }) => b.measures)).toEqual([0, 1, 0, 1]);
    expect(o.escalationLevels.map((l: { reached: number }) => l.reached)).toEqual([0, 0, 2, 0, 0]);
    expect(o.indicators.total).toBe(1);
    expect(o.scorecard).toEqual([
      {
        unit: 'LINXIA',
        name: '临夏州',
        measuresLed: 1,
        dueOrSignedOff: 1,
        signedOffOnTime: 0,
        onTimeRate: 0,
        overdueNow: 1,
        escalations: 1,
        reportsMissed: 1,
      },
    ]);
  });

  it('is no plan to a unit without measures in it, nor to anyone for an unknown plan, and needs a sign-in', async () => {
    const elsewhere = await rectify.createUser('unit', { units: ['GS-NOWHERE'] });
    const hidden = await elsewhere.client.request('GET', `/plans/${plan.planId}/overview`);
    expect({ status: hidden.status, code: hidden.body.code }).toEqual({ status: 404, code: 'NOT_FOUND' });
    const unknown = await office.client.request('GET', '/plans/NO-SUCH-PLAN/overview');
    expect({ status: unknown.status, code: unknown.body.code }).toEqual({ status: 404, code: 'NOT_FOUND' });
    const anonymous = await rectify.anonymous.request('GET', `/plans/${plan.planId}/overview`);
    expect(anonymous.status).toBe(401);
  });
});
