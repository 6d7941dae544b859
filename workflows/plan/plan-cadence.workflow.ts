// 报告周期: a plan's reporting cadence (日调度 / 周调度 / 旬报告 / 月通报), enforced for as long as
// the plan runs. Each responsible unit (a lead unit of open measures) owes one progress report per
// period, from the first period with time left before its reminder. Before the period closes,
// units that have not reported are reminded; at the close each one still silent is recorded as
// 漏报 and climbs the missed-report ladder (the unit, then its lead leaders, then the office), and
// the period's roll-up is stored for the office.
// Deterministic: time is the workflow clock, periods come from pure domain code, and activities do
// all I/O with idempotency keys made of the workflow id, the period and the unit.
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { CadenceActivities, CadenceEventInput, Roster } from '../../activities/cadence.activities';
import type { NotificationRequest } from '../../activities/measure.activities';
import {
  firstPeriod,
  nextPeriod,
  periodOfKey,
  reminderAt,
  type ReportingPeriod,
} from '../../libs/domain/src/reporting-period';
import { missedReportStep } from '../../libs/domain/src/reporting-rules';
import {
  cadencePlanClosedSignal,
  cadenceStateQuery,
  PlanCadenceInput,
  PlanCadenceOutcome,
  PlanCadenceState,
} from './plan-cadence.contract';

const DEFAULT_PERIODS_PER_RUN = 100;
const HISTORY_LIMIT = 10_000;
const ACTOR = 'rectify:reporting-cadence';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export async function planCadenceWorkflow(input: PlanCadenceInput): Promise<PlanCadenceOutcome> {
  const zone = input.timeZone;
  const st: Mutable<PlanCadenceState> = input.carried
    ? { ...input.carried }
    : {
        periodKey: firstPeriod(Date.now(), input.cadence, zone, input.rules.reminderLead).key,
        reminded: false,
        consecutiveMisses: {},
        closedBy: null,
        periodsClosed: 0,
      };
  const periodOf = (key: string): ReportingPeriod => {
    const p = periodOfKey(key, input.cadence, zone);
    if (!p) throw new Error(`${key} is not a ${input.cadence} period in ${zone}`);
    return p;
  };
  // Handlers first: a signal sent before the run started is delivered as its handler is set.
  setHandler(cadenceStateQuery, () => {
    const p = periodOf(st.periodKey);
    return {
      ...st,
      cadence: input.cadence,
      periodStart: new Date(p.startMs).toISOString(),
      periodEnd: new Date(p.endMs).toISOString(),
      remindAt: new Date(reminderAt(p, input.rules.reminderLead)).toISOString(),
    };
  });
  setHandler(cadencePlanClosedSignal, ({ actor }) => {
    st.closedBy ??= actor;
  });

  const acts = proxyActivities<CadenceActivities>({
    startToCloseTimeout: '1 minute',
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
  });
  const workflowId = workflowInfo().workflowId;
  const key = (period: string, step: string) => `${workflowId}/${period}/${step}`;
  let closedThisRun = 0;

  while (st.closedBy === null) {
    const period = periodOf(st.periodKey);
    const remindAt = reminderAt(period, input.rules.reminderLead);
    const now = Date.now();
    if (now >= period.endMs) {
      // Reminders not sent by now are not sent: the period is over (the worker was away).
      await closePeriod(period, await roster(period));
      st.periodKey = nextPeriod(period, zone).key;
      st.reminded = false;
      st.periodsClosed++;
      closedThisRun++;
      const info = workflowInfo();
      const long = info.continueAsNewSuggested || info.historyLength > HISTORY_LIMIT;
      if (closedThisRun >= (input.periodsPerRun ?? DEFAULT_PERIODS_PER_RUN) || long) {
        await condition(allHandlersFinished);
        // A planClosed signal taken in meanwhile is in the state, and so is carried.
        await continueAsNew<typeof planCadenceWorkflow>({ ...input, carried: { ...st } });
      }
      continue;
    }
    if (!st.reminded && now >= remindAt) {
      await remind(period, remindAt, await roster(period));
      st.reminded = true;
      continue;
    }
    const wakeAt = st.reminded ? period.endMs : remindAt;
    await condition(() => st.closedBy !== null, Math.max(1, wakeAt - now));
  }
  await condition(allHandlersFinished);
  return { closedBy: st.closedBy, periodsClosed: st.periodsClosed };

  function roster(period: ReportingPeriod): Promise<Roster> {
    return acts.reportingRoster({
      planCode: input.planCode,
      periodStart: new Date(period.startMs).toISOString(),
      periodEnd: new Date(period.endMs).toISOString(),
    });
  }

  function about(period: ReportingPeriod): Record<string, unknown> {
    // `deadline` is what a notice shows as its due time: the period's close.
    return { cadence: input.cadence, period: period.key, deadline: new Date(period.endMs).toISOString() };
  }

  async function remind(period: ReportingPeriod, at: number, r: Roster): Promise<void> {
    const reported = new Set(r.reported);
    const events: CadenceEventInput[] = r.owing
      .filter((u) => !reported.has(u.unitCode))
      .map((u) => ({
        idempotencyKey: key(period.key, `report_reminder/${u.unitCode}`),
        kind: 'report_reminder',
        periodKey: period.key,
        unitCode: u.unitCode,
        measureId: u.measureId,
        level: 0,
        occurredAt: new Date(at).toISOString(),
        detail: about(period),
        notify: [
          {
            addresseeKind: 'unit',
            addressee: u.unitCode,
            subject: `progress report due (${input.cadence} ${period.key}, closes ${new Date(period.endMs).toISOString()})`,
          },
        ],
      }));
    if (events.length) await acts.recordCadenceEvents({ planCode: input.planCode, actor: ACTOR, events });
  }

  async function closePeriod(period: ReportingPeriod, r: Roster): Promise<void> {
    const reported = new Set(r.reported);
    const misses: Record<string, number> = {};
    const events: CadenceEventInput[] = [];
    for (const u of r.owing) {
      if (reported.has(u.unitCode)) continue;
      const consecutive = (st.consecutiveMisses[u.unitCode] ?? 0) + 1;
      misses[u.unitCode] = consecutive;
      const step = missedReportStep(input.rules.missedReportLadder, consecutive);
      const subject = `missed progress report (漏报) ${input.cadence} ${period.key}, ${consecutive} in a row`;
      const notify: NotificationRequest[] =
        step.notify === 'unit'
          ? [{ addresseeKind: 'unit', addressee: u.unitCode, subject }]
          : step.notify === 'leader'
            ? u.leaders.map((leader) => ({ addresseeKind: 'leader' as const, addressee: leader, subject }))
            : step.notify === 'office'
              ? [{ addresseeKind: 'office', addressee: input.planCode, subject }]
              : [];
      events.push({
        idempotencyKey: key(period.key, `report_missed/${u.unitCode}`),
        kind: 'report_missed',
        periodKey: period.key,
        unitCode: u.unitCode,
        measureId: u.measureId,
        level: step.level,
        occurredAt: new Date(period.endMs).toISOString(),
        detail: { ...about(period), consecutive, notify: step.notify },
        notify,
      });
    }
    if (events.length) await acts.recordCadenceEvents({ planCode: input.planCode, actor: ACTOR, events });
    await acts.closeReportingPeriod({
      planCode: input.planCode,
      idempotencyKey: key(period.key, 'period_closed'),
      actor: ACTOR,
      cadence: input.cadence,
      periodKey: period.key,
      reported: r.reported,
      missed: Object.entries(misses).map(([unitCode, consecutive]) => ({ unitCode, consecutive })),
    });
    // A unit that reported, or owes nothing any more, starts counting again.
    st.consecutiveMisses = misses;
  }
}
