import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

// 责任单位: a responsible unit, possibly under a parent (province → city → county).
@Entity('units')
@Unique('uq_units_plan_code', ['planId', 'code'])
export class UnitEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { name: 'plan_id', length: 36 }) planId!: string;
  @Column('varchar', { length: 64 }) code!: string;
  @Column('varchar', { length: 200 }) name!: string;
  @Column('varchar', { length: 16 }) level!: string;
  @Column('varchar', { name: 'parent_code', length: 64, nullable: true }) parentCode!: string | null;
}
