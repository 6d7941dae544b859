import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';
import type { Track } from '../../../domain/src/track';

// 问题
@Entity('problems')
@Unique('uq_problems_plan_code', ['planId', 'code'])
export class ProblemEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { name: 'plan_id', length: 36 }) planId!: string;
  @Column('varchar', { name: 'aspect_id', length: 36 }) aspectId!: string;
  @Column('varchar', { length: 64 }) code!: string;
  @Column('text') title!: string;
  @Column('varchar', { length: 16 }) track!: Track;
  // 原因剖析
  @Column('text', { name: 'root_cause', nullable: true }) rootCause!: string | null;
  @Column('integer') position!: number;
}
