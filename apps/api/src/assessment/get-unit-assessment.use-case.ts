import { Inject, Injectable } from '@nestjs/common';
import { assessmentPeriod, AssessmentPeriod } from '../../../../libs/domain/src/assessment-period';
import {
  measureScope,
  Principal,
  visibleMeasures,
  visibleUnitRows,
} from '../../../../libs/domain/src/authorization';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import { DEFAULT_ASSESSMENT_RULE, rankUnits } from '../../../../libs/domain/src/unit-assessment';
import {
  ASSESSED_EVENT_KINDS,
  ReportOwed,
  unitPeriodFacts,
} from '../../../../libs/domain/src/unit-assessment-facts';
import { PlanRepository } from '../../../../libs/persistence/src/repositories/plan.repository';
import { UnitAssessmentRepository } from '../../../../libs/persistence/src/repositories/unit-assessment.repository';
import { validationFailed } from '../common/parse-input';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface AssessmentQuery {
  readonly period?: string;
  readonly from?: string;
  readonly to?: string;
}

// Unit assessment and ranking (考评, GET /plans/:id/assessment): per lead unit of the plan, the facts
// of the period read from the read model, scored and ranked by the default rule
// (docs/assessment.md), with the change since the previous period. The ranking is plan-wide (a
// unit's rank is among all lead units); a principal sees the rows of the units it may read, as on
// the scorecard, and a plan with none of its measures is no plan to it.
@Injectable()
export class GetUnitAssessmentUseCase {
  constructor(
    @Inject(PlanRepository) private readonly plans: PlanRepository,
    @Inject(UnitAssessmentRepository) private readonly assessment: UnitAssessmentRepository,
  ) {}

  async execute(idOrCode: string, query: AssessmentQuery, principal: Principal) {
    const plan = UUID.test(idOrCode)
      ? await this.plans.findById(idOrCode)
      : await this.plans.findByCode(idOrCode);
    if (!plan) throw new DomainError('NOT_FOUND', `no plan ${idOrCode}`);
    const choice = assessmentPeriod(query, plan.timeZone);
    if (!choice.ok)
      throw validationFailed('query', [{ path: `query.${choice.path}`, message: choice.message }]);
    const { period, previous } = choice;
    const now = Date.now();

    const whole = await this.plans.tree(plan);
    const unitTree = whole.units.map((u) => ({ code: u.code, parent: u.parentCode }));
    if (
      measureScope(principal).kind !== 'all' &&
      visibleMeasures(principal, whole.measures, unitTree).length === 0
    )
      throw new DomainError('NOT_FOUND', `no plan ${idOrCode}`);
    const measures = whole.measures.filter((m) => m.status !== 'withdrawn');
    const [events, closes, previousCloses] = await Promise.all([
      this.assessment.measureEvents(plan.id, ASSESSED_EVENT_KINDS, new Date(Math.min(period.endMs, now))),
      this.assessment.periodCloses(plan.id, new Date(period.startMs), new Date(period.endMs)),
      this.assessment.periodCloses(plan.id, new Date(previous.startMs), new Date(previous.endMs)),
    ]);
    const owed = (rollUps: typeof closes) => rollUps.map((c) => (c.detail.units ?? []) as ReportOwed[]);
    const facts = (p: AssessmentPeriod, rollUps: typeof closes) =>
      unitPeriodFacts(p, now, measures, events, owed(rollUps));
    const current = facts(period, closes);

    const ranked = rankUnits(current, DEFAULT_ASSESSMENT_RULE);
    // No previous ranking for a period that ended before the plan was imported.
    const before =
      previous.endMs > plan.importedAt.getTime()
        ? new Map(
            rankUnits(facts(previous, previousCloses), DEFAULT_ASSESSMENT_RULE).map((r) => [r.unit, r.rank]),
          )
        : new Map<string, number>();
    const rows = visibleUnitRows(
      principal,
      ranked.map((r) => ({
        ...r,
        code: r.unit,
        leaders: [...new Set(measures.filter((m) => m.leadUnitCode === r.unit).map((m) => m.leadLeader))],
      })),
      unitTree,
    );
    const unitName = new Map(whole.units.map((u) => [u.code, u.name]));
    const factsOf = new Map(current.map((f) => [f.unit, f]));
    return {
      planId: plan.id,
      planCode: plan.code,
      timeZone: plan.timeZone,
      period: { key: period.key, from: iso(period.startMs), to: iso(period.endMs) },
      previousPeriod: { key: previous.key, from: iso(previous.startMs), to: iso(previous.endMs) },
      asOf: iso(now),
      rule: DEFAULT_ASSESSMENT_RULE,
      units: rows.map((r) => {
        const { unit: _unit, ...f } = factsOf.get(r.unit) as (typeof current)[number];
        const previousRank = before.get(r.unit);
        return {
          unitCode: r.unit,
          unitName: unitName.get(r.unit) ?? r.unit,
          facts: f,
          components: r.components,
          score: r.score,
          rank: r.rank,
          change: previousRank === undefined ? null : previousRank - r.rank,
        };
      }),
    };
  }
}

const iso = (ms: number) => new Date(ms).toISOString();
