import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../../../../libs/domain/src/authorization';
import { PlanRepository } from '../../../../libs/persistence/src/repositories/plan.repository';
import { AssessmentRankingSource, type AssessmentRuleInUse } from './assessment-ranking.source';
import { assertPlanInView } from './plan-in-view';

// GET /plans/:id/assessment/rule: the rule the plan's assessment uses, for everyone who reads the
// plan: units are scored by it and may know how.
@Injectable()
export class GetAssessmentRuleUseCase {
  constructor(
    @Inject(PlanRepository) private readonly plans: PlanRepository,
    @Inject(AssessmentRankingSource) private readonly rankings: AssessmentRankingSource,
  ) {}

  async execute(
    idOrCode: string,
    principal: Principal,
  ): Promise<{ planId: string; planCode: string; rule: AssessmentRuleInUse }> {
    const plan = await this.rankings.plan(idOrCode);
    assertPlanInView(principal, await this.plans.assessedView(plan), idOrCode);
    return { planId: plan.id, planCode: plan.code, rule: await this.rankings.rule(plan.id) };
  }
}
