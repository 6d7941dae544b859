import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { instantColumn } from '../column-types';

export const CADENCE_EVENT_KINDS = [
  'report_reminder', // a unit that has not reported yet is reminded before the period closes
  'report_missed', // 漏报: the period closed without a report from the unit
  'period_closed', // the period's roll-up (旬报 / 月通报): who reported, who missed, measures by status
] as const;
export type CadenceEventKind = (typeof CADENCE_EVENT_KINDS)[number];

// One recorded outcome of a plan's reporting cadence. Plan-level, so it belongs to no measure; its
// idempotency key comes from the plan-cadence workflow id, the period and the unit, never the clock.
@Entity('cadence_events')
@Index('ix_cadence_events_plan_period', ['planId', 'periodKey'])
export class CadenceEventEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { name: 'plan_id', length: 36 }) planId!: string;
  @Column('varchar', { length: 32 }) kind!: CadenceEventKind;
  @Column('varchar', { name: 'period_key', length: 32 }) periodKey!: string;
  // The unit reminded or missing; null for a period's close.
  @Column('varchar', { name: 'unit_code', length: 64, nullable: true }) unitCode!: string | null;
  // The measure a notice of this event opens: the unit's first open measure, where it reports.
  @Column('varchar', { name: 'measure_id', length: 36, nullable: true }) measureId!: string | null;
  // 0 for reminders and closes; a missed report's rung on the missed-report ladder (1, 2, 3…).
  @Column('integer') level!: number;
  @Column('varchar', { name: 'idempotency_key', length: 300, unique: true }) idempotencyKey!: string;
  // When it fell due (the reminder's time, the period's close), not when the row was written.
  @Column(instantColumn({ name: 'occurred_at' })) occurredAt!: Date;
  @Column(instantColumn({ name: 'recorded_at' })) recordedAt!: Date;
  @Column('varchar', { length: 200 }) actor!: string;
  @Column('simple-json') detail!: Record<string, unknown>;
}
