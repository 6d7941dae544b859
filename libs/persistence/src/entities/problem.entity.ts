import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';
import type { CarriesOver, Reopens } from '../../../domain/src/plan-sources';
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
  // The plan's sources it names (问题来源); null: the plan's one source.
  @Column('simple-json', { name: 'source_codes', nullable: true }) sourceCodes!: string[] | null;
  // The earlier plan's problem it carries over (承接).
  @Column('simple-json', { name: 'carries_over', nullable: true }) carriesOver!: CarriesOver | null;
  // Its measures that reopen an earlier plan's signed-off measure instead of being followed anew.
  @Column('simple-json', { nullable: true }) reopens!: (Reopens & { measureCode: string })[] | null;
}
