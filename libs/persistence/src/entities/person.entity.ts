import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Duty, QuietHours } from '../../../domain/src/recipients';
import { instantColumn } from '../column-types';

// A person Rectify tells things to: an account holder or a contact without a login, bound to
// units, with the duties that decide which notices reach them.
@Entity('persons')
export class PersonEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { length: 100 }) name!: string;
  // The account that signs in as this person (their inbox); null for a contact without a login.
  @Column('varchar', { name: 'user_id', length: 36, nullable: true, unique: true }) userId!: string | null;
  @Column('simple-json', { name: 'unit_codes' }) unitCodes!: string[];
  @Column('simple-json') duties!: Duty[];
  @Column('varchar', { length: 8 }) language!: 'zh-CN' | 'en';
  @Column('varchar', { name: 'time_zone', length: 64 }) timeZone!: string;
  @Column('simple-json', { name: 'quiet_hours', nullable: true }) quietHours!: QuietHours | null;
  // Informational reminders as one daily digest instead of one message each.
  @Column('boolean', { name: 'daily_digest', default: false }) dailyDigest!: boolean;
  @Column(instantColumn({ name: 'created_at' })) createdAt!: Date;
  @Column(instantColumn({ name: 'disabled_at', nullable: true })) disabledAt!: Date | null;
}
