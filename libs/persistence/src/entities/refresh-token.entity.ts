import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { instantColumn } from '../column-types';

// One refresh token of a sign-in. Only its sha-256 is kept. Each use replaces it by a new one of
// the same family; presenting a replaced token again means it was copied, and ends the family.
@Entity('refresh_tokens')
@Index('ix_refresh_tokens_user', ['userId'])
@Index('ix_refresh_tokens_family', ['familyId'])
export class RefreshTokenEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { name: 'user_id', length: 36 }) userId!: string;
  @Column('varchar', { name: 'family_id', length: 36 }) familyId!: string;
  @Column('varchar', { name: 'token_hash', length: 64, unique: true }) tokenHash!: string;
  @Column(instantColumn({ name: 'created_at' })) createdAt!: Date;
  @Column(instantColumn({ name: 'expires_at' })) expiresAt!: Date;
  @Column(instantColumn({ name: 'revoked_at', nullable: true })) revokedAt!: Date | null;
}
