import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { BodyKind, BodyLevel, CaseClockPolicy } from '../../../domain/src/accountability';
import { instantColumn } from '../column-types';

// A discipline body (纪委监委) or an organisation department (组织部门), with the units it is
// competent for (and every unit below them in a plan's unit tree).
@Entity('discipline_bodies')
export class DisciplineBodyEntity {
  @PrimaryColumn('varchar', { length: 64 }) code!: string;
  @Column('varchar', { length: 200 }) name!: string;
  @Column('varchar', { length: 32 }) kind!: BodyKind;
  @Column('varchar', { length: 16 }) level!: BodyLevel;
  @Column('varchar', { name: 'parent_code', length: 64, nullable: true }) parentCode!: string | null;
  @Column('simple-json') jurisdiction!: string[];
  // How long its cases may take and when it is reminded; null: DEFAULT_CASE_POLICY.
  @Column('simple-json', { name: 'case_policy', nullable: true }) casePolicy!: CaseClockPolicy | null;
  @Column(instantColumn({ name: 'created_at' })) createdAt!: Date;
}

// Who acts for a body: a user account or an API token, each for one body at most.
@Entity('discipline_body_members')
export class DisciplineBodyMemberEntity {
  @PrimaryColumn('varchar', { name: 'principal_id', length: 36 }) principalId!: string;
  @Column('varchar', { name: 'body_code', length: 64 }) bodyCode!: string;
  @Column(instantColumn({ name: 'created_at' })) createdAt!: Date;
}
