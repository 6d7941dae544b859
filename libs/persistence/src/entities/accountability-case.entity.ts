import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type {
  CadreLevel,
  DecisionForm,
  DecisionState,
  PersonRelation,
} from '../../../domain/src/accountability';
import { instantColumn } from '../column-types';

export const CASE_ORIGINS = [
  'ladder', // the measure's ladder reached 问责移送
  'manual', // the office referred the measure by hand, with a reason
  'lead', // a problem lead was verified 属实 or 部分属实
] as const;
export type CaseOrigin = (typeof CASE_ORIGINS)[number];

export const CASE_STATUSES = ['open', 'concluded'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

// An accountability case (问责案件) at a discipline body. `referralKey` names what opened it (the
// ladder step's idempotency key, the lead, the manual referral), so it is opened once.
@Entity('accountability_cases')
@Index('ix_accountability_cases_measure', ['measureId'])
export class AccountabilityCaseEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { name: 'referral_key', length: 300, unique: true }) referralKey!: string;
  @Column('varchar', { length: 16 }) origin!: CaseOrigin;
  @Column('varchar', { length: 16 }) status!: CaseStatus;
  // Null until the office names a body: no discipline commission covers the measure's units.
  @Column('varchar', { name: 'body_code', length: 64, nullable: true }) bodyCode!: string | null;
  @Column('varchar', { name: 'plan_id', length: 36, nullable: true }) planId!: string | null;
  @Column('varchar', { name: 'measure_id', length: 36, nullable: true }) measureId!: string | null;
  @Column('varchar', { name: 'lead_id', length: 36, nullable: true }) leadId!: string | null;
  // The units concerned with every ancestor: whose bodies see the case.
  @Column('simple-json', { name: 'unit_lineage' }) unitLineage!: string[];
  @Column('text', { nullable: true }) reason!: string | null;
  @Column('varchar', { name: 'opened_by', length: 200 }) openedBy!: string;
  @Column(instantColumn({ name: 'opened_at' })) openedAt!: Date;
  @Column(instantColumn({ name: 'due_at' })) dueAt!: Date;
  @Column(instantColumn({ name: 'concluded_at', nullable: true })) concludedAt!: Date | null;
  @Column('varchar', { name: 'workflow_id', length: 200, unique: true }) workflowId!: string;
}

// A person concerned (问事必问人): who they are and how they relate to the measure.
@Entity('case_persons')
@Index('ix_case_persons_case', ['caseId'])
export class CasePersonEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { name: 'case_id', length: 36 }) caseId!: string;
  @Column('varchar', { length: 100 }) name!: string;
  @Column('varchar', { length: 200 }) post!: string;
  @Column('varchar', { name: 'cadre_level', length: 16 }) cadreLevel!: CadreLevel;
  @Column('boolean', { name: 'party_member' }) partyMember!: boolean;
  @Column('varchar', { length: 24 }) relation!: PersonRelation;
  @Column('varchar', { name: 'added_by', length: 200 }) addedBy!: string;
  @Column(instantColumn({ name: 'added_at' })) addedAt!: Date;
}

// One decision on one person. A correction is a new decision naming the one it corrects; a
// review confirms (final) or overturns; nothing is ever overwritten but its state.
@Entity('case_decisions')
@Index('ix_case_decisions_case', ['caseId'])
export class CaseDecisionEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { name: 'case_id', length: 36 }) caseId!: string;
  @Column('varchar', { name: 'person_id', length: 36 }) personId!: string;
  @Column('varchar', { length: 32 }) form!: DecisionForm;
  @Column('varchar', { name: 'sub_form', length: 32, nullable: true }) subForm!: string | null;
  @Column('varchar', { name: 'reason_code', length: 64, nullable: true }) reasonCode!: string | null;
  @Column('text', { nullable: true }) statement!: string | null;
  @Column('varchar', { name: 'decided_on', length: 10 }) decidedOn!: string;
  @Column('varchar', { name: 'body_code', length: 64 }) bodyCode!: string;
  @Column('varchar', { name: 'document_number', length: 100, nullable: true }) documentNumber!: string | null;
  @Column('varchar', { length: 16 }) state!: DecisionState;
  @Column('varchar', { name: 'review_body_code', length: 64, nullable: true }) reviewBodyCode!: string | null;
  @Column('varchar', { name: 'reviewed_by', length: 200, nullable: true }) reviewedBy!: string | null;
  @Column(instantColumn({ name: 'reviewed_at', nullable: true })) reviewedAt!: Date | null;
  @Column('text', { name: 'review_reasons', nullable: true }) reviewReasons!: string | null;
  @Column('varchar', { name: 'corrects_id', length: 36, nullable: true }) correctsId!: string | null;
  @Column('text', { name: 'correction_reason', nullable: true }) correctionReason!: string | null;
  @Column('varchar', { name: 'recorded_by', length: 200 }) recordedBy!: string;
  @Column(instantColumn({ name: 'recorded_at' })) recordedAt!: Date;
}

export const CASE_EVENT_KINDS = [
  'opened',
  'body_assigned',
  'person_added',
  'decided',
  'reviewed',
  'returned', // a review overturned a decision: back to the deciding body with the reasons
  'corrected',
  'concluded',
  'case_reminder', // before the case's deadline, to the body
  'case_overdue', // the deadline passed, to the body
  'case_escalated', // long overdue: to the body of the level above
] as const;
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number];

// The case's own record, in order; the clock's steps are keyed so a retry records them once.
@Entity('case_events')
@Index('ix_case_events_case', ['caseId', 'recordedAt'])
export class CaseEventEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { name: 'case_id', length: 36 }) caseId!: string;
  @Column('varchar', { length: 32 }) kind!: CaseEventKind;
  @Column('varchar', { name: 'idempotency_key', length: 300, unique: true }) idempotencyKey!: string;
  @Column('varchar', { length: 200 }) actor!: string;
  @Column('simple-json') detail!: Record<string, unknown>;
  @Column(instantColumn({ name: 'occurred_at' })) occurredAt!: Date;
  @Column(instantColumn({ name: 'recorded_at' })) recordedAt!: Date;
}
