import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { EscalationPolicy } from '../../../domain/src/escalation-ladder';
import type { PlanDefinition, ReportingCadence } from '../../../domain/src/plan-definition';
import type { PlanSourceDefinition } from '../../../domain/src/plan-sources';
import type { LevelLabels } from '../../../domain/src/plan-tree-shape';
import { instantColumn } from '../column-types';

// 整改方案
@Entity('plans')
export class PlanEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { length: 64, unique: true }) code!: string;
  @Column('varchar', { name: 'inspection_id', length: 36 }) inspectionId!: string;
  @Column('varchar', { length: 500 }) title!: string;
  @Column('varchar', { name: 'time_zone', length: 64 }) timeZone!: string;
  @Column('simple-json', { name: 'escalation_policy' }) escalationPolicy!: EscalationPolicy;
  // sha-256 of the canonical imported document: tells a repeated import from a changed one.
  @Column('varchar', { name: 'content_hash', length: 64 }) contentHash!: string;
  @Column(instantColumn({ name: 'imported_at' })) importedAt!: Date;
  // The plan as last applied, deadlines as written: a re-import is diffed against it. Null for
  // plans imported before it was kept; their definition is rebuilt from the rows.
  @Column('simple-json', { nullable: true }) definition!: PlanDefinition | null;
  @Column('varchar', { name: 'reporting_cadence', length: 16, nullable: true })
  reportingCadence!: ReportingCadence | null;
  // The working calendar the plan names (plan.calendar): a stored or built-in calendar's code.
  @Column('varchar', { name: 'calendar_code', length: 32, nullable: true }) calendarCode!: string | null;
  // The plan closed: every measure's workflow ended where it stood.
  @Column(instantColumn({ name: 'closed_at', nullable: true })) closedAt!: Date | null;
  @Column('varchar', { name: 'closed_by', length: 200, nullable: true }) closedBy!: string | null;
  // Published (公开): the public bulletin as of this day (YYYY-MM-DD) is open to everyone. Null: the
  // plan has no public edition for anonymous callers.
  @Column('varchar', { name: 'published_as_of', length: 10, nullable: true }) publishedAsOf!: string | null;
  @Column(instantColumn({ name: 'published_at', nullable: true })) publishedAt!: Date | null;
  @Column('varchar', { name: 'published_by', length: 200, nullable: true }) publishedBy!: string | null;
  // 问题来源 as declared; null: the inspection is the plan's one source.
  @Column('simple-json', { nullable: true }) sources!: PlanSourceDefinition[] | null;
  // The words after each count in a bulletin (4类10项); null: 大类, 个方面.
  @Column('simple-json', { name: 'level_labels', nullable: true }) levelLabels!: Partial<LevelLabels> | null;
}
