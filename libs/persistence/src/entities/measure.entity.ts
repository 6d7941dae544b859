import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import type { AcknowledgementStatus } from '../../../domain/src/acknowledgement-policy';
import type { EscalationPolicy } from '../../../domain/src/escalation-ladder';
import type { TargetAdjustment } from '../../../domain/src/indicator-target-adjustment';
import type { MeasureLight } from '../../../domain/src/measure-light';
import type { MeasureStatus } from '../../../domain/src/measure-status';
import type { MeasureDefinition } from '../../../domain/src/plan-definition';
import type { Track } from '../../../domain/src/track';
import { instantColumn } from '../column-types';

// 整改措施: the read model of one measure. Its workflow decides what happens next; this row
// mirrors what has happened, for lists, dashboards and exports.
@Entity('measures')
@Unique('uq_measures_plan_code', ['planId', 'code'])
// The board's indexes (a unit's desk, a plan by status, in the default order): the migration
// MeasureDeskIndexes1795975000000 says what each is for.
@Index('ix_measures_plan_due', ['planId', 'dueAt', 'code', 'id'])
@Index('ix_measures_plan_status_due', ['planId', 'status', 'dueAt', 'code', 'id'])
@Index('ix_measures_state', ['id', 'planId', 'status', 'dueAt', 'code'])
// A plan's measures in its order, a page at a time (MeasurePlanOrderIndex1795977000000): pages go
// by position then code (PlanMeasurePages), the index giving the positions and the ties sorted.
@Index('ix_measures_plan_order', ['planId', 'position', 'id'])
export class MeasureEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { name: 'plan_id', length: 36 }) planId!: string;
  @Index('ix_measures_problem')
  @Column('varchar', { name: 'problem_id', length: 36 })
  problemId!: string;
  // Set on sub-measures (decomposition to units below).
  @Column('varchar', { name: 'parent_measure_id', length: 36, nullable: true }) parentMeasureId!:
    | string
    | null;
  @Column('varchar', { length: 16 }) track!: Track;
  @Column('varchar', { length: 64 }) code!: string;
  @Column('text') title!: string;
  @Index('ix_measures_lead_leader')
  @Column('varchar', { name: 'lead_leader', length: 100 })
  leadLeader!: string;
  @Index('ix_measures_lead_unit')
  @Column('varchar', { name: 'lead_unit_code', length: 64 })
  leadUnitCode!: string;
  @Column('simple-json', { name: 'co_unit_codes' }) coUnitCodes!: string[];
  @Index('ix_measures_due')
  @Column(instantColumn({ name: 'due_at' }))
  dueAt!: Date;
  // The deadline as the plan wrote it ("2019-09-30"), kept for ledgers.
  @Column('varchar', { name: 'due_text', length: 40 }) dueText!: string;
  // The plan did not write the date: Rectify assumed it ("长期坚持", "立即" with the default days).
  @Column('boolean', { name: 'due_assumed', default: false }) dueAssumed!: boolean;
  // 长期坚持 under plan.longTermMeasures: reviews: periodic reviews only, no ladder, never overdue.
  @Column('boolean', { name: 'reviews_only', default: false }) reviewsOnly!: boolean;
  @Column('text', { nullable: true }) method!: string | null;
  @Column('text', { nullable: true }) requirements!: string | null;
  // 佐证材料: the evidence a completion claim must carry.
  @Column('simple-json', { name: 'evidence_rules', nullable: true })
  evidenceRules!: MeasureDefinition['evidenceRules'] | null;
  // With the target in force: 目标调整 keeps the plan's target in `adjustment`.
  @Column('simple-json') indicators!: (MeasureDefinition['indicators'][number] & {
    adjustment?: TargetAdjustment;
  })[];
  @Column('simple-json') milestones!: MeasureDefinition['milestones'];
  @Column('simple-json', { name: 'referral_items' }) referralItems!: MeasureDefinition['referralItems'];
  // The policy pinned when the measure started: later plan policy changes do not move it silently.
  @Column('simple-json', { name: 'escalation_policy' }) escalationPolicy!: EscalationPolicy;
  @Index('ix_measures_status')
  @Column('varchar', { length: 24 })
  status!: MeasureStatus;
  @Column('integer', { name: 'overdue_level', default: 0 }) overdueLevel!: number;
  // 亮灯 (libs/domain/src/measure-light.ts): null when the measure is not open, and on rows of runs
  // from before lights until their workflow records one.
  @Index('ix_measures_light')
  @Column('varchar', { length: 8, nullable: true })
  light!: MeasureLight | null;
  @Column('varchar', { name: 'workflow_id', length: 200, unique: true }) workflowId!: string;
  // 销号: when a verifier accepted the completion claim.
  @Column(instantColumn({ name: 'signed_off_at', nullable: true })) signedOffAt!: Date | null;
  @Column('integer') position!: number;
  // The sequence of the newest event whose effects the row shows (see MeasureEventRepository).
  @Column('integer', { name: 'last_event_seq', default: 0 }) lastEventSeq!: number;
  // 签收: where the latest delivery to the lead unit stands, and by when it must be acknowledged;
  // null on measures whose policy asks for no acknowledgement.
  @Index('ix_measures_acknowledgement')
  @Column('varchar', { length: 16, nullable: true })
  acknowledgement!: AcknowledgementStatus | null;
  @Column(instantColumn({ name: 'acknowledge_by', nullable: true })) acknowledgeBy!: Date | null;
}
