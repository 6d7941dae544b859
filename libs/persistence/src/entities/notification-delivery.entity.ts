import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { instantColumn } from '../column-types';

export const DELIVERY_STATES = [
  'queued', // waiting: for its time (quiet hours, daily digest) or for its first attempt
  'sent', // handed to the channel (inbox: stored)
  'failed', // the last attempt failed; more attempts follow
  'dead', // every attempt failed: the office sees it and may retry
  'read', // inbox: the person opened it
  'unaddressed', // nobody holds the post or serves the unit: a gap on the office's list
] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];
export type DeliveryChannel = 'inbox' | 'email' | 'webhook';

// One notice to one person on one channel. The key (request, person, channel) makes planning it
// idempotent; the state makes sending it at most once per success.
@Entity('notification_deliveries')
@Index('ix_deliveries_request', ['requestId'])
@Index('ix_deliveries_person_state', ['personId', 'state'])
export class NotificationDeliveryEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { length: 200, unique: true }) key!: string;
  @Column('varchar', { name: 'request_id', length: 36 }) requestId!: string;
  // Null for a plan's reporting-cadence notice.
  @Column('varchar', { name: 'measure_id', length: 36, nullable: true }) measureId!: string | null;
  @Column('varchar', { name: 'person_id', length: 36, nullable: true }) personId!: string | null;
  @Column('varchar', { length: 16 }) channel!: DeliveryChannel;
  @Column('varchar', { name: 'channel_id', length: 36, nullable: true }) channelId!: string | null;
  @Column('varchar', { length: 16 }) state!: DeliveryState;
  @Column('integer') attempts!: number;
  @Column('varchar', { name: 'last_error', length: 500, nullable: true }) lastError!: string | null;
  // Not before this instant (quiet hours, daily digest); escalation notices are never held.
  @Column(instantColumn({ name: 'not_before' })) notBefore!: Date;
  @Column(instantColumn({ name: 'created_at' })) createdAt!: Date;
  @Column(instantColumn({ name: 'sent_at', nullable: true })) sentAt!: Date | null;
  @Column(instantColumn({ name: 'read_at', nullable: true })) readAt!: Date | null;
}
