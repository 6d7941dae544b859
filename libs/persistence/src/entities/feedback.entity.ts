import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { instantColumn } from '../column-types';

export const FEEDBACK_STATUSES = ['received', 'forwarded', 'dismissed'] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

// 意见建议: anonymous public feedback on the rectification. The submitter follows it with a
// tracking code, kept here only as its sha-256.
@Entity('feedback')
@Index('ix_feedback_status', ['status', 'receivedAt'])
export class FeedbackEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { name: 'tracking_hash', length: 64, unique: true }) trackingHash!: string;
  @Column('text') message!: string;
  // Optional, as the submitter gave it (phone or mail); never shown publicly.
  @Column('varchar', { length: 200, nullable: true }) contact!: string | null;
  @Column('varchar', { length: 16 }) status!: FeedbackStatus;
  // Set when the office forwards it to the measure it concerns.
  @Column('varchar', { name: 'measure_id', length: 36, nullable: true }) measureId!: string | null;
  @Column('text', { name: 'dismiss_reason', nullable: true }) dismissReason!: string | null;
  @Column('varchar', { name: 'triaged_by', length: 100, nullable: true }) triagedBy!: string | null;
  @Column(instantColumn({ name: 'triaged_at', nullable: true })) triagedAt!: Date | null;
  @Column(instantColumn({ name: 'received_at' })) receivedAt!: Date;
}
