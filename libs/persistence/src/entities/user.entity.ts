import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Role } from '../../../domain/src/authorization';
import { instantColumn } from '../column-types';

// A local account. The password is kept only as a scrypt hash with its own salt and parameters.
@Entity('users')
export class UserEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  // Lower-cased, so one mailbox is one account.
  @Column('varchar', { length: 254, unique: true }) email!: string;
  @Column('varchar', { name: 'display_name', length: 200 }) displayName!: string;
  @Column('varchar', { length: 16 }) role!: Role;
  @Column('simple-json', { name: 'unit_codes' }) unitCodes!: string[];
  @Column('varchar', { name: 'leader_name', length: 100, nullable: true }) leaderName!: string | null;
  @Column('varchar', { name: 'password_hash', length: 200 }) passwordHash!: string;
  @Column(instantColumn({ name: 'created_at' })) createdAt!: Date;
  @Column(instantColumn({ name: 'disabled_at', nullable: true })) disabledAt!: Date | null;
}
