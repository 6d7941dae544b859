import { Column, Entity, PrimaryColumn } from 'typeorm';
import { instantColumn } from '../column-types';

// Failed sign-ins per account and per client address. In the database, so every API replica
// counts the same failures.
@Entity('login_throttles')
export class LoginThrottleEntity {
  // `account:<email>`, `ip:<address or /64>` or `account-from:<address or /64>:<email>`.
  @PrimaryColumn('varchar', { length: 300 }) key!: string;
  @Column('integer') failures!: number;
  @Column(instantColumn({ name: 'last_failure_at' })) lastFailureAt!: Date;
  @Column(instantColumn({ name: 'locked_until', nullable: true })) lockedUntil!: Date | null;
}
