import { Inject, Injectable } from '@nestjs/common';
import { readDeadline } from '../../../../libs/domain/src/deadline';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import type { PlanDefinition } from '../../../../libs/domain/src/plan-definition';
import { PlanRepository } from '../../../../libs/persistence/src/repositories/plan.repository';
import { PlanReportRepository } from '../../../../libs/persistence/src/repositories/plan-report.repository';
import { buildPlanReport, type PlanReport } from '../../../../libs/reporting/src/plan-report';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// The figures of one plan as of a date, for the ledger and the bulletin alike.
@Injectable()
export class PlanReportSource {
  constructor(
    @Inject(PlanRepository) private readonly plans: PlanRepository,
    @Inject(PlanReportRepository) private readonly reports: PlanReportRepository,
  ) {}

  // `asOf` defaults to today in the plan's time zone.
  async load(
    idOrCode: string,
    asOf: string | undefined,
  ): Promise<{ report: PlanReport; definition: PlanDefinition }> {
    const plan = UUID.test(idOrCode)
      ? await this.plans.findById(idOrCode)
      : await this.plans.findByCode(idOrCode);
    if (!plan) throw new DomainError('NOT_FOUND', `no plan ${idOrCode}`);
    const day = asOf ?? today(plan.timeZone);
    if (!readDeadline(day, plan.timeZone).ok)
      throw new DomainError('VALIDATION_FAILED', `${day} is not a calendar date`, [
        { path: 'query.asOf', message: 'must be a calendar date YYYY-MM-DD' },
      ]);
    const [definition, rows] = await Promise.all([this.plans.definitionOf(plan), this.reports.load(plan.id)]);
    const inPlan = new Set(
      definition.categories.flatMap((c) =>
        c.aspects.flatMap((a) => a.problems.flatMap((p) => p.measures.map((m) => m.code))),
      ),
    );
    const report = buildPlanReport({
      definition,
      asOf: day,
      measures: rows.measures.filter((m) => inPlan.has(m.code)),
      events: rows.events,
      removedMeasures: rows.measures.filter((m) => !inPlan.has(m.code)).length,
    });
    return { report, definition };
  }
}

function today(zone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}
