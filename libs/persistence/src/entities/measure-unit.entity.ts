import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

// Which units a measure concerns (lead and co-units), so "my unit's measures" is one indexed query.
@Entity('measure_units')
// Unit first, carrying the measure: a unit's measures in a plan or across plans from the index alone.
@Index('ix_measure_units_unit', ['unitCode', 'planId', 'measureId'])
export class MeasureUnitEntity {
  @PrimaryColumn('varchar', { name: 'measure_id', length: 36 }) measureId!: string;
  @PrimaryColumn('varchar', { name: 'unit_code', length: 64 }) unitCode!: string;
  @Column('varchar', { name: 'plan_id', length: 36 }) planId!: string;
  @Column('varchar', { length: 8 }) role!: 'lead' | 'co';
}
