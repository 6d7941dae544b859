import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Role } from '../../../domain/src/authorization';
import { instantColumn } from '../column-types';

// A token for an integration (or the CLI): a role and scope of its own, an expiry, revocable.
// Shown once when created; only its sha-256 is kept.
@Entity('api_tokens')
export class ApiTokenEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { length: 200 }) name!: string;
  @Column('varchar', { name: 'token_hash', length: 64, unique: true }) tokenHash!: string;
  @Column('varchar', { length: 16 }) role!: Role;
  @Column('simple-json', { name: 'unit_codes' }) unitCodes!: string[];
  @Column('varchar', { name: 'leader_name', length: 100, nullable: true }) leaderName!: string | null;
  // The principal that created it (a user id, an API token id, or `cli`).
  @Column('varchar', { name: 'created_by', length: 100 }) createdBy!: string;
  // The API token that created it, if one did (only before tokens lost that right): revoking a
  // token revokes every token it created, and theirs.
  @Column('varchar', { name: 'created_by_token_id', length: 36, nullable: true })
  createdByTokenId!: string | null;
  @Column(instantColumn({ name: 'created_at' })) createdAt!: Date;
  @Column(instantColumn({ name: 'expires_at' })) expiresAt!: Date;
  @Column(instantColumn({ name: 'revoked_at', nullable: true })) revokedAt!: Date | null;
}
