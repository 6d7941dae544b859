import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { instantColumn } from '../column-types';

// A request to tell someone about an event (a reminder to a unit, a 督办 notice to a leader…),
// written in the same transaction as the event. Delivery channels pick up `pending` rows.
// A measure's request names the measure and its event; a plan's reporting-cadence request (漏报,
// report reminders) names the plan and its cadence event instead.
@Entity('notification_requests')
@Index('ix_notification_requests_status', ['status', 'createdAt'])
export class NotificationRequestEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { name: 'measure_id', length: 36, nullable: true }) measureId!: string | null;
  @Column('varchar', { name: 'event_id', length: 36, nullable: true }) eventId!: string | null;
  @Column('varchar', { name: 'plan_id', length: 36, nullable: true }) planId!: string | null;
  @Column('varchar', { name: 'cadence_event_id', length: 36, nullable: true }) cadenceEventId!: string | null;
  // An accountability case's notice (its reminders and escalations) names the case's event.
  @Column('varchar', { name: 'case_event_id', length: 36, nullable: true }) caseEventId!: string | null;
  // A problem lead's notice (its verification reminders and escalations) names the lead's event.
  @Column('varchar', { name: 'lead_event_id', length: 36, nullable: true }) leadEventId!: string | null;
  // A 批示's notice (its answer reminder, its overdue notice) names the instruction's event.
  @Column('varchar', { name: 'instruction_event_id', length: 36, nullable: true })
  instructionEventId!: string | null;
  @Column('varchar', { name: 'addressee_kind', length: 16 }) addresseeKind!: string;
  @Column('varchar', { length: 200 }) addressee!: string;
  @Column('varchar', { length: 500 }) subject!: string;
  @Column('varchar', { length: 16 }) status!: 'pending' | 'delivered' | 'failed';
  @Column(instantColumn({ name: 'created_at' })) createdAt!: Date;
}
