// The problem-lead workflow's side effects: each step of a lead's verification clock recorded
// once, with its notice to the body the lead went to (reminder, overdue) or to the body of the
// level above (escalated).
import { ApplicationFailure } from '@temporalio/common';
import type { LeadStepKind } from '../libs/domain/src/problem-lead';
import { AccountabilityRepository } from '../libs/persistence/src/repositories/accountability.repository';
import { ProblemLeadRepository } from '../libs/persistence/src/repositories/problem-lead.repository';
import { bodyNotice } from '../libs/temporal/src/accountability-case.gateway';
import type { LeadStepInput, LeadStepOutcome } from '../workflows/case/problem-lead.contract';
import { nonRetryableIfPermanent } from './measure.activities';

export const UNKNOWN_LEAD = 'UNKNOWN_LEAD';

const SUBJECT: Record<LeadStepKind, string> = {
  lead_reminder: 'problem lead to verify soon (问题线索核实临期)',
  lead_overdue: 'problem lead not verified in time (问题线索核实超期)',
  lead_escalated: 'problem lead long unverified at a body below (下级问题线索核实超期)',
};

// Lead notices stay undispatched in notification_requests: delivery goes through a measure, and a
// lead has none (as with cases opened from a lead).
export class ProblemLeadActivities {
  constructor(
    private readonly leads: ProblemLeadRepository,
    private readonly bodies: AccountabilityRepository,
  ) {}

  async recordLeadStep(input: LeadStepInput): Promise<LeadStepOutcome> {
    const lead = await this.leads.find(input.leadId);
    if (!lead) throw ApplicationFailure.nonRetryable(`no problem lead ${input.leadId}`, UNKNOWN_LEAD);
    const body = await this.bodies.body(lead.bodyCode);
    const told =
      input.kind === 'lead_escalated'
        ? body?.parentCode
          ? await this.bodies.body(body.parentCode)
          : null
        : body;
    try {
      const outcome = await this.leads.recordStep(lead.id, {
        kind: input.kind,
        idempotencyKey: input.idempotencyKey,
        actor: 'rectify:lead-clock',
        detail: { dueAt: lead.dueAt.toISOString(), body: lead.bodyCode, told: told?.code ?? 'office' },
        occurredAt: new Date(input.occurredAt),
        notify: [bodyNotice(told, SUBJECT[input.kind])],
      });
      return { open: outcome.open };
    } catch (e) {
      throw nonRetryableIfPermanent(e);
    }
  }
}

export function problemLeadActivityFunctions(
  a: ProblemLeadActivities,
): Pick<ProblemLeadActivities, 'recordLeadStep'> {
  return { recordLeadStep: a.recordLeadStep.bind(a) };
}
