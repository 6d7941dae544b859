import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { instantColumn } from '../column-types';

// One command (or sensitive read) as it reached the API (or the CLI), chained to the row before
// it: hash = HMAC-SHA256 under the key `key_id` names of prev_hash + canonical row (plain sha256
// for rows from before keys, which have no key id). Rows are only ever appended.
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
  // null: an intent row, written before the handler ran; its outcome row follows.
  @Column('integer', { nullable: true }) status!: number | null;
  @Column('text', { nullable: true }) before!: string | null;
  @Column('text', { nullable: true }) after!: string | null;
  @Column('integer', { name: 'intent_seq', nullable: true }) intentSeq!: number | null;
  @Column('varchar', { name: 'key_id', length: 16, nullable: true }) keyId!: string | null;
  @Column('varchar', { name: 'prev_hash', length: 64 }) prevHash!: string;
  @Column('varchar', { length: 64 }) hash!: string;
}
