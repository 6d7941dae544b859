// A plan's reporting cadence through the API on the dev server: importing a plan with a cadence
// starts its cadence workflow once (a re-import starts nothing new), the current period shows who
// has reported and who still owes a report, and closing the plan ends the workflow.
import { cadenceStateQuery, planCadenceWorkflowId } from '../../workflows/plan/plan-cadence.contract';
import { eventually } from '../support/eventually';
import { aPlanDocument } from '../support/plan-fixtures';
import { RectifyHarness, startRectify } from '../support/rectify-harness';
import { testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

describe(`a plan's reporting cadence over HTTP (${testEngine()})`, () => {
  let rectify: RectifyHarness;

  beforeAll(async () => {
    rectify = await startRectify();
  });
  afterAll(() => rectify?.stop());

  function planWithCadence(code: string) {
    const doc = aPlanDocument({ planCode: code, due: '2030-06-30', measures: 2 });
    // A lead of a second: the month the test runs in is the first one judged (firstPeriod).
    Object.assign(doc.plan, { reportingCadence: 'monthly', reportingRules: { reminderLead: 'PT1S' } });
    return doc;
  }

  it('starts one cadence workflow per plan, shows the current period, and ends it with the plan', async () => {
    const code = uniqueCode('GS');
    const doc = planWithCadence(code);
    const first = await rectify.request('POST', '/plans', doc);
    expect(first.status).toBe(201);
    expect(first.body.workflows).toMatchObject({ started: { running: 2 }, cadence: 'running' });
    const handle = rectify.temporal.workflow.getHandle(planCadenceWorkflowId(code));
    const { runId } = await handle.describe();

    const again = await rectify.request('POST', '/plans', doc);
    expect(again.body).toMatchObject({ outcome: 'unchanged', workflows: { cadence: 'running' } });
    expect((await handle.describe()).runId).toBe(runId);

    const periods = await rectify.request('GET', `/plans/${code}/reporting-periods`);
    expect(periods.status).toBe(200);
    expect(periods.body).toMatchObject({
      planCode: code,
      cadence: 'monthly',
      timeZone: 'Asia/Shanghai',
      rules: { reminderLead: 'PT1S', missedReportLadder: [{ misses: 1 }, { misses: 2 }, { misses: 3 }] },
      current: { reported: [], owing: ['GS-HOUSING', 'GS-POVERTY'], reminded: false },
      periods: [],
    });
    const { key, closesAt, remindAt } = periods.body.current;
    expect(key).toMatch(/^\d{4}-\d{2}$/);
    expect(Date.parse(closesAt) - Date.parse(remindAt)).toBe(1000);
    expect((await handle.query(cadenceStateQuery)).periodKey).toBe(key);

    const measures = (await rectify.request('GET', `/measures?plan=${first.body.planId}`)).body.items;
    const housing = measures.find((m: { leadUnit: string }) => m.leadUnit === 'GS-HOUSING');
    const reported = await rectify.request('POST', `/measures/${housing.id}/progress-reports`, {
      note: '已完成入户核查',
    });
    expect(reported.status).toBe(200);
    const after = await rectify.request('GET', `/plans/${first.body.planId}/reporting-periods`);
    expect(after.body.current).toMatchObject({ key, reported: ['GS-HOUSING'], owing: ['GS-POVERTY'] });

    const missing = await rectify.request('GET', `/plans/${code}/reporting-periods/${key}/roll-up`);
    expect({ status: missing.status, code: missing.body.code }).toEqual({ status: 404, code: 'NOT_FOUND' });

    expect((await rectify.request('POST', `/plans/${first.body.planId}/close`, {})).status).toBeLessThan(300);
    expect(await eventually(() => handle.result(), { timeoutMs: 60_000 })).toEqual({
      closedBy: expect.any(String),
      periodsClosed: 0,
    });
    const closed = await rectify.request('GET', `/plans/${code}/reporting-periods`);
    expect(closed.body.current).toBeNull();
    const reimported = await rectify.request('POST', '/plans', doc);
    expect(reimported.body.workflows).toMatchObject({ cadence: null });
  });

  it('follows no cadence for a plan that sets none', async () => {
    const code = uniqueCode('GS');
    const r = await rectify.request('POST', '/plans', aPlanDocument({ planCode: code, measures: 1 }));
    expect(r.body.workflows.cadence).toBeNull();
    const periods = await rectify.request('GET', `/plans/${code}/reporting-periods`);
    expect(periods.body).toMatchObject({ cadence: null, rules: null, current: null, periods: [] });
  });
});
