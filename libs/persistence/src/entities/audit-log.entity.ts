import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { instantColumn } from '../column-types';

// One command as it reached the API (or the CLI), chained to the row before it:
// hash = sha256(prev_hash + canonical row). Rows are only ever appended.
@Entity('audit_log')
@Index('ix_audit_log_occurred', ['occurredAt'])
export class AuditLogEntity {
  // Position in the chain, 1, 2, 3…: two appends can never claim the same predecessor.
  @PrimaryColumn('integer') seq!: number;
  @Column(instantColumn({ name: 'occurred_at' })) occurredAt!: Date;
  @Column('varchar', { name: 'principal_kind', length: 16 }) principalKind!: string;
  @Column('varchar', { name: 'principal_id', length: 100 }) principalId!: string;
  @Column('varchar', { length: 16 }) role!: string;
  @Column('varchar', { length: 64, nullable: true }) action!: string | null;
  @Column('varchar', { length: 10 }) method!: string;
  @Column('varchar', { length: 2000 }) path!: string;
  // Canonical JSON text, hashed exactly as stored.
  @Column('text', { name: 'target_ids' }) targetIds!: string;
  @Column('varchar', { length: 64, nullable: true }) ip!: string | null;
  @Column('varchar', { name: 'user_agent', length: 300, nullable: true }) userAgent!: string | null;
  @Column('integer') status!: number;
  @Column('text', { nullable: true }) before!: string | null;
  @Column('text', { nullable: true }) after!: string | null;
  @Column('varchar', { name: 'prev_hash', length: 64 }) prevHash!: string;
  @Column('varchar', { length: 64 }) hash!: string;
}
