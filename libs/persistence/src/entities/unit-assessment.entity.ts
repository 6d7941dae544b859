import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { AssessmentComponent, AssessmentRule } from '../../../domain/src/unit-assessment';
import { instantColumn } from '../column-types';

// 考评: the rule the office set for one plan; `version` counts its changes (1 for the first).
@Entity('assessment_rule')
export class AssessmentRuleEntity {
  @PrimaryColumn('varchar', { name: 'plan_id', length: 36 }) planId!: string;
  @Column('simple-json') rule!: AssessmentRule;
  @Column('integer') version!: number;
  @Column(instantColumn({ name: 'updated_at' })) updatedAt!: Date;
  @Column('varchar', { name: 'updated_by', length: 200 }) updatedBy!: string;
}

// One unit's line of a published ranking, as it stood when published.
export interface PublishedUnitRank {
  readonly unitCode: string;
  readonly unitName: string;
  readonly components: Readonly<Record<AssessmentComponent, number>>;
  readonly score: number;
  readonly rank: number;
  readonly change: number | null;
}

// A period's ranking as the office published it (公开), frozen: its figures, the rule (and its
// version, 0 for the default) and the moment the facts were judged at.
@Entity('assessment_publication')
@Index('ux_assessment_publication_period', ['planId', 'periodKey'], { unique: true })
export class AssessmentPublicationEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { name: 'plan_id', length: 36 }) planId!: string;
  @Column('varchar', { name: 'period_key', length: 32 }) periodKey!: string;
  @Column(instantColumn({ name: 'period_from' })) periodFrom!: Date;
  @Column(instantColumn({ name: 'period_to' })) periodTo!: Date;
  @Column(instantColumn({ name: 'judged_at' })) judgedAt!: Date;
  @Column('simple-json') rule!: AssessmentRule;
  @Column('integer', { name: 'rule_version' }) ruleVersion!: number;
  @Column('simple-json') units!: PublishedUnitRank[];
  @Column(instantColumn({ name: 'published_at' })) publishedAt!: Date;
  @Column('varchar', { name: 'published_by', length: 200 }) publishedBy!: string;
}
