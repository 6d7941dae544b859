import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { instantColumn } from '../column-types';

// 佐证材料: an uploaded file, stored by its sha-256 outside any web root. The row says who
// uploaded what for which measure; identical content is stored once.
@Entity('evidence')
@Index('ix_evidence_measure', ['measureId'])
export class EvidenceEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { length: 64 }) sha256!: string;
  @Column('varchar', { name: 'content_type', length: 100 }) contentType!: string;
  @Column('integer') size!: number;
  @Column('varchar', { name: 'original_name', length: 255 }) originalName!: string;
  @Column('varchar', { name: 'measure_id', length: 36 }) measureId!: string;
  @Column('varchar', { name: 'uploader_id', length: 100 }) uploaderId!: string;
  @Column('varchar', { name: 'uploader_role', length: 16 }) uploaderRole!: string;
  @Column(instantColumn({ name: 'uploaded_at' })) uploadedAt!: Date;
}
