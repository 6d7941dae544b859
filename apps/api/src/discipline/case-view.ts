import type {
  AccountabilityCaseEntity,
  CaseDecisionEntity,
  CaseEventEntity,
  CasePersonEntity,
} from '../../../../libs/persistence/src/entities/accountability-case.entity';
import type { DisciplineBodyEntity } from '../../../../libs/persistence/src/entities/discipline-body.entity';

export function bodyView(b: DisciplineBodyEntity) {
  return {
    code: b.code,
    name: b.name,
    kind: b.kind,
    level: b.level,
    parent: b.parentCode,
    jurisdiction: b.jurisdiction,
    casePolicy: b.casePolicy,
  };
}

export function caseSummary(c: AccountabilityCaseEntity) {
  return {
    id: c.id,
    origin: c.origin,
    status: c.status,
    bodyCode: c.bodyCode,
    planId: c.planId,
    measureId: c.measureId,
    leadId: c.leadId,
    reason: c.reason,
    openedBy: c.openedBy,
    openedAt: c.openedAt.toISOString(),
    dueAt: c.dueAt.toISOString(),
    concludedAt: c.concludedAt?.toISOString() ?? null,
    workflowId: c.workflowId,
  };
}

export function personView(p: CasePersonEntity) {
  return {
    id: p.id,
    name: p.name,
    post: p.post,
    cadreLevel: p.cadreLevel,
    partyMember: p.partyMember,
    relation: p.relation,
    addedBy: p.addedBy,
    addedAt: p.addedAt.toISOString(),
  };
}

export function decisionView(d: CaseDecisionEntity) {
  return {
    id: d.id,
    personId: d.personId,
    form: d.form,
    subForm: d.subForm,
    reasonCode: d.reasonCode,
    statement: d.statement,
    decidedOn: d.decidedOn,
    bodyCode: d.bodyCode,
    documentNumber: d.documentNumber,
    state: d.state,
    reviewBodyCode: d.reviewBodyCode,
    reviewedBy: d.reviewedBy,
    reviewedAt: d.reviewedAt?.toISOString() ?? null,
    reviewReasons: d.reviewReasons,
    correctsId: d.correctsId,
    correctionReason: d.correctionReason,
    recordedBy: d.recordedBy,
    recordedAt: d.recordedAt.toISOString(),
  };
}

export function caseEventView(e: CaseEventEntity) {
  return {
    kind: e.kind,
    actor: e.actor,
    detail: e.detail,
    occurredAt: e.occurredAt.toISOString(),
    recordedAt: e.recordedAt.toISOString(),
  };
}
