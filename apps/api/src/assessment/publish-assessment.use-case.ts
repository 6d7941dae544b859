import { Inject, Injectable } from '@nestjs/common';
import { assessmentPeriod } from '../../../../libs/domain/src/assessment-period';
import { PlanRepository } from '../../../../libs/persistence/src/repositories/plan.repository';
import { UnitAssessmentRepository } from '../../../../libs/persistence/src/repositories/unit-assessment.repository';
import { noteAudit } from '../audit/audit-context';
import { validationFailed } from '../common/parse-input';
import { AssessmentRankingSource } from './assessment-ranking.source';
import { publicationView } from './assessment-publication.view';

export interface PublishAssessmentCommand {
  readonly plan: string;
  readonly period: { readonly period?: string; readonly from?: string; readonly to?: string };
  readonly actor: string;
}

// POST /plans/:id/assessment/publications: the office publishes (公开) a period's ranking. It is
// frozen as published: every unit's components, score, rank and change as computed now, with the
// rule and the judging time, so later events or a changed rule do not silently change what was
// published. Publishing the period again replaces it with a fresh computation. Until published, a
// ranking is internal: the public bulletin leaves it out.
@Injectable()
export class PublishAssessmentUseCase {
  constructor(
    @Inject(PlanRepository) private readonly plans: PlanRepository,
    @Inject(UnitAssessmentRepository) private readonly assessment: UnitAssessmentRepository,
    @Inject(AssessmentRankingSource) private readonly rankings: AssessmentRankingSource,
  ) {}

  async execute(c: PublishAssessmentCommand) {
    const plan = await this.rankings.plan(c.plan);
    const choice = assessmentPeriod(c.period, plan.timeZone);
    if (!choice.ok)
      throw validationFailed('body', [{ path: `body.${choice.path}`, message: choice.message }]);
    const { period, previous } = choice;
    const now = Date.now();
    const rule = await this.rankings.rule(plan.id);
    const ranked = await this.rankings.rank(await this.plans.assessedView(plan), period, previous, now, rule);
    const { source: _source, version, updatedAt: _at, updatedBy: _by, ...weighting } = rule;
    const { before, row } = await this.assessment.publish({
      planId: plan.id,
      periodKey: period.key,
      periodFrom: new Date(period.startMs),
      periodTo: new Date(period.endMs),
      judgedAt: new Date(Math.min(period.endMs, now)),
      rule: weighting,
      ruleVersion: version,
      units: ranked.map((r) => ({
        unitCode: r.unit,
        unitName: r.unitName,
        components: r.components,
        score: r.score,
        rank: r.rank,
        change: r.change,
      })),
      publishedAt: new Date(now),
      publishedBy: c.actor,
    });
    noteAudit({
      targets: { planId: plan.id, period: period.key },
      before: before ? publicationView(before, false) : null,
      after: publicationView(row, false),
    });
    return { planId: plan.id, planCode: plan.code, ...publicationView(row, true) };
  }
}
