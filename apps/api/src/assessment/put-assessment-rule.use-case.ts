import { Inject, Injectable } from '@nestjs/common';
import { readAssessmentRule } from '../../../../libs/domain/src/unit-assessment';
import { UnitAssessmentRepository } from '../../../../libs/persistence/src/repositories/unit-assessment.repository';
import { noteAudit } from '../audit/audit-context';
import { validationFailed } from '../common/parse-input';
import { AssessmentRankingSource, type AssessmentRuleInUse, ruleInUse } from './assessment-ranking.source';

export interface PutAssessmentRuleCommand {
  readonly plan: string;
  readonly body: unknown;
  readonly actor: string;
}

// PUT /plans/:id/assessment/rule: the office sets the plan's weights and caps. The whole rule is
// checked first (every bad field named, nothing stored); the same content again keeps its version.
// Published rankings keep the rule they were published with.
@Injectable()
export class PutAssessmentRuleUseCase {
  constructor(
    @Inject(UnitAssessmentRepository) private readonly assessment: UnitAssessmentRepository,
    @Inject(AssessmentRankingSource) private readonly rankings: AssessmentRankingSource,
  ) {}

  async execute(
    c: PutAssessmentRuleCommand,
  ): Promise<{ planId: string; planCode: string; changed: boolean; rule: AssessmentRuleInUse }> {
    const plan = await this.rankings.plan(c.plan);
    const read = readAssessmentRule(c.body);
    if (!read.ok)
      throw validationFailed(
        'assessment rule',
        read.problems.map((p) => ({ path: p.path ? `body.${p.path}` : 'body', message: p.message })),
      );
    const saved = await this.assessment.saveRule(plan.id, read.rule, c.actor);
    const rule = ruleInUse(saved.row);
    noteAudit({
      targets: { planId: plan.id },
      before: ruleInUse(saved.before),
      after: rule,
    });
    return { planId: plan.id, planCode: plan.code, changed: saved.changed, rule };
  }
}
