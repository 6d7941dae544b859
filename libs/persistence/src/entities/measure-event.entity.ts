import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { instantColumn } from '../column-types';

export const MEASURE_EVENT_KINDS = [
  // escalation ladder steps
  'reminder',
  'overdue_notice',
  'supervision_notice',
  'formal_talk',
  'accountability_referral',
  // commands and their outcomes
  'progress_reported',
  'completion_claimed',
  'verified',
  'rejected',
  'extension_requested',
  'extension_approved',
  'extension_denied',
  'deadline_changed',
  'withdrawal_requested',
  'withdrawal_denied',
  'withdrawn',
  'reassigned',
  'look_back_scheduled',
  'look_back_due',
  'look_back_passed',
  'look_back_failed',
  'material_change',
  'review_due',
  'review_recorded',
  'referral_outcome',
  'decomposed',
  'policy_applied',
  'calendar_applied',
  'closed',
  'plan_closed',
  // 签收: deliveries, answers, and the short ladder of an unacknowledged delivery
  'assignment_delivered',
  'assignment_acknowledged',
  'assignment_returned',
  'assignment_confirmed',
  'acknowledgement_reminder',
  'acknowledgement_overdue',
  // 亮灯: the measure's traffic light moved (workflows/measure/lights.ts)
  'light_changed',
  // 目标调整: an indicator's target changed (workflows/measure/handlers/target-adjustment.ts)
  'target_adjusted',
] as const;
export type MeasureEventKind = (typeof MEASURE_EVENT_KINDS)[number];

// One recorded outcome in a measure's life. The idempotency key comes from the workflow id and
// the step, so a retried activity finds its row instead of writing a second one.
@Entity('measure_events')
@Index('ix_measure_events_measure', ['measureId', 'occurredAt'])
// A measure's events of a kind, with their level (MeasureEventKindIndex1795978000000).
@Index('ix_measure_events_kind', ['measureId', 'kind', 'occurredAt', 'level'])
export class MeasureEventEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { name: 'measure_id', length: 36 }) measureId!: string;
  @Column('varchar', { length: 32 }) kind!: MeasureEventKind;
  @Column('integer') level!: number;
  @Column('varchar', { name: 'idempotency_key', length: 300, unique: true }) idempotencyKey!: string;
  // When the step was due (the workflow's time), not when the row happened to be written.
  @Column(instantColumn({ name: 'occurred_at' })) occurredAt!: Date;
  @Column(instantColumn({ name: 'recorded_at' })) recordedAt!: Date;
  @Column('varchar', { length: 200 }) actor!: string;
  @Column('simple-json') detail!: Record<string, unknown>;
  // The workflow's count of recorded events at this one; null for events of runs before it was kept.
  @Column('integer', { nullable: true }) seq!: number | null;
}
