import { Inject, Injectable } from '@nestjs/common';
import { assessmentPeriod } from '../../../../libs/domain/src/assessment-period';
import { Principal, visibleUnitRows } from '../../../../libs/domain/src/authorization';
import { PlanRepository } from '../../../../libs/persistence/src/repositories/plan.repository';
import { UnitAssessmentRepository } from '../../../../libs/persistence/src/repositories/unit-assessment.repository';
import { validationFailed } from '../common/parse-input';
import { AssessmentRankingSource } from './assessment-ranking.source';
import { publicationView } from './assessment-publication.view';
import { assertPlanInView } from './plan-in-view';

export interface AssessmentQuery {
  readonly period?: string;
  readonly from?: string;
  readonly to?: string;
}

// Unit assessment and ranking (考评, GET /plans/:id/assessment): per lead unit of the plan, the facts
// of the period read from the read model, scored and ranked by the plan's rule (the default when
// the office set none; docs/assessment.md), with the change since the previous period, and whether
// the office published the period's ranking. The ranking is plan-wide (a unit's rank is among all
// lead units); a principal sees the rows of the units it may read, as on the scorecard, and a plan
// with none of its measures is no plan to it.
@Injectable()
export class GetUnitAssessmentUseCase {
  constructor(
    @Inject(PlanRepository) private readonly plans: PlanRepository,
    @Inject(UnitAssessmentRepository) private readonly assessment: UnitAssessmentRepository,
    @Inject(AssessmentRankingSource) private readonly rankings: AssessmentRankingSource,
  ) {}

  async execute(idOrCode: string, query: AssessmentQuery, principal: Principal) {
    const plan = await this.rankings.plan(idOrCode);
    const choice = assessmentPeriod(query, plan.timeZone);
    if (!choice.ok)
      throw validationFailed('query', [{ path: `query.${choice.path}`, message: choice.message }]);
    const { period, previous } = choice;
    const now = Date.now();

    const whole = await this.plans.assessedView(plan);
    assertPlanInView(principal, whole, idOrCode);
    const [rule, published] = await Promise.all([
      this.rankings.rule(plan.id),
      this.assessment.publication(plan.id, period.key),
    ]);
    const ranked = await this.rankings.rank(whole, period, previous, now, rule);
    const rows = visibleUnitRows(
      principal,
      ranked.map((r) => ({ ...r, code: r.unit })),
      whole.units.map((u) => ({ code: u.code, parent: u.parentCode })),
    );
    return {
      planId: plan.id,
      planCode: plan.code,
      timeZone: plan.timeZone,
      period: { key: period.key, from: iso(period.startMs), to: iso(period.endMs) },
      previousPeriod: { key: previous.key, from: iso(previous.startMs), to: iso(previous.endMs) },
      asOf: iso(now),
      rule,
      // The publication of this period, without its frozen rows (POST …/publications answers them).
      publication: published ? publicationView(published, false) : null,
      units: rows.map((r) => ({
        unitCode: r.unit,
        unitName: r.unitName,
        facts: r.facts,
        components: r.components,
        score: r.score,
        rank: r.rank,
        change: r.change,
      })),
    };
  }
}

const iso = (ms: number) => new Date(ms).toISOString();
