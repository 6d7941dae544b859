import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PlanDefinition } from '../../../domain/src/plan-definition';
import { instantColumn } from '../column-types';

// 方案版本: the plan's content as one import or re-import applied it. A report as of an earlier
// date uses the version in force then (libs/domain/src/plan-version.ts).
@Entity('plan_versions')
export class PlanVersionEntity {
  @PrimaryColumn('varchar', { name: 'plan_id', length: 36 }) planId!: string;
  // 1 for the first import, one more for every re-import that changed the content.
  @PrimaryColumn('integer') number!: number;
  @Column('varchar', { name: 'content_hash', length: 64 }) contentHash!: string;
  // Deadlines as written, as PlanEntity.definition keeps the latest.
  @Column('simple-json') definition!: PlanDefinition;
  @Column(instantColumn({ name: 'applied_at' })) appliedAt!: Date;
}
