import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { MeasureStatus } from '../../../domain/src/measure-status';

// Which units a measure concerns (lead and co-units), so "my unit's measures" is one indexed query.
@Entity('measure_units')
// Unit first, carrying the status and the measure: a unit's measures in a plan or across plans, and
// their count by status, from the index alone.
@Index('ix_measure_units_unit', ['unitCode', 'planId', 'status', 'measureId'])
export class MeasureUnitEntity {
  @PrimaryColumn('varchar', { name: 'measure_id', length: 36 }) measureId!: string;
  @PrimaryColumn('varchar', { name: 'unit_code', length: 64 }) unitCode!: string;
  @Column('varchar', { name: 'plan_id', length: 36 }) planId!: string;
  @Column('varchar', { length: 8 }) role!: 'lead' | 'co';
  // The measure's status, copied by the database's triggers on both tables
  // (1795976000000-measure-unit-status.migration.ts): no writer sets it.
  @Column({ type: 'varchar', length: 24, nullable: true, insert: false, update: false })
  status!: MeasureStatus | null;
}
