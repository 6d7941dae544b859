import { Column, Entity, PrimaryColumn } from 'typeorm';
import { instantColumn } from '../column-types';

// The one key of the one row: at most one setup token exists, whichever replica minted it.
export const FIRST_ADMIN_SETUP = 'first-admin';

// The one-time token that creates the first admin (POST /auth/setup), while no account exists.
// Only its sha-256 is kept; the token itself is in the file of the replica that minted it.
@Entity('setup_tokens')
export class SetupTokenEntity {
  @PrimaryColumn('varchar', { length: 32 }) id!: string;
  @Column('varchar', { name: 'token_hash', length: 64 }) tokenHash!: string;
  @Column(instantColumn({ name: 'created_at' })) createdAt!: Date;
  @Column(instantColumn({ name: 'expires_at' })) expiresAt!: Date;
}
