// Working-day calendars in the measure workflow: reminders avoid days off, working-day offsets
// count 调休 days, a changed calendar re-arms the pending steps, and the calendar survives
// continue-as-new. Dates are relative to the test server's clock, on calendars the test stores.
import type { WorkingCalendar } from '../../libs/domain/src/working-calendar';
import { MeasureEntity } from '../../libs/persistence/src/entities/measure.entity';
import { CalendarRepository } from '../../libs/persistence/src/repositories/calendar.repository';
import { MeasureWorkflowGateway } from '../../libs/temporal/src/measure-workflow.gateway';
import { eventually } from '../support/eventually';
import { followPlan } from '../support/follow-plan';
import { DAY, LifecycleBench, startLifecycleBench } from '../support/lifecycle-harness';
import { aPlanDocument } from '../support/plan-fixtures';
import { testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

const HOUR = 3_600_000;
const STEPS = [
  { kind: 'reminder', offset: '-P2WD' },
  { kind: 'reminder', offset: '-P1D' },
  { kind: 'overdue_notice', offset: 'PT0S' },
];

describe(`working-day calendars in the measure workflow (${testEngine()})`, () => {
  let b: LifecycleBench;
  let g: MeasureWorkflowGateway;
  let calendars: CalendarRepository;
  // The deadline: a Monday at least three weeks away, 09:00 in Shanghai (01:00 UTC, same date).
  let monday: number;
  const at = (daysFromMonday: number) => new Date(monday + daysFromMonday * DAY).toISOString();
  const date = (daysFromMonday: number) => at(daysFromMonday).slice(0, 10);

  beforeAll(async () => {
    b = await startLifecycleBench();
    g = b.gateway;
    calendars = new CalendarRepository(b.db.dataSource);
  });
  afterAll(() => b?.stop());

  beforeEach(async () => {
    let day = Math.floor((await b.env.currentTimeMs()) / DAY) + 21;
    while (new Date(day * DAY).getUTCDay() !== 1) day++;
    monday = day * DAY + HOUR;
  });

  async function storeCalendar(holidays: number[], workdays: number[] = []): Promise<WorkingCalendar> {
    const calendar: WorkingCalendar = {
      code: uniqueCode('CAL').slice(0, 32),
      timeZone: 'Asia/Shanghai',
      weekend: [6, 7],
      holidays: holidays.map(date),
      workdays: workdays.map(date),
    };
    await calendars.save(calendar, 'test');
    return calendar;
  }

  // Follows a one-measure plan due on the Monday, on `calendar` (none: null), through the bench, so
  // RECTIFY_RECORD_HISTORIES records its history as a replay fixture.
  function follow(calendar: WorkingCalendar | null, steps = STEPS): Promise<MeasureEntity[]> {
    return b.planDueIn(0, {
      measures: 1,
      steps,
      mutate: (doc) => {
        for (const m of doc.categories[0].aspects[0].problems[0].measures) m.due = at(0);
        if (calendar) Object.assign(doc.plan, { calendar: calendar.code });
      },
    });
  }

  // [event kind, step, when it is dated] of every recorded event.
  // Every event but the light's (亮灯 has its own tests).
  async function recorded(m: MeasureEntity): Promise<[string, unknown, string][]> {
    const events = (await b.events.listForMeasure(m.id)).filter((e) => e.kind !== 'light_changed');
    return events.map((e) => [e.kind, e.detail.stepKey ?? null, e.occurredAt.toISOString()]);
  }

  it('fires a working-day reminder on the right day around holidays and a 调休 Saturday', async () => {
    // Thursday and Friday before the deadline are holidays; the Saturday between is worked (调休).
    const calendar = await storeCalendar([-4, -3], [-2]);
    const [m] = await follow(calendar);
    const state = await g.state(m.workflowId);
    expect(state?.calendar).toEqual(calendar);
    // -P2WD: Saturday (worked) is one, Friday and Thursday are off, Wednesday is two.
    expect(state?.nextStep).toMatchObject({ key: 'reminder@-P2WD', fireAt: at(-5) });
    await b.env.sleep(monday - (await b.env.currentTimeMs()) + DAY);
    expect(await recorded(m)).toEqual([
      ['reminder', 'reminder@-P2WD', at(-5)],
      // -P1D is Sunday, a day off: the reminder comes at the same time on the 调休 Saturday.
      ['reminder', 'reminder@-P1D', at(-2)],
      ['overdue_notice', 'overdue_notice@PT0S', at(0)],
    ]);
  });

  it('does not pull an escalation off a holiday', async () => {
    const calendar = await storeCalendar([0, 3]);
    const steps = [
      { kind: 'overdue_notice', offset: 'PT0S' },
      { kind: 'supervision_notice', offset: 'P3D' },
    ];
    const [m] = await follow(calendar, steps);
    await b.env.sleep(monday - (await b.env.currentTimeMs()) + 4 * DAY);
    expect(await recorded(m)).toEqual([
      ['overdue_notice', 'overdue_notice@PT0S', at(0)],
      ['supervision_notice', 'supervision_notice@P3D', at(3)],
    ]);
  });

  it('moves a pending reminder when a calendar with an extra holiday is applied', async () => {
    const calendar = await storeCalendar([]);
    const [m] = await follow(calendar);
    expect((await g.state(m.workflowId))?.nextStep).toMatchObject({ key: 'reminder@-P2WD', fireAt: at(-4) });
    const changed = { ...calendar, holidays: [date(-4)] };
    const applied = await g.applyCalendar(m.workflowId, { actor: 'office', calendar: changed });
    expect(applied).toMatchObject({ calendar: changed, nextStep: { key: 'reminder@-P2WD', fireAt: at(-5) } });
    const appliedAt = (await b.env.currentTimeMs()) - HOUR;
    await b.env.sleep(monday - (await b.env.currentTimeMs()) + DAY);
    const events = await recorded(m);
    expect(
      events.map(([kind, step, when]) => [kind, step, kind === 'calendar_applied' ? null : when]),
    ).toEqual([
      ['calendar_applied', null, null],
      ['reminder', 'reminder@-P2WD', at(-5)],
      // -P1D is Sunday: the same time on the Friday before.
      ['reminder', 'reminder@-P1D', at(-3)],
      ['overdue_notice', 'overdue_notice@PT0S', at(0)],
    ]);
    expect(Date.parse(events[0][2])).toBeGreaterThan(appliedAt);
    const [record] = await b.events.listForMeasure(m.id);
    expect(record).toMatchObject({ actor: 'office', detail: { from: calendar.code, to: calendar.code } });
  });

  it('skips a reminder that a new holiday moves into the past, as a new policy would', async () => {
    const calendar = await storeCalendar([]);
    const [m] = await follow(calendar, [STEPS[0], STEPS[2]]);
    // Wednesday noon: the -P2WD reminder is due on Thursday.
    await b.env.sleep(monday - 5 * DAY + 3 * HOUR - (await b.env.currentTimeMs()));
    const applied = await g.applyCalendar(m.workflowId, {
      actor: 'office',
      calendar: { ...calendar, holidays: [date(-4), date(-3)] },
    });
    // -P2WD is now Tuesday, already past: the ladder catches up without announcing it late.
    expect(applied.nextStep).toMatchObject({ key: 'reminder@-P2WD', fireAt: at(-6) });
    await eventually(async () =>
      expect((await g.state(m.workflowId))?.skippedSteps.map((s) => [s.key, s.fireAt])).toEqual([
        ['reminder@-P2WD', at(-6)],
      ]),
    );
    await b.env.sleep(monday - (await b.env.currentTimeMs()) + DAY);
    expect((await recorded(m)).map(([kind]) => kind)).toEqual(['calendar_applied', 'overdue_notice']);
  });

  it('refuses a calendar the measure cannot run on, and changes nothing', async () => {
    const calendar = await storeCalendar([]);
    const [m] = await follow(calendar);
    await expect(g.applyCalendar(m.workflowId, { actor: 'office', calendar: null })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ path: 'calendar', message: expect.stringContaining('needs a working calendar') }],
    });
    await expect(
      g.applyCalendar(m.workflowId, { actor: 'office', calendar: { ...calendar, holidays: ['2027-02-30'] } }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'calendar.holidays[0]' }] });
    expect((await g.state(m.workflowId))?.calendar).toEqual(calendar);
    expect(await recorded(m)).toEqual([]);
  });

  it('refuses working-day offsets in a plan without a calendar at import', async () => {
    await expect(follow(null)).rejects.toThrow(
      /plan\.escalationPolicy\.steps\[0\]\.offset.*counts working days, but no working calendar applies/,
    );
  });

  it('keeps the calendar across continue-as-new', async () => {
    const short = new MeasureWorkflowGateway(b.env.client, b.taskQueue, { historyLimit: 5 });
    const calendar = await storeCalendar([-4, -3], [-2]);
    const doc = aPlanDocument({ planCode: uniqueCode('GS'), due: at(0), steps: STEPS, measures: 1 });
    Object.assign(doc.plan, { calendar: calendar.code });
    const [m] = await followPlan(doc, b.db.dataSource, short);
    await short.reportProgress(m.workflowId, { actor: 'u', note: '进展' });
    await eventually(async () => {
      const d = await b.env.client.workflow.getHandle(m.workflowId).describe();
      expect(d.runId).not.toBe(d.raw.workflowExecutionInfo?.firstRunId);
    });
    expect((await short.state(m.workflowId))?.calendar).toEqual(calendar);
    await b.env.sleep(monday - (await b.env.currentTimeMs()) + DAY);
    expect((await recorded(m)).filter(([kind]) => kind === 'reminder')).toEqual([
      ['reminder', 'reminder@-P2WD', at(-5)],
      ['reminder', 'reminder@-P1D', at(-2)],
    ]);
  });
});
