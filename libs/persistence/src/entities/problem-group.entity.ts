import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

// The classification above problems: 大类 (category, no parent) and 方面 (aspect, under a category).
@Entity('problem_groups')
@Unique('uq_problem_groups_plan_code', ['planId', 'kind', 'code'])
export class ProblemGroupEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { name: 'plan_id', length: 36 }) planId!: string;
  @Column('varchar', { length: 8 }) kind!: 'category' | 'aspect';
  @Column('varchar', { name: 'parent_id', length: 36, nullable: true }) parentId!: string | null;
  @Column('varchar', { length: 64 }) code!: string;
  @Column('varchar', { length: 500 }) title!: string;
  @Column('integer') position!: number;
  // The aspect standing for a category that holds its problems directly: not shown as an aspect.
  @Column('boolean', { default: false }) implicit!: boolean;
  // 牵头单位 of the level, when the plan names one.
  @Column('varchar', { name: 'lead_unit_code', length: 64, nullable: true }) leadUnitCode!: string | null;
}
