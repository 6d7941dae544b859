// 签收 in the measure workflow on the time-skipping server: a measure whose policy asks for it is
// delivered to its lead unit, reminded and escalated on its own short ladder until it is
// acknowledged, returned (the office is told) and then reassigned or confirmed. Every time is read
// from what the workflow recorded (its clock), never from the test's.
import { acknowledgeByFrom, type AcknowledgementPolicy } from '../../libs/domain/src/acknowledgement-policy';
import type { WorkingCalendar } from '../../libs/domain/src/working-calendar';
import { CalendarRepository } from '../../libs/persistence/src/repositories/calendar.repository';
import { MeasureEntity } from '../../libs/persistence/src/entities/measure.entity';
import { MeasureWorkflowGateway } from '../../libs/temporal/src/measure-workflow.gateway';
import { eventually } from '../support/eventually';
import { followPlan } from '../support/follow-plan';
import { DAY, LifecycleBench, startLifecycleBench } from '../support/lifecycle-harness';
import { aPlanDocument } from '../support/plan-fixtures';
import { testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe(`签收 (acknowledgement) in the measure workflow (${testEngine()})`, () => {
  let b: LifecycleBench;
  let g: MeasureWorkflowGateway;

  beforeAll(async () => {
    b = await startLifecycleBench();
    g = b.gateway;
  });
  afterAll(() => b?.stop());

  // The policy of every plan here: the main ladder far away (due in 30 days), 签收 as given.
  function policy(acknowledgement: AcknowledgementPolicy | null) {
    return {
      version: 'ack-1',
      steps: [{ kind: 'overdue_notice', offset: 'PT0S' }],
      ...(acknowledgement ? { acknowledgement } : {}),
    };
  }

  async function follow(acknowledgement: AcknowledgementPolicy | null = { within: 'P1D' }) {
    const [m] = await b.planDueIn(30, {
      measures: 1,
      mutate: (doc) => Object.assign(doc.plan, { escalationPolicy: policy(acknowledgement) }),
    });
    return m;
  }

  // Every recorded event but the light's (亮灯 moves with the deadline too; measure-lights.e2e-spec
  // follows it): 签收 is what these tests are about.
  async function eventsOf(measureId: string) {
    return (await b.events.listForMeasure(measureId)).filter((e) => e.kind !== 'light_changed');
  }

  // The recorded delivery number `n` (1: the first), once the loop has recorded it.
  async function delivered(m: MeasureEntity, n = 1) {
    return eventually(async () => {
      const found = (await eventsOf(m.id)).filter((e) => e.kind === 'assignment_delivered');
      expect(found.length).toBeGreaterThanOrEqual(n);
      return found[n - 1];
    });
  }

  // [kind, occurredAt] of every recorded event.
  async function recorded(m: MeasureEntity): Promise<[string, string][]> {
    return (await eventsOf(m.id)).map((e) => [e.kind, e.occurredAt.toISOString()]);
  }

  async function sleepUntil(ms: number) {
    await b.env.sleep(Math.max(1, ms - (await b.env.currentTimeMs())));
  }

  it('reminds and escalates an unacknowledged measure on its own short ladder, and leaves an acknowledged one alone', async () => {
    const late = await follow();
    const prompt = await follow();
    const lateDelivery = await delivered(late);
    const promptDelivery = await delivered(prompt);
    const by = Date.parse(String(lateDelivery.detail.acknowledgeBy));
    // One day from the delivery, by the workflow's clock.
    expect(by).toBe(lateDelivery.occurredAt.getTime() + DAY);
    expect(lateDelivery.detail).toEqual({ acknowledgeBy: iso(by), unitCode: 'GS-HOUSING', delivery: 1 });
    expect((await g.state(late.workflowId))?.acknowledgement).toMatchObject({
      status: 'pending',
      unitCode: 'GS-HOUSING',
      acknowledgeBy: iso(by),
    });
    expect(await b.row(late)).toMatchObject({ acknowledgement: 'pending', acknowledgeBy: new Date(by) });

    await b.env.sleep(2 * HOUR);
    const answered = await g.acknowledge(prompt.workflowId, { actor: 'unit:user:GS-HOUSING' });
    expect(answered.acknowledgement).toMatchObject({ status: 'acknowledged' });
    await sleepUntil(by + 3 * DAY);

    expect(await recorded(late)).toEqual([
      ['assignment_delivered', lateDelivery.occurredAt.toISOString()],
      ['acknowledgement_reminder', iso(by)],
      ['acknowledgement_overdue', iso(by + DAY)],
    ]);
    const notices = await b.events.notificationsForMeasure(late.id);
    expect(notices.map((n) => [n.addresseeKind, n.addressee])).toEqual([
      ['unit', 'GS-HOUSING'],
      ['unit', 'GS-HOUSING'],
      ['leader', '分管副省长'],
      ['office', late.workflowId.split(':')[1]],
    ]);
    expect(notices[1].subject).toBe(`acknowledgement_reminder (GS-HOUSING to acknowledge by ${iso(by)})`);

    const promptEvents = await eventsOf(prompt.id);
    expect(promptEvents.map((e) => e.kind)).toEqual(['assignment_delivered', 'assignment_acknowledged']);
    const took = promptEvents[1].occurredAt.getTime() - promptDelivery.occurredAt.getTime();
    expect(took).toBeGreaterThanOrEqual(2 * HOUR);
    expect(promptEvents[1].detail).toEqual({
      acknowledgeBy: promptDelivery.detail.acknowledgeBy,
      late: false,
      tookMs: took,
      unitCode: 'GS-HOUSING',
      delivery: 1,
    });
    expect((await b.row(prompt)).acknowledgement).toBe('acknowledged');
    expect((await b.row(late)).acknowledgement).toBe('pending');
  });

  it('records an acknowledgement after the limit as late, and the escalation still to come never fires', async () => {
    const m = await follow({
      within: 'P1D',
      steps: [
        { kind: 'acknowledgement_reminder', offset: '-PT4H' },
        { kind: 'acknowledgement_overdue', offset: 'P2D' },
      ],
    });
    const d = await delivered(m);
    const by = Date.parse(String(d.detail.acknowledgeBy));
    await sleepUntil(by + DAY);
    const after = await g.acknowledge(m.workflowId, { actor: 'GS-HOUSING' });
    expect(after.acknowledgement?.status).toBe('acknowledged');
    await sleepUntil(by + 4 * DAY);
    const events = await eventsOf(m.id);
    expect(events.map((e) => [e.kind, e.occurredAt.toISOString()])).toEqual([
      ['assignment_delivered', d.occurredAt.toISOString()],
      ['acknowledgement_reminder', iso(by - 4 * HOUR)],
      ['assignment_acknowledged', events[2].occurredAt.toISOString()],
    ]);
    expect(events[2].occurredAt.getTime()).toBeGreaterThanOrEqual(by + DAY);
    expect(events[2].detail).toMatchObject({
      late: true,
      tookMs: events[2].occurredAt.getTime() - d.occurredAt.getTime(),
    });
  });

  it('tells the office of a return, stops the short ladder, and restarts acknowledgement for the unit it is reassigned to', async () => {
    const m = await follow();
    const first = await delivered(m);
    await b.env.sleep(HOUR);
    const returned = await g.returnAssignment(m.workflowId, {
      actor: 'GS-HOUSING',
      reason: '  属省扶贫办职责，非本单位  ',
    });
    expect(returned.acknowledgement).toMatchObject({
      status: 'returned',
      returned: { actor: 'GS-HOUSING', reason: '属省扶贫办职责，非本单位' },
    });
    const notices = await b.events.notificationsForMeasure(m.id);
    expect(notices.map((n) => [n.addresseeKind, n.subject])).toEqual([
      ['unit', `assignment delivered: acknowledge (签收) by ${first.detail.acknowledgeBy}`],
      ['office', 'assignment returned (退回) by GS-HOUSING: reassign or confirm it'],
    ]);
    expect((await b.row(m)).acknowledgement).toBe('returned');
    // Past the first limit and a day more: nothing chases a unit that returned the assignment.
    await sleepUntil(Date.parse(String(first.detail.acknowledgeBy)) + 2 * DAY);
    expect((await recorded(m)).map(([kind]) => kind)).toEqual([
      'assignment_delivered',
      'assignment_returned',
    ]);

    const moved = await g.reassign(m.workflowId, {
      actor: 'office',
      leadUnitCode: 'GS-POVERTY',
      reason: '按退回意见调整责任单位',
    });
    expect(moved.acknowledgement).toMatchObject({ status: 'pending', unitCode: 'GS-POVERTY', delivery: 2 });
    const second = await delivered(m, 2);
    const by = Date.parse(String(second.detail.acknowledgeBy));
    expect(second.detail).toMatchObject({ unitCode: 'GS-POVERTY', delivery: 2 });
    expect(second.occurredAt.toISOString()).toBe(moved.acknowledgement!.deliveredAt);
    expect(by).toBe(second.occurredAt.getTime() + DAY);
    await sleepUntil(by + HOUR);
    await g.acknowledge(m.workflowId, { actor: 'GS-POVERTY' });
    const events = await eventsOf(m.id);
    expect(events.map((e) => e.kind)).toEqual([
      'assignment_delivered',
      'assignment_returned',
      'reassigned',
      'assignment_delivered',
      'acknowledgement_reminder',
      'assignment_acknowledged',
    ]);
    expect(events[1].detail).toEqual({
      reason: '属省扶贫办职责，非本单位',
      unitCode: 'GS-HOUSING',
      delivery: 1,
    });
    expect(events[4]).toMatchObject({
      occurredAt: new Date(by),
      detail: { unitCode: 'GS-POVERTY', delivery: 2 },
    });
    expect(events[5].detail).toMatchObject({ acknowledgeBy: iso(by), late: true, unitCode: 'GS-POVERTY' });
    expect(await b.row(m)).toMatchObject({
      leadUnitCode: 'GS-POVERTY',
      acknowledgement: 'acknowledged',
      acknowledgeBy: new Date(by),
    });
  });

  it('delivers anew to the same unit when the office confirms a return, and that unit must acknowledge it', async () => {
    const m = await follow();
    await delivered(m);
    await g.returnAssignment(m.workflowId, { actor: 'GS-HOUSING', reason: '已由其他措施覆盖' });
    await b.env.sleep(HOUR);
    const confirmed = await g.confirmAssignment(m.workflowId, { actor: 'office' });
    expect(confirmed.acknowledgement).toMatchObject({
      status: 'pending',
      unitCode: 'GS-HOUSING',
      delivery: 2,
    });
    const second = await delivered(m, 2);
    expect(second.occurredAt.toISOString()).toBe(confirmed.acknowledgement!.deliveredAt);
    expect(Date.parse(String(second.detail.acknowledgeBy))).toBe(second.occurredAt.getTime() + DAY);
    // The confirmation is not an acknowledgement: the unit is chased until it signs.
    await sleepUntil(Date.parse(String(second.detail.acknowledgeBy)) + HOUR);
    await g.acknowledge(m.workflowId, { actor: 'GS-HOUSING' });
    const events = await eventsOf(m.id);
    expect(events.map((e) => e.kind)).toEqual([
      'assignment_delivered',
      'assignment_returned',
      'assignment_confirmed',
      'assignment_delivered',
      'acknowledgement_reminder',
      'assignment_acknowledged',
    ]);
    expect(events[2]).toMatchObject({ actor: 'office', detail: {} });
    expect((await b.events.notificationsForMeasure(m.id)).map((n) => n.subject)).toContain(
      'return (退回) not accepted: the assignment stays with your unit',
    );
  });

  it('refuses what the delivery does not allow, and records nothing for a refusal', async () => {
    const none = await follow(null);
    expect((await g.state(none.workflowId))?.acknowledgement).toBeNull();
    await expect(g.acknowledge(none.workflowId, { actor: 'GS-HOUSING' })).rejects.toMatchObject({
      code: 'COMMAND_REFUSED',
      message: expect.stringContaining('needs no acknowledgement'),
    });
    await expect(
      g.returnAssignment(none.workflowId, { actor: 'GS-HOUSING', reason: '非本单位' }),
    ).rejects.toMatchObject({ code: 'COMMAND_REFUSED' });
    expect(await eventsOf(none.id)).toEqual([]);
    expect((await b.row(none)).acknowledgement).toBeNull();

    const m = await follow();
    await delivered(m);
    await expect(
      g.returnAssignment(m.workflowId, { actor: 'GS-HOUSING', reason: '   ' }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ path: 'reason', message: 'must not be empty' }],
    });
    await expect(g.confirmAssignment(m.workflowId, { actor: 'office' })).rejects.toMatchObject({
      code: 'COMMAND_REFUSED',
      message: expect.stringContaining('no returned assignment'),
    });
    await g.acknowledge(m.workflowId, { actor: 'GS-HOUSING' });
    await expect(g.acknowledge(m.workflowId, { actor: 'GS-HOUSING' })).rejects.toMatchObject({
      code: 'COMMAND_REFUSED',
      message: expect.stringContaining('already acknowledged'),
    });
    await expect(
      g.returnAssignment(m.workflowId, { actor: 'GS-HOUSING', reason: '非本单位' }),
    ).rejects.toMatchObject({ code: 'COMMAND_REFUSED' });
    expect((await recorded(m)).map(([kind]) => kind)).toEqual([
      'assignment_delivered',
      'assignment_acknowledged',
    ]);
  });

  it('delivers a sub-measure to the unit below, which signs for it on its own', async () => {
    const m = await follow();
    await delivered(m);
    await g.acknowledge(m.workflowId, { actor: 'GS-HOUSING' });
    await g.decompose(m.workflowId, {
      actor: 'GS-HOUSING',
      subMeasures: [
        {
          code: 'LX',
          title: '临夏州危房改造',
          leadUnitCode: 'LINXIA',
          leadLeader: '州长',
          dueAt: iso(m.dueAt.getTime() - DAY),
        },
      ],
    });
    const child = await eventually(() =>
      b.db.dataSource.getRepository(MeasureEntity).findOneByOrFail({ parentMeasureId: m.id }),
    );
    const d = await delivered(child);
    expect(d.detail).toMatchObject({ unitCode: 'LINXIA', delivery: 1 });
    await sleepUntil(Date.parse(String(d.detail.acknowledgeBy)) + HOUR);
    expect((await recorded(child)).map(([kind]) => kind)).toEqual([
      'assignment_delivered',
      'acknowledgement_reminder',
    ]);
    expect((await recorded(m)).map(([kind]) => kind)).toEqual([
      'assignment_delivered',
      'assignment_acknowledged',
      'decomposed',
    ]);
  });

  it('keeps a pending delivery and its short ladder across continue-as-new', async () => {
    const short = new MeasureWorkflowGateway(b.env.client, b.taskQueue, { historyLimit: 5 });
    const due = iso((await b.env.currentTimeMs()) + 30 * DAY);
    const doc = aPlanDocument({ planCode: uniqueCode('GS'), due, measures: 1 });
    Object.assign(doc.plan, { escalationPolicy: policy({ within: 'P1D' }) });
    const [m] = await followPlan(doc, b.db.dataSource, short);
    const d = await delivered(m);
    await short.reportProgress(m.workflowId, { actor: 'GS-HOUSING', note: '已部署' });
    await eventually(async () => {
      const desc = await b.env.client.workflow.getHandle(m.workflowId).describe();
      expect(desc.runId).not.toBe(desc.raw.workflowExecutionInfo?.firstRunId);
    });
    expect((await short.state(m.workflowId))?.acknowledgement).toMatchObject({
      status: 'pending',
      delivery: 1,
    });
    const by = Date.parse(String(d.detail.acknowledgeBy));
    await sleepUntil(by + 2 * DAY);
    expect((await recorded(m)).map(([kind]) => kind)).toEqual([
      'assignment_delivered',
      'progress_reported',
      'acknowledgement_reminder',
      'acknowledgement_overdue',
    ]);
  });

  it('counts a working-day limit on the measure’s calendar: days off do not count', async () => {
    // The three days after today (in Shanghai, by the server's clock) are holidays.
    const now = await b.env.currentTimeMs();
    const shanghaiDate = (days: number) => iso(now + 8 * HOUR + days * DAY).slice(0, 10);
    const calendar: WorkingCalendar = {
      code: uniqueCode('ACK').slice(0, 32),
      timeZone: 'Asia/Shanghai',
      weekend: [6, 7],
      holidays: [1, 2, 3].map(shanghaiDate),
      workdays: [],
    };
    await new CalendarRepository(b.db.dataSource).save(calendar, 'test');
    const [m] = await b.planDueIn(30, {
      measures: 1,
      mutate: (doc) =>
        Object.assign(doc.plan, { calendar: calendar.code, escalationPolicy: policy({ within: 'P1WD' }) }),
    });
    const d = await delivered(m);
    const by = Date.parse(String(d.detail.acknowledgeBy));
    expect(by).toBe(acknowledgeByFrom(d.occurredAt.getTime(), { within: 'P1WD' }, calendar));
    expect(by - d.occurredAt.getTime()).toBeGreaterThan(3 * DAY);
    // Its limit counts on the calendar: taking the calendar away is refused, and changes nothing.
    await expect(g.applyCalendar(m.workflowId, { actor: 'office', calendar: null })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ path: 'calendar', message: expect.stringContaining('no working calendar applies') }],
    });
    expect((await g.state(m.workflowId))?.calendar).toEqual(calendar);
  });

  it('refuses a plan whose 签收 limit counts working days without a calendar, naming the place', async () => {
    await expect(follow({ within: 'P1WD' })).rejects.toThrow(
      /plan\.escalationPolicy\.acknowledgement\.within.*no working calendar applies/,
    );
    await expect(
      follow({ within: 'P1D', steps: [{ kind: 'acknowledgement_reminder', offset: 'P1D' }] }),
    ).rejects.toThrow(/plan\.escalationPolicy\.acknowledgement\.steps\[0\]\.offset/);
  });
});
