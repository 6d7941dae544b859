import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { instantColumn } from '../column-types';

// Where a person is told besides the in-app inbox (always there): an e-mail address, or a webhook
// endpoint such as a chat robot, signed with its own secret.
@Entity('person_channels')
@Index('ix_person_channels_person', ['personId'])
export class PersonChannelEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { name: 'person_id', length: 36 }) personId!: string;
  @Column('varchar', { length: 16 }) kind!: 'email' | 'webhook';
  @Column('varchar', { length: 500 }) address!: string;
  // Webhooks: the HMAC-SHA256 key of the signature header; never returned by the API.
  @Column('varchar', { length: 200, nullable: true }) secret!: string | null;
  @Column(instantColumn({ name: 'created_at' })) createdAt!: Date;
  @Column(instantColumn({ name: 'disabled_at', nullable: true })) disabledAt!: Date | null;
}
