import type {
  LeadEventEntity,
  ProblemLeadEntity,
} from '../../../../libs/persistence/src/entities/problem-lead.entity';

export function leadView(l: ProblemLeadEntity, nowMs: number) {
  return {
    id: l.id,
    ref: l.ref,
    planId: l.planId,
    problemCode: l.problemCode,
    summary: l.summary,
    items: l.items,
    receivedOn: l.receivedOn,
    bodyCode: l.bodyCode,
    dueAt: l.dueAt.toISOString(),
    overdue: l.status === 'pending' && l.dueAt.getTime() <= nowMs,
    policy: l.policy,
    status: l.status,
    outcome: l.outcome,
    outcomeNote: l.outcomeNote,
    verifiedBy: l.verifiedBy,
    verifiedAt: l.verifiedAt?.toISOString() ?? null,
    caseId: l.caseId,
    workflowId: l.workflowId,
    registeredBy: l.registeredBy,
    registeredAt: l.registeredAt.toISOString(),
  };
}

export function leadEventView(e: LeadEventEntity) {
  return {
    kind: e.kind,
    actor: e.actor,
    detail: e.detail,
    occurredAt: e.occurredAt.toISOString(),
    recordedAt: e.recordedAt.toISOString(),
  };
}
