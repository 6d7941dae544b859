import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import type { LeadOutcome } from '../../../domain/src/accountability';
import { LEAD_STEP_KINDS, type LeadClockPolicy, type LeadStatus } from '../../../domain/src/problem-lead';
import { instantColumn } from '../column-types';

// One line of the problem-lead ledger (问题线索台账): a lead an inspection handed to one body, or a
// batch handed over as a count (`items` > 1, no summary of its own). A lead handed to two bodies
// is two rows sharing `ref`; a ref is registered once per body.
@Entity('problem_leads')
@Unique('uq_problem_leads_ref_body', ['ref', 'bodyCode'])
@Index('ix_problem_leads_body', ['bodyCode', 'status'])
export class ProblemLeadEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  // The inspection's own reference (e.g. P30-001).
  @Column('varchar', { length: 64 }) ref!: string;
  @Column('varchar', { name: 'plan_id', length: 36, nullable: true }) planId!: string | null;
  @Column('varchar', { name: 'problem_code', length: 64, nullable: true }) problemCode!: string | null;
  @Column('text', { nullable: true }) summary!: string | null;
  @Column('integer') items!: number;
  @Column('varchar', { name: 'received_on', length: 10 }) receivedOn!: string;
  @Column('varchar', { name: 'body_code', length: 64 }) bodyCode!: string;
  @Column(instantColumn({ name: 'due_at' })) dueAt!: Date;
  @Column('simple-json') policy!: LeadClockPolicy;
  @Column('varchar', { length: 16 }) status!: LeadStatus;
  @Column('varchar', { length: 32, nullable: true }) outcome!: LeadOutcome | null;
  @Column('text', { name: 'outcome_note', nullable: true }) outcomeNote!: string | null;
  @Column('varchar', { name: 'verified_by', length: 200, nullable: true }) verifiedBy!: string | null;
  @Column(instantColumn({ name: 'verified_at', nullable: true })) verifiedAt!: Date | null;
  // The accountability case a 属实 / 部分属实 outcome opened.
  @Column('varchar', { name: 'case_id', length: 36, nullable: true }) caseId!: string | null;
  @Column('varchar', { name: 'workflow_id', length: 200, unique: true }) workflowId!: string;
  @Column('varchar', { name: 'registered_by', length: 200 }) registeredBy!: string;
  @Column(instantColumn({ name: 'registered_at' })) registeredAt!: Date;
}

export const LEAD_EVENT_KINDS = ['registered', 'verified', ...LEAD_STEP_KINDS] as const;
export type LeadEventKind = (typeof LEAD_EVENT_KINDS)[number];

// The lead's own record; the clock's steps are keyed so a retried activity records them once.
@Entity('lead_events')
@Index('ix_lead_events_lead', ['leadId', 'recordedAt'])
export class LeadEventEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { name: 'lead_id', length: 36 }) leadId!: string;
  @Column('varchar', { length: 32 }) kind!: LeadEventKind;
  @Column('varchar', { name: 'idempotency_key', length: 300, unique: true }) idempotencyKey!: string;
  @Column('varchar', { length: 200 }) actor!: string;
  @Column('simple-json') detail!: Record<string, unknown>;
  @Column(instantColumn({ name: 'occurred_at' })) occurredAt!: Date;
  @Column(instantColumn({ name: 'recorded_at' })) recordedAt!: Date;
}
