import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { EscalationPolicy } from '../../../domain/src/escalation-ladder';
import type { Draw, RoundUnit, SamplingRule } from '../../../domain/src/spot-inspection';
import { instantColumn } from '../column-types';

export interface SpotRoundGroup {
  readonly code: string;
  readonly name: string;
  // Unit codes the group visits: drawn by the sampling rule, or given with the round.
  readonly places: readonly string[];
}

// What the draw was computed from beyond the rule and the seed, so it can be re-run later even
// after more rounds have visited more places.
export interface SpotDrawRecord {
  readonly candidates: readonly string[];
  readonly visitedBefore: readonly string[];
  readonly periodKey: string;
  readonly result: Draw;
}

// 暗访督查: one round of spot inspections. Its notices are measures of a plan of its own, whose
// code is the round's code.
@Entity('spot_rounds')
export class SpotRoundEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { length: 64, unique: true }) code!: string;
  @Column('varchar', { length: 500 }) title!: string;
  @Column('varchar', { length: 200 }) organiser!: string;
  @Column('varchar', { name: 'inspected_organisation', length: 200 }) inspectedOrganisation!: string;
  @Column('varchar', { name: 'starts_on', length: 10 }) startsOn!: string;
  @Column('varchar', { name: 'ends_on', length: 10 }) endsOn!: string;
  @Column('varchar', { name: 'time_zone', length: 64 }) timeZone!: string;
  // The default ladder of the round's notices (a notice may carry its own).
  @Column('simple-json', { name: 'escalation_policy', nullable: true })
  escalationPolicy!: EscalationPolicy | null;
  // The unit tree places come from (given with the round or copied from a plan).
  @Column('simple-json') units!: RoundUnit[];
  @Column('simple-json') groups!: SpotRoundGroup[];
  @Column('simple-json', { name: 'sampling_rule', nullable: true }) samplingRule!: SamplingRule | null;
  @Column('varchar', { name: 'draw_seed', length: 200, nullable: true }) drawSeed!: string | null;
  @Column('simple-json', { nullable: true }) draw!: SpotDrawRecord | null;
  @Column('varchar', { name: 'created_by', length: 200 }) createdBy!: string;
  @Column(instantColumn({ name: 'created_at' })) createdAt!: Date;
}
