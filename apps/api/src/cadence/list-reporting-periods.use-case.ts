import { Inject, Injectable } from '@nestjs/common';
import { Principal, visibleUnitRows } from '../../../../libs/domain/src/authorization';
import { reportingRulesOf } from '../../../../libs/domain/src/plan-definition';
import {
  periodAt,
  periodDays,
  periodOfKey,
  periodLabel,
  reminderAt,
  type ReportingPeriod,
} from '../../../../libs/domain/src/reporting-period';
import { DEFAULT_REPORTING_RULES } from '../../../../libs/domain/src/reporting-rules';
import { CadenceRepository } from '../../../../libs/persistence/src/repositories/cadence.repository';
import type { RollUp } from '../../../../libs/reporting/src/roll-up';
import { PlanCadenceWorkflowGateway } from '../../../../libs/temporal/src/plan-cadence-workflow.gateway';
import { ReportingPlan } from './reporting-plan';

// A plan's reporting periods (报告周期): the one its cadence workflow follows now (by the clock when
// the workflow cannot be asked), with who has reported so far and who still owes a report, then
// every closed period, newest first, with who reported and who missed (漏报). Each principal sees
// the units the measure rule lets it see (visibleUnitRows).
@Injectable()
export class ListReportingPeriodsUseCase {
  constructor(
    @Inject(ReportingPlan) private readonly plans: ReportingPlan,
    @Inject(CadenceRepository) private readonly cadence: CadenceRepository,
    @Inject(PlanCadenceWorkflowGateway) private readonly workflow: PlanCadenceWorkflowGateway,
  ) {}

  async execute(c: { plan: string; principal: Principal }) {
    const { plan, units } = await this.plans.load(c.plan);
    const cadence = plan.reportingCadence;
    const rules = plan.definition ? reportingRulesOf(plan.definition.plan) : DEFAULT_REPORTING_RULES;
    const visible = <R extends { code: string; leaders: readonly string[] }>(rows: readonly R[]) =>
      visibleUnitRows(c.principal, rows, units);
    const dates = (p: ReportingPeriod) => ({
      key: p.key,
      label: periodLabel(p),
      ...periodDays(p, plan.timeZone),
    });
    const closed = (await this.cadence.events(plan.id, 'period_closed')).reverse().map((e) => {
      const r = e.detail as unknown as RollUp;
      const rows = visible(r.units);
      return {
        key: r.period.key,
        label: r.period.label,
        firstDay: r.period.firstDay,
        lastDay: r.period.lastDay,
        closedAt: r.period.end,
        reported: rows.filter((u) => u.reported).map((u) => u.code),
        missed: rows
          .filter((u) => u.owed && !u.reported)
          .map((u) => ({ unit: u.code, consecutive: u.consecutiveMisses })),
      };
    });
    let current = null;
    if (cadence && !plan.closedAt) {
      const live = await this.workflow.state(plan.code).catch(() => null);
      const p =
        (live && periodOfKey(live.periodKey, cadence, plan.timeZone)) ??
        periodAt(Date.now(), cadence, plan.timeZone);
      const [owing, reports] = await Promise.all([
        this.cadence.owingUnits(plan.id),
        this.cadence.reportsByUnit(plan.id, new Date(p.startMs), new Date(p.endMs)),
      ]);
      const rows = visible([
        ...owing.map((u) => ({ code: u.unitCode, leaders: u.leaders, owes: true })),
        ...Object.keys(reports)
          .filter((code) => !owing.some((u) => u.unitCode === code))
          .map((code) => ({ code, leaders: [] as string[], owes: false })),
      ]);
      current = {
        ...dates(p),
        startsAt: new Date(p.startMs).toISOString(),
        remindAt: new Date(reminderAt(p, rules.reminderLead)).toISOString(),
        closesAt: new Date(p.endMs).toISOString(),
        // Whether the reminders of the period went out; null when the workflow could not be asked.
        reminded: live ? live.reminded : null,
        reported: rows.filter((u) => reports[u.code]).map((u) => u.code),
        owing: rows.filter((u) => u.owes && !reports[u.code]).map((u) => u.code),
      };
    }
    return {
      planId: plan.id,
      planCode: plan.code,
      cadence,
      timeZone: plan.timeZone,
      rules: cadence ? rules : null,
      current,
      periods: closed,
    };
  }
}
