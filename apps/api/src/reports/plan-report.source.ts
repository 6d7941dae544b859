import { Inject, Injectable } from '@nestjs/common';
import { readDeadline } from '../../../../libs/domain/src/deadline';
import { planVersionInForce } from '../../../../libs/domain/src/plan-version';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import type { PlanDefinition } from '../../../../libs/domain/src/plan-definition';
import { PlanRepository, type PlanRow } from '../../../../libs/persistence/src/repositories/plan.repository';
import {
  PlanReportRepository,
  type ReportMeasure,
} from '../../../../libs/persistence/src/repositories/plan-report.repository';
import { CarryOverRepository } from '../../../../libs/persistence/src/repositories/carry-over.repository';
import { reopenedMeasureFacts } from './reopened-measures';
import { DisciplineFiguresRepository } from '../../../../libs/persistence/src/repositories/discipline-figures.repository';
import { disciplineFigures } from '../../../../libs/domain/src/accountability';
import { inSlices, nextSlice, sliceIsUp } from '../../../../libs/runtime/src/event-loop-slices';
import { seedFiguresOf } from '../../../../libs/domain/src/seed-figures';
import { enteredFigures } from '../discipline/discipline-figures-view';
import { planDisciplineFigures } from '../../../../libs/reporting/src/plan-discipline-figures';
import {
  planReportSteps,
  type DisciplineFigures,
  type PlanReport,
} from '../../../../libs/reporting/src/plan-report';

// The figures of one plan as of a date, for the ledger and the bulletin alike.
@Injectable()
export class PlanReportSource {
  constructor(
    @Inject(PlanRepository) private readonly plans: PlanRepository,
    @Inject(PlanReportRepository) private readonly reports: PlanReportRepository,
    @Inject(DisciplineFiguresRepository) private readonly figures: DisciplineFiguresRepository,
    @Inject(CarryOverRepository) private readonly earlier: CarryOverRepository,
  ) {}

  // The plan by id or code, or NOT_FOUND: its row without the definition, which a report takes
  // from the version in force (parsing a large plan's definition twice cost each rendering tens of
  // milliseconds).
  async plan(idOrCode: string): Promise<PlanRow> {
    const plan = await this.plans.findRowByIdOrCode(idOrCode);
    if (!plan) throw new DomainError('NOT_FOUND', `no plan ${idOrCode}`);
    return plan;
  }

  // `asOf` defaults to today in the plan's time zone. The plan row comes with the figures so that
  // callers need not read it (and parse its definition) again, and so do the rows of every measure
  // of the plan as read for them (sub-measures and withdrawn ones too, in the plan's order: the
  // bulletin's ranking reads them rather than all of the plan's measures a second time).
  async load(
    idOrCode: string,
    asOf: string | undefined,
  ): Promise<{
    report: PlanReport;
    definition: PlanDefinition;
    // What names the definition while it is stored unchanged: the version in force, or none for a
    // plan imported before versions were kept.
    version: { readonly number: number; readonly contentHash: string } | null;
    plan: PlanRow;
    measures: readonly ReportMeasure[];
  }> {
    const plan = await this.plan(idOrCode);
    const day = asOf ?? today(plan.timeZone);
    assertCalendarDate(day, plan.timeZone, 'query.asOf');
    // 方案版本: the plan as it stood at the end of that day: the version in force then, or as last
    // applied when the plan keeps no version (imported before versions were kept).
    const end = readDeadline(day, plan.timeZone);
    const [versions, discipline] = await Promise.all([
      this.plans.versionHeads(plan.id),
      this.discipline(plan.id, day, plan.timeZone),
    ]);
    const inForce = planVersionInForce(versions, end.ok ? end.dueAt.getTime() : Date.now()) ?? null;
    const version = inForce?.number ?? null;
    const earlier = version !== null && version !== versions.at(-1)?.number;
    // As of an earlier version, the measures removed by then are those of the versions before it.
    const before = earlier ? versions.filter((v) => v.number < version).map((v) => v.number) : [];
    // Only the definitions used, each a whole plan document: a plan adjusted twice made every
    // report parse three (BENCHMARKS.md).
    const definitions = await this.plans.versionDefinitions(
      plan.id,
      versions.filter((v) => v.number === version || before.includes(v.number)),
    );
    const definition = version === null ? await this.definitionKept(plan.id) : definitions.get(version)!;
    if (sliceIsUp()) await nextSlice();
    // Only the events a report of that day replays (none, for today): those of the measures with
    // one after the day's end in the zone the report counts in, the definition's.
    const dayEnd = readDeadline(day, definition.plan.timeZone);
    const rows = await this.reports.load(plan.id, dayEnd.ok ? dayEnd.dueAt : new Date(0));
    // Each step of a large plan's reading holds the API's thread for a while: other requests are
    // answered between them (libs/runtime/src/event-loop-slices.ts).
    if (sliceIsUp()) await nextSlice();
    const inPlan = new Set(measureCodes(definition));
    const removedBy = earlier ? new Set(before.flatMap((n) => measureCodes(definitions.get(n)!))) : null;
    const reopened = await reopenedMeasureFacts(this.earlier, definition);
    if (sliceIsUp()) await nextSlice();
    const report = await inSlices(
      planReportSteps({
        definition,
        asOf: day,
        measures: [...rows.measures.filter((m) => inPlan.has(m.code)), ...reopened.measures],
        events: [...rows.events, ...reopened.events],
        removedMeasures: rows.measures.filter((m) => !inPlan.has(m.code) && (removedBy?.has(m.code) ?? true))
          .length,
        discipline,
        subMeasures: rows.subMeasures,
        // An earlier version's deadlines are those it wrote, not the ones re-imports moved them to.
        deadlinesAsWritten: earlier,
      }),
    );
    return {
      report,
      definition,
      version: inForce && { number: inForce.number, contentHash: inForce.contentHash },
      plan,
      measures: inPlanOrder([...rows.measures, ...rows.subMeasures]),
    };
  }

  // A plan imported before versions were kept: the definition it keeps, or its rows.
  private async definitionKept(planId: string): Promise<PlanDefinition> {
    const whole = await this.plans.findById(planId);
    if (!whole) throw new DomainError('NOT_FOUND', `no plan ${planId}`);
    return this.plans.definitionOf(whole);
  }

  // The plan's cases opened by the end of `day` with their decisions dated up to it, and the
  // figures bodies entered for the plan for periods ending by then.
  private async discipline(
    planId: string,
    day: string,
    zone: string,
  ): Promise<DisciplineFigures | undefined> {
    const end = readDeadline(day, zone);
    if (!end.ok) return undefined;
    const [facts, entered] = await Promise.all([
      this.figures.facts({ planId, openedBefore: end.dueAt, decidedTo: day }),
      this.figures.entered({ planId, to: day }),
    ]);
    const computed = disciplineFigures(
      facts.cases.map((c) => c.id),
      facts.persons.map((p) => p.id),
      facts.decisions,
    );
    return planDisciplineFigures(seedFiguresOf(computed), entered.map(enteredFigures));
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

export function assertCalendarDate(day: string, zone: string, path: string): void {
  if (!readDeadline(day, zone).ok)
    throw new DomainError('VALIDATION_FAILED', `${day} is not a calendar date`, [
      { path, message: 'must be a calendar date YYYY-MM-DD' },
    ]);
}

function measureCodes(definition: PlanDefinition): string[] {
  return definition.categories.flatMap((c) =>
    c.aspects.flatMap((a) => a.problems.flatMap((p) => p.measures.map((m) => m.code))),
  );
}

// By position, then code (PlanRepository's order): the report reads the measures and their
// sub-measures apart.
function inPlanOrder(measures: ReportMeasure[]): ReportMeasure[] {
  return measures.sort((a, b) => a.position - b.position || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}
