// The plan's reporting cadence on the time-skipping server: three daily periods in which unit A
// (GS-HOUSING) reports every day and unit B (GS-POVERTY) never does. The worker replays every task
// from history and is restarted in the middle; continue-as-new comes after two periods.
import { randomUUID } from 'node:crypto';
import { In } from 'typeorm';
import { CadenceActivities } from '../../activities/cadence.activities';
import { periodAt, type ReportingPeriod } from '../../libs/domain/src/reporting-period';
import { CadenceEventEntity } from '../../libs/persistence/src/entities/cadence-event.entity';
import { NotificationDeliveryEntity } from '../../libs/persistence/src/entities/notification-delivery.entity';
import { PersonEntity } from '../../libs/persistence/src/entities/person.entity';
import type { RollUp } from '../../libs/reporting/src/roll-up';
import { planCadenceWorkflowId } from '../../workflows/plan/plan-cadence.contract';
import { CadenceBench, startCadenceBench } from '../support/cadence-harness';
import { eventually } from '../support/eventually';
import { DAY } from '../support/lifecycle-harness';
import { aPlanDocument } from '../support/plan-fixtures';
import { uniqueCode } from '../support/unique';

const HOUR = 3_600_000;
const ZONE = 'Asia/Shanghai';
const A = 'GS-HOUSING';
const B = 'GS-POVERTY';

describe('a plan’s reporting cadence (daily) on the time-skipping server', () => {
  let b: CadenceBench;
  let planId: string;
  let planCode: string;
  const periods: ReportingPeriod[] = [];
  const people: Record<string, string> = {};

  async function person(name: string, unitCodes: string[], duties: PersonEntity['duties']) {
    const id = randomUUID();
    await b.db.dataSource.getRepository(PersonEntity).insert({
      id,
      name,
      userId: null,
      unitCodes,
      duties,
      language: 'zh-CN',
      timeZone: ZONE,
      quietHours: null,
      dailyDigest: false,
      createdAt: new Date(),
      disabledAt: null,
    });
    people[name] = id;
  }

  const events = () => b.repo.events(planId);
  const closed = async (key: string) => {
    const row = (await events()).find((e) => e.kind === 'period_closed' && e.periodKey === key);
    if (!row) throw new Error(`period ${key} is not closed yet`);
    return row;
  };

  beforeAll(async () => {
    b = await startCadenceBench();
    // Begin at 01:00 in Shanghai, so every step below falls at a known local time.
    const now = await b.env.currentTimeMs();
    await b.env.sleep(periodAt(now, 'daily', ZONE).endMs + HOUR - now);

    planCode = uniqueCode('GS');
    const doc = aPlanDocument({
      planCode,
      due: new Date((await b.env.currentTimeMs()) + 60 * DAY).toISOString(),
      measures: 2,
    });
    // M1: GS-HOUSING led by 分管副省长 (A); M2: GS-POVERTY led by 副省长乙 (B).
    doc.categories[0].aspects[0].problems[0].measures[1].leadLeader = '副省长乙';
    Object.assign(doc.plan, { reportingCadence: 'daily', reportingRules: { reminderLead: 'PT1H' } });
    const { plan, measures } = await b.follow(doc);
    planId = measures[0].planId;
    const [m1] = measures;
    await person('住建厅联络员', [A], ['unit_contact']);
    await person('扶贫办联络员', [B], ['unit_contact']);
    await person('副省长乙', [], []);
    await person('分管副省长', [], []);
    await person('整改办', [], ['office']);

    const reportA = () => b.measures.reportProgress(m1.workflowId, { actor: A, note: '本日进展' });
    // A reports before the cadence starts, and then each day at 01:00; B never does.
    await reportA();
    await b.startCadence(plan, { periodsPerRun: 2 });
    for (let day = 0; day < 3; day++) {
      const now = await b.env.currentTimeMs();
      const period = periodAt(now, 'daily', ZONE);
      periods.push(period);
      if (day > 0) await reportA();
      // A redeploy in the middle: the new worker picks the workflows up from their histories.
      if (day === 1) await b.restartWorker();
      // Past the reminder at 23:00 and the close at midnight, to 01:00 the next day.
      await b.env.sleep(period.endMs + HOUR - now);
      await eventually(() => closed(period.key));
    }
  });
  afterAll(() => b?.stop());

  it('judges three consecutive days, each in the plan’s zone', () => {
    expect(periods.map((p) => (p.endMs - p.startMs) / HOUR)).toEqual([24, 24, 24]);
    expect(periods[1].startMs).toBe(periods[0].endMs);
    expect(periods[2].startMs).toBe(periods[1].endMs);
  });

  it('reminds B an hour before each close, once a day, and never A', async () => {
    const reminders = (await events()).filter((e) => e.kind === 'report_reminder');
    expect(reminders.map((e) => [e.unitCode, e.periodKey, e.occurredAt.getTime()])).toEqual(
      periods.map((p) => [B, p.key, p.endMs - HOUR]),
    );
  });

  it('records B’s 漏报 at each close, climbing the ladder: unit, then leader, then office', async () => {
    const missed = (await events()).filter((e) => e.kind === 'report_missed');
    expect(
      missed.map((e) => [e.unitCode, e.periodKey, e.level, e.detail.consecutive, e.detail.notify]),
    ).toEqual([
      [B, periods[0].key, 1, 1, 'unit'],
      [B, periods[1].key, 2, 2, 'leader'],
      [B, periods[2].key, 3, 3, 'office'],
    ]);
    expect(missed.map((e) => e.occurredAt.getTime())).toEqual(periods.map((p) => p.endMs));
  });

  it('addresses each notice once: B every reminder and its first miss, its leader the second, the office the third', async () => {
    const byId = new Map((await events()).map((e) => [e.id, e]));
    const notices = (await b.repo.cadenceNotifications(planId)).map((n) => {
      const e = byId.get(n.cadenceEventId ?? '') as CadenceEventEntity;
      return [e.kind, e.periodKey, n.addresseeKind, n.addressee];
    });
    expect(notices.sort()).toEqual(
      [
        ...periods.map((p) => ['report_reminder', p.key, 'unit', B]),
        ['report_missed', periods[0].key, 'unit', B],
        ['report_missed', periods[1].key, 'leader', '副省长乙'],
        ['report_missed', periods[2].key, 'office', planCode],
      ].sort(),
    );
  });

  it('delivers the notices to the people behind them, and nothing to A or A’s leader', async () => {
    const requests = await b.repo.cadenceNotifications(planId);
    const inbox = await eventually(async () => {
      const rows = await b.db.dataSource.getRepository(NotificationDeliveryEntity).find({
        where: { requestId: In(requests.map((r) => r.id)) },
      });
      expect(rows).toHaveLength(requests.length);
      return rows;
    });
    const to = (name: string) => inbox.filter((d) => d.personId === people[name]).length;
    expect(inbox.every((d) => d.channel === 'inbox' && d.state === 'sent' && d.measureId === null)).toBe(
      true,
    );
    expect([to('扶贫办联络员'), to('副省长乙'), to('整改办')]).toEqual([4, 1, 1]);
    expect([to('住建厅联络员'), to('分管副省长')]).toEqual([0, 0]);
  });

  it('closes each period with a roll-up: A reported, B missed, and their measures by status', async () => {
    for (const [i, p] of periods.entries()) {
      const rollUp = (await closed(p.key)).detail as unknown as RollUp;
      expect(rollUp.period).toMatchObject({ key: p.key, start: new Date(p.startMs).toISOString() });
      expect(
        rollUp.units.map((u) => [
          u.code,
          u.owed,
          u.reported,
          u.reports,
          u.consecutiveMisses,
          u.measures.total,
        ]),
      ).toEqual([
        [B, true, false, 0, i + 1, 1],
        [A, true, true, 1, 0, 1],
      ]);
      expect(rollUp.units[1].measures.in_progress).toBe(1);
      expect(rollUp.units[0].measures.assigned).toBe(1);
    }
  });

  it('continued as new after two periods, carrying the count of misses', async () => {
    const state = await b.cadence.state(planCode);
    expect(state).toMatchObject({
      periodKey: periodAt(periods[2].endMs, 'daily', ZONE).key,
      periodsClosed: 3,
      consecutiveMisses: { [B]: 3 },
      closedBy: null,
    });
    const handle = b.env.client.workflow.getHandle(planCadenceWorkflowId(planCode));
    const first = (await handle.fetchHistory()).events?.[0].workflowExecutionStartedEventAttributes;
    expect(first?.continuedExecutionRunId).toBeTruthy();
  });

  it('records nothing twice when an activity is retried after its commit', async () => {
    const before = (await events()).length;
    const activities = new CadenceActivities(b.repo);
    const workflowId = planCadenceWorkflowId(planCode);
    const [period] = periods;
    const measureId = (await events()).find((e) => e.kind === 'report_missed')?.measureId as string;
    const again = await activities.recordCadenceEvents({
      planCode,
      actor: 'rectify:reporting-cadence',
      events: [
        {
          idempotencyKey: `${workflowId}/${period.key}/report_missed/${B}`,
          kind: 'report_missed',
          periodKey: period.key,
          unitCode: B,
          measureId,
          level: 1,
          occurredAt: new Date(period.endMs).toISOString(),
          detail: {},
          notify: [{ addresseeKind: 'unit', addressee: B, subject: 'again' }],
        },
      ],
    });
    const closedAgain = await activities.closeReportingPeriod({
      planCode,
      idempotencyKey: `${workflowId}/${period.key}/period_closed`,
      actor: 'rectify:reporting-cadence',
      cadence: 'daily',
      periodKey: period.key,
      reported: [],
      missed: [],
    });
    expect([again.recorded, closedAgain.recorded, (await events()).length]).toEqual([0, false, before]);
  });

  it('ends when the plan closes, with nothing more recorded', async () => {
    const before = (await events()).length;
    await b.cadence.planClosed(planCode, 'office');
    const handle = b.env.client.workflow.getHandle(planCadenceWorkflowId(planCode));
    expect(await handle.result()).toEqual({ closedBy: 'office', periodsClosed: 3 });
    expect((await events()).length).toBe(before);
    // Closing again is harmless.
    await b.cadence.planClosed(planCode, 'office');
  });
});
