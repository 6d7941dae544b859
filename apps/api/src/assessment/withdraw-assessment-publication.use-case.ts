import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import { UnitAssessmentRepository } from '../../../../libs/persistence/src/repositories/unit-assessment.repository';
import { noteAudit } from '../audit/audit-context';
import { AssessmentRankingSource } from './assessment-ranking.source';
import { publicationView } from './assessment-publication.view';

// DELETE /plans/:id/assessment/publications/:period: the office withdraws a published ranking; the
// public bulletin leaves it out again (the internal one keeps computing it). The audit row keeps
// what was withdrawn.
@Injectable()
export class WithdrawAssessmentPublicationUseCase {
  constructor(
    @Inject(UnitAssessmentRepository) private readonly assessment: UnitAssessmentRepository,
    @Inject(AssessmentRankingSource) private readonly rankings: AssessmentRankingSource,
  ) {}

  async execute(c: { readonly plan: string; readonly period: string }): Promise<void> {
    const plan = await this.rankings.plan(c.plan);
    const withdrawn = await this.assessment.withdraw(plan.id, c.period);
    if (!withdrawn)
      throw new DomainError('NOT_FOUND', `the ranking of ${c.period} of plan ${plan.code} is not published`);
    noteAudit({ targets: { planId: plan.id }, before: publicationView(withdrawn, true), after: null });
  }
}
