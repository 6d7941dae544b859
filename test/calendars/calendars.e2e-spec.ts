import { eventually } from '../support/eventually';
import { aPlanDocument } from '../support/plan-fixtures';
import { RectifyClient, RectifyHarness, startRectify } from '../support/rectify-harness';
import { testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

// A ladder with a working-day reminder, for plans on the office's calendar. Monday 3 June 2030,
// 09:00 in Shanghai: two working days before is Thursday 30 May, or Wednesday 29 May once the
// office makes the 30th a holiday.
const DUE = '2030-06-03T09:00:00+08:00';
const STEPS = [
  { kind: 'reminder', offset: '-P2WD' },
  { kind: 'overdue_notice', offset: 'PT0S' },
];
const iso = (text: string) => new Date(text).toISOString();

describe(`working calendars over HTTP (${testEngine()})`, () => {
  let rectify: RectifyHarness;
  let office: RectifyClient;
  let unit: RectifyClient;

  beforeAll(async () => {
    rectify = await startRectify();
    office = (await rectify.createUser('office')).client;
    unit = (await rectify.createUser('unit', { units: ['GS-HOUSING'] })).client;
  });
  afterAll(() => rectify?.stop());

  function planOn(calendar: string | undefined, steps = STEPS) {
    const doc = aPlanDocument({ planCode: uniqueCode('CAL'), due: DUE, steps });
    if (calendar) Object.assign(doc.plan, { calendar });
    return doc;
  }

  async function measuresOf(planId: string): Promise<string[]> {
    const r = await rectify.request('GET', `/measures?plan=${planId}`);
    return r.body.items.map((m: { id: string }) => m.id);
  }

  const nextStepOf = (id: string) =>
    eventually(async () => {
      const m = await rectify.request('GET', `/measures/${id}`);
      expect(m.body.workflow).not.toBeNull();
      return m.body;
    });

  it('lists the built-in CN calendar with where its days come from, to every signed-in role', async () => {
    const r = await unit.request('GET', '/calendars');
    expect(r.status).toBe(200);
    const cn = r.body.items.find((c: { code: string }) => c.code === 'CN');
    expect(cn).toMatchObject({
      builtIn: true,
      overridden: false,
      updatedAt: null,
      sources: [{ year: 2026, takenFrom: 'chinese-days@1.5.7' }],
      calendar: { code: 'CN', timeZone: 'Asia/Shanghai', weekend: [6, 7] },
    });
    expect(cn.calendar.holidays).toContain('2026-10-01');
    expect(cn.calendar.workdays).toContain('2026-10-10');
    expect((await unit.request('GET', '/calendars/CN')).body).toEqual(cn);
    const missing = await unit.request('GET', '/calendars/NOWHERE');
    expect([missing.status, missing.body.code]).toEqual([404, 'NOT_FOUND']);
  });

  it('refuses a bad calendar with 400, naming every problem at its path, and stores nothing', async () => {
    const r = await office.request('PUT', '/calendars/GS-BAD', {
      timeZone: 'Gansu/Lanzhou',
      weekend: [6, 8],
      holidays: ['2030-10-01', '2030-02-30'],
      workingHours: { from: '18:00', to: '09:00' },
      extra: true,
    });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('VALIDATION_FAILED');
    expect(r.body.details.map((d: { path: string }) => d.path)).toEqual([
      'body.extra',
      'body.timeZone',
      'body.weekend[1]',
      'body.holidays[1]',
      'body.workingHours.to',
    ]);
    expect((await office.request('GET', '/calendars/GS-BAD')).status).toBe(404);

    const cases: [string, unknown, string][] = [
      ['/calendars/GS-BAD', { code: 'GS-OTHER', timeZone: 'Asia/Shanghai' }, 'body.code'],
      ['/calendars/GS-BAD', [], 'body'],
      ['/calendars/GS%20BAD', { timeZone: 'Asia/Shanghai' }, 'params.code'],
      [`/calendars/${'X'.repeat(33)}`, { timeZone: 'Asia/Shanghai' }, 'params.code'],
    ];
    for (const [path, body, where] of cases) {
      const bad = await office.request('PUT', path, body);
      expect({
        path,
        status: bad.status,
        where: bad.body.details?.map((d: { path: string }) => d.path),
      }).toEqual({
        path,
        status: 400,
        where: [where],
      });
    }
  });

  it('lets the office and admins store a calendar, not a unit or the public', async () => {
    const calendar = { timeZone: 'Asia/Shanghai', holidays: ['2030-10-01'] };
    const stored = await office.request('PUT', '/calendars/GS-OFFICE', calendar);
    expect(stored.status).toBe(200);
    expect(stored.body).toMatchObject({
      code: 'GS-OFFICE',
      builtIn: false,
      updatedBy: expect.stringMatching(/^office:user:/),
      calendar: { code: 'GS-OFFICE', weekend: [6, 7], holidays: ['2030-10-01'], workdays: [] },
      measures: { applied: 0, refused: 0, failed: 0, problems: [] },
    });
    expect((await rectify.request('PUT', '/calendars/GS-ADMIN', calendar)).status).toBe(200);
    const refused = await unit.request('PUT', '/calendars/GS-OFFICE', { ...calendar, holidays: [] });
    expect([refused.status, refused.body.code]).toEqual([403, 'FORBIDDEN']);
    const anonymous = await rectify.anonymous.request('PUT', '/calendars/GS-OFFICE', calendar);
    expect([anonymous.status, anonymous.body.code]).toEqual([401, 'UNAUTHENTICATED']);
    expect((await office.request('GET', '/calendars/GS-OFFICE')).body.calendar.holidays).toEqual([
      '2030-10-01',
    ]);
  });

  it('stores an override of CN, e.g. with a year published after the release', async () => {
    const cn = (await office.request('GET', '/calendars/CN')).body.calendar;
    const r = await office.request('PUT', '/calendars/CN', {
      ...cn,
      holidays: [...cn.holidays, '2027-01-01'],
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ code: 'CN', builtIn: true, overridden: true, sources: [] });
    expect((await office.request('GET', '/calendars/CN')).body.calendar.holidays).toContain('2027-01-01');
  });

  it('refuses a plan that names an unknown calendar, or counts working days without one', async () => {
    const unknown = await rectify.request('POST', '/plans', planOn('NOWHERE'));
    expect(unknown.status).toBe(400);
    expect(unknown.body.details).toEqual([
      { path: 'plan.calendar', message: expect.stringContaining('NOWHERE') },
    ]);
    const none = await rectify.request('POST', '/plans', planOn(undefined));
    expect(none.status).toBe(400);
    expect(none.body.details).toEqual([
      expect.objectContaining({
        path: 'plan.escalationPolicy.steps[0].offset',
        message: expect.stringContaining('counts working days, but no working calendar applies'),
      }),
    ]);
  });

  it('re-arms every open measure of a plan on the calendar when the office changes it', async () => {
    const code = uniqueCode('GS-CAL').slice(0, 32);
    expect((await office.request('PUT', `/calendars/${code}`, { timeZone: 'Asia/Shanghai' })).status).toBe(
      200,
    );
    const imported = await rectify.request('POST', '/plans', planOn(code));
    expect(imported.status).toBe(201);
    const ids = await measuresOf(imported.body.planId);
    expect(ids).toHaveLength(2);
    for (const id of ids) {
      expect((await nextStepOf(id)).workflow).toMatchObject({
        calendar: { code, holidays: [] },
        nextStep: { key: 'reminder@-P2WD', fireAt: iso('2030-05-30T09:00:00+08:00') },
      });
    }

    const holiday = { timeZone: 'Asia/Shanghai', holidays: ['2030-05-30'] };
    const changed = await office.request('PUT', `/calendars/${code}`, holiday);
    expect(changed.status).toBe(200);
    expect(changed.body.measures).toEqual({ applied: 2, refused: 0, failed: 0, problems: [] });
    for (const id of ids) {
      const m = await rectify.request('GET', `/measures/${id}`);
      expect(m.body.workflow).toMatchObject({
        calendar: { code, holidays: ['2030-05-30'] },
        nextStep: { key: 'reminder@-P2WD', fireAt: iso('2030-05-29T09:00:00+08:00') },
      });
      expect(m.body.events).toEqual([
        expect.objectContaining({ kind: 'calendar_applied', detail: { from: code, to: code } }),
      ]);
    }

    // The same calendar again reaches each measure once: no second record.
    const again = await office.request('PUT', `/calendars/${code}`, holiday);
    expect(again.body.measures).toMatchObject({ applied: 2, failed: 0 });
    const m = await rectify.request('GET', `/measures/${ids[0]}`);
    expect(m.body.events.map((e: { kind: string }) => e.kind)).toEqual(['calendar_applied']);
  });

  it("previews and applies a working-day policy on the plan's calendar, and refuses one on a plan without", async () => {
    const code = uniqueCode('GS-CAL').slice(0, 32);
    await office.request('PUT', `/calendars/${code}`, {
      timeZone: 'Asia/Shanghai',
      holidays: ['2030-05-30'],
    });
    const onCalendar = await rectify.request('POST', '/plans', planOn(code));
    const [id, other] = await measuresOf(onCalendar.body.planId);
    await Promise.all([nextStepOf(id), nextStepOf(other)]);
    const policy = { version: 'wd-2', steps: [{ kind: 'reminder', offset: '-P3WD' }] };
    const preview = await office.request(
      'POST',
      `/plans/${onCalendar.body.planId}/escalation-policy/preview`,
      {
        policy,
      },
    );
    expect(preview.status).toBe(200);
    // -P2WD was Wednesday 29 May (the 30th is off); -P3WD is Tuesday 28 May.
    expect(preview.body.measures[0].moves).toEqual(
      expect.arrayContaining([
        {
          kind: 'reminder',
          ordinal: 1,
          from: iso('2030-05-29T09:00:00+08:00'),
          to: iso('2030-05-28T09:00:00+08:00'),
        },
      ]),
    );
    const applied = await office.request('POST', `/plans/${onCalendar.body.planId}/escalation-policy`, {
      policy,
      previewToken: preview.body.previewToken,
    });
    expect(applied.body).toMatchObject({ refused: [], applied: ['P01-M1', 'P01-M2'] });
    expect((await rectify.request('GET', `/measures/${id}`)).body.workflow.nextStep).toMatchObject({
      key: 'reminder@-P3WD',
      fireAt: iso('2030-05-28T09:00:00+08:00'),
    });

    const plain = await rectify.request(
      'POST',
      '/plans',
      planOn(undefined, [{ kind: 'reminder', offset: '-P2D' }]),
    );
    expect(plain.status).toBe(201);
    const refused = await office.request('POST', `/plans/${plain.body.planId}/escalation-policy/preview`, {
      policy,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.details).toEqual([
      {
        path: 'body.policy.steps[0].offset',
        message: expect.stringContaining('counts working days, but no working calendar applies'),
      },
    ]);
  });
});
