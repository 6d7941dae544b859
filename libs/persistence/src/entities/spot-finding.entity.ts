import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import type { NoticeKind } from '../../../domain/src/spot-inspection';
import { instantColumn } from '../column-types';

// The notice a finding issued, as issued: what its measure was started from.
export interface SpotNoticeRecord {
  readonly number: string | null;
  readonly title: string | null;
  readonly leadUnit: string;
  readonly leadLeader: string;
  readonly due: string;
  readonly issuedAt: string;
  readonly issuedBy: string;
}

// A problem a spot-inspection round found at a place; it may issue one notice (整改任务通知书 or
// 督办函), which is a measure of the round's plan.
@Entity('spot_findings')
@Unique('uq_spot_findings_round_code', ['roundId', 'code'])
@Index('ix_spot_findings_round', ['roundId'])
export class SpotFindingEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { name: 'round_id', length: 36 }) roundId!: string;
  // F01, F02…: the finding's problem code in the round's plan.
  @Column('varchar', { length: 16 }) code!: string;
  @Column('varchar', { name: 'group_code', length: 64 }) groupCode!: string;
  @Column('varchar', { name: 'unit_code', length: 64 }) unitCode!: string;
  @Column('text') description!: string;
  @Column('varchar', { name: 'found_on', length: 10 }) foundOn!: string;
  @Column('varchar', { name: 'notice_kind', length: 24, nullable: true }) noticeKind!: NoticeKind | null;
  @Column('simple-json', { nullable: true }) notice!: SpotNoticeRecord | null;
  // The measure of the round's plan the notice started.
  @Column('varchar', { name: 'measure_code', length: 64, nullable: true }) measureCode!: string | null;
  // Where the finding fits a problem of another plan (e.g. GS-2019 / P05).
  @Column('varchar', { name: 'linked_plan_code', length: 64, nullable: true }) linkedPlanCode!: string | null;
  @Column('varchar', { name: 'linked_problem_code', length: 64, nullable: true })
  linkedProblemCode!: string | null;
  @Column('varchar', { name: 'created_by', length: 200 }) createdBy!: string;
  @Column(instantColumn({ name: 'created_at' })) createdAt!: Date;
}
