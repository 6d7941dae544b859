// The accountability case workflow's side effects: each step of a case's clock recorded once, with
// its notice to the body (reminder, overdue) or to the body of the level above (escalated).
import { ApplicationFailure } from '@temporalio/common';
import type { CaseStepKind } from '../libs/domain/src/accountability';
import { AccountabilityRepository } from '../libs/persistence/src/repositories/accountability.repository';
import { bodyNotice } from '../libs/temporal/src/accountability-case.gateway';
import type { CaseStepInput, CaseStepOutcome } from '../workflows/case/case.contract';
import { nonRetryableIfPermanent, type NoticeDispatcher } from './measure.activities';

export const UNKNOWN_CASE = 'UNKNOWN_CASE';

const SUBJECT: Record<CaseStepKind, string> = {
  case_reminder: 'accountability case due soon (问责案件临期)',
  case_overdue: 'accountability case overdue (问责案件超期)',
  case_escalated: 'accountability case long overdue at a body below (下级问责案件超期)',
};

export class CaseActivities {
  constructor(
    private readonly cases: AccountabilityRepository,
    private readonly dispatcher?: NoticeDispatcher,
  ) {}

  async recordCaseStep(input: CaseStepInput): Promise<CaseStepOutcome> {
    const c = await this.cases.findCase(input.caseId);
    if (!c) throw ApplicationFailure.nonRetryable(`no accountability case ${input.caseId}`, UNKNOWN_CASE);
    const body = c.bodyCode ? await this.cases.body(c.bodyCode) : null;
    const told =
      input.kind === 'case_escalated'
        ? body?.parentCode
          ? await this.cases.body(body.parentCode)
          : null
        : body;
    let outcome: { open: boolean; requestIds: string[] };
    try {
      outcome = await this.cases.recordStep(c.id, {
        kind: input.kind,
        idempotencyKey: input.idempotencyKey,
        actor: 'rectify:case-clock',
        detail: { dueAt: c.dueAt.toISOString(), body: c.bodyCode, told: told?.code ?? 'office' },
        occurredAt: new Date(input.occurredAt),
        notify: [bodyNotice(told, SUBJECT[input.kind])],
      });
    } catch (e) {
      throw nonRetryableIfPermanent(e);
    }
    // Notices are delivered through their measure; a case opened from a problem lead alone has
    // none, and its notices stay in the office's list.
    if (this.dispatcher && c.measureId && outcome.requestIds.length)
      await this.dispatcher.dispatch(outcome.requestIds);
    return { open: outcome.open };
  }
}

export function caseActivityFunctions(a: CaseActivities): Pick<CaseActivities, 'recordCaseStep'> {
  return { recordCaseStep: a.recordCaseStep.bind(a) };
}
