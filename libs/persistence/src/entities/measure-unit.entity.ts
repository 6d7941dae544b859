import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { MeasureStatus } from '../../../domain/src/measure-status';
import { instantColumn } from '../column-types';

// Which units a measure concerns (lead and co-units), so "my unit's measures" is one indexed query.
@Entity('measure_units')
// Unit first, carrying the status and the measure: a unit's measures in a plan or across plans, and
// their count by status, from the index alone; with the deadline and the code, a unit's desk in the
// board's order.
@Index('ix_measure_units_unit', ['unitCode', 'planId', 'status', 'dueAt', 'code', 'measureId'])
export class MeasureUnitEntity {
  @PrimaryColumn('varchar', { name: 'measure_id', length: 36 }) measureId!: string;
  @PrimaryColumn('varchar', { name: 'unit_code', length: 64 }) unitCode!: string;
  @Column('varchar', { name: 'plan_id', length: 36 }) planId!: string;
  @Column('varchar', { length: 8 }) role!: 'lead' | 'co';
  // The measure's status, copied by the database's triggers on both tables
  // (1795976000000-measure-unit-status.migration.ts): no writer sets it.
  @Column({ type: 'varchar', length: 24, nullable: true, insert: false, update: false })
  status!: MeasureStatus | null;
  // The measure's deadline and code, copied by the same triggers
  // (1795980000000-measure-unit-deadline.migration.ts).
  @Column(instantColumn({ name: 'due_at', nullable: true, insert: false, update: false }))
  dueAt!: Date | null;
  @Column({ type: 'varchar', length: 64, nullable: true, insert: false, update: false })
  code!: string | null;
}
