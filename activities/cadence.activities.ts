// The plan-cadence workflow's side effects: who owes and who gave a progress report in a period,
// the cadence's events (report reminders, 漏报) recorded once each with their notices, and the
// period's close with its roll-up (旬报 / 月通报). Notices are dispatched after their commit.
import { ApplicationFailure } from '@temporalio/common';
import { periodOfKey, type ReportingCadence } from '../libs/domain/src/reporting-period';
import type { CadenceEventKind } from '../libs/persistence/src/entities/cadence-event.entity';
import type { PlanEntity } from '../libs/persistence/src/entities/plan.entity';
import { CadenceRepository, OwingUnit } from '../libs/persistence/src/repositories/cadence.repository';
import { buildRollUp } from '../libs/reporting/src/roll-up';
import { DATA_REFUSED } from '../workflows/measure/measure.contract';
import {
  nonRetryableIfPermanent,
  type NoticeDispatcher,
  type NotificationRequest,
} from './measure.activities';

export const UNKNOWN_PLAN = 'UNKNOWN_PLAN';

export interface RosterInput {
  readonly planCode: string;
  readonly periodStart: string;
  readonly periodEnd: string;
}

export interface Roster {
  // Units that owe a report: lead units of the plan's open measures.
  readonly owing: readonly OwingUnit[];
  // Units that reported in the period (whether or not they still owe one).
  readonly reported: readonly string[];
}

export interface CadenceEventInput {
  readonly idempotencyKey: string;
  readonly kind: Extract<CadenceEventKind, 'report_reminder' | 'report_missed'>;
  readonly periodKey: string;
  readonly unitCode: string;
  // The measure its notices open (the unit's first open measure).
  readonly measureId: string;
  readonly level: number;
  readonly occurredAt: string;
  readonly detail: Record<string, unknown>;
  readonly notify: readonly NotificationRequest[];
}

export interface RecordCadenceEventsInput {
  readonly planCode: string;
  readonly actor: string;
  readonly events: readonly CadenceEventInput[];
}

export interface CloseReportingPeriodInput {
  readonly planCode: string;
  readonly idempotencyKey: string;
  readonly actor: string;
  readonly cadence: ReportingCadence;
  readonly periodKey: string;
  // How the workflow judged the period.
  readonly reported: readonly string[];
  readonly missed: readonly { readonly unitCode: string; readonly consecutive: number }[];
}

export class CadenceActivities {
  constructor(
    private readonly cadence: CadenceRepository,
    private readonly dispatcher?: NoticeDispatcher,
  ) {}

  async reportingRoster(input: RosterInput): Promise<Roster> {
    const plan = await this.plan(input.planCode);
    const [owing, reports] = await Promise.all([
      this.cadence.owingUnits(plan.id),
      this.cadence.reportsByUnit(plan.id, new Date(input.periodStart), new Date(input.periodEnd)),
    ]);
    return { owing, reported: Object.keys(reports).sort() };
  }

  // Each event once (its key is the workflow's, the period's and the unit's); the notices of every
  // event are dispatched, also on a retry that found them recorded, as their deliveries may not
  // have started yet.
  async recordCadenceEvents(input: RecordCadenceEventsInput): Promise<{ recorded: number }> {
    const plan = await this.plan(input.planCode);
    let recorded = 0;
    const eventIds: string[] = [];
    for (const e of input.events) {
      const r = await this.guard(() =>
        this.cadence.recordOnce({
          planId: plan.id,
          idempotencyKey: e.idempotencyKey,
          kind: e.kind,
          periodKey: e.periodKey,
          unitCode: e.unitCode,
          measureId: e.measureId,
          level: e.level,
          occurredAt: new Date(e.occurredAt),
          actor: input.actor,
          detail: e.detail,
          notify: e.notify,
        }),
      );
      if (r.recorded) recorded++;
      if (e.notify.length) eventIds.push(r.eventId);
    }
    if (this.dispatcher)
      for (const id of eventIds) await this.dispatcher.dispatch(await this.cadence.requestIdsOfEvent(id));
    return { recorded };
  }

  // The period's close, once, with its roll-up: the workflow's judgement and each unit's measures
  // by status as they stand now.
  async closeReportingPeriod(input: CloseReportingPeriodInput): Promise<{ recorded: boolean }> {
    const plan = await this.plan(input.planCode);
    const period = periodOfKey(input.periodKey, input.cadence, plan.timeZone);
    if (!period)
      throw ApplicationFailure.nonRetryable(
        `${input.periodKey} is not a ${input.cadence} period`,
        DATA_REFUSED,
      );
    const [source, reports] = await Promise.all([
      this.cadence.rollUpSource(plan),
      this.cadence.reportsByUnit(plan.id, new Date(period.startMs), new Date(period.endMs)),
    ]);
    const rollUp = buildRollUp({
      plan: { code: plan.code, title: plan.title, timeZone: plan.timeZone },
      period,
      units: source.units,
      measures: source.measures,
      reports,
      reported: input.reported,
      missed: input.missed,
    });
    const r = await this.guard(() =>
      this.cadence.recordOnce({
        planId: plan.id,
        idempotencyKey: input.idempotencyKey,
        kind: 'period_closed',
        periodKey: input.periodKey,
        unitCode: null,
        measureId: null,
        level: 0,
        occurredAt: new Date(period.endMs),
        actor: input.actor,
        detail: rollUp as unknown as Record<string, unknown>,
        notify: [],
      }),
    );
    return { recorded: r.recorded };
  }

  private async plan(planCode: string): Promise<PlanEntity> {
    const plan = await this.cadence.findPlan(planCode);
    if (!plan) throw ApplicationFailure.nonRetryable(`no plan ${planCode} is recorded`, UNKNOWN_PLAN);
    return plan;
  }

  // A value the database refuses to store ends the attempt at once; anything else is retried.
  private async guard<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (e) {
      throw nonRetryableIfPermanent(e);
    }
  }
}

// The worker registers plain functions; binding keeps `this` when Temporal calls them.
export function cadenceActivityFunctions(
  a: CadenceActivities,
): Pick<CadenceActivities, 'reportingRoster' | 'recordCadenceEvents' | 'closeReportingPeriod'> {
  return {
    reportingRoster: a.reportingRoster.bind(a),
    recordCadenceEvents: a.recordCadenceEvents.bind(a),
    closeReportingPeriod: a.closeReportingPeriod.bind(a),
  };
}
