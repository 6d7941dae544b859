import type { AssessmentPublicationEntity } from '../../../../libs/persistence/src/entities/unit-assessment.entity';

// A published ranking (公开) as the API shows it: the period, when and by whom, the rule and its
// version, the moment the facts were judged at, and (when asked) the frozen rows.
export function publicationView(p: AssessmentPublicationEntity, withUnits: boolean) {
  return {
    periodKey: p.periodKey,
    from: p.periodFrom.toISOString(),
    to: p.periodTo.toISOString(),
    judgedAt: p.judgedAt.toISOString(),
    ruleVersion: p.ruleVersion,
    publishedAt: p.publishedAt.toISOString(),
    publishedBy: p.publishedBy,
    ...(withUnits ? { rule: p.rule, units: p.units } : {}),
  };
}
