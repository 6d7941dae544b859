import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { instantColumn } from '../column-types';

// Aggregate figures a body enters for a period when its cases are handled outside Rectify
// (labelled "entered" wherever they are shown). One row per body, period and plan (none: the
// body's own figures); entering again replaces the row, and the audit log keeps what it was.
@Entity('entered_discipline_figures')
@Index('ix_entered_discipline_figures_body', ['bodyCode', 'periodFrom'])
export class EnteredDisciplineFiguresEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { name: 'body_code', length: 64 }) bodyCode!: string;
  // Calendar dates YYYY-MM-DD, both days included.
  @Column('varchar', { name: 'period_from', length: 10 }) periodFrom!: string;
  @Column('varchar', { name: 'period_to', length: 10 }) periodTo!: string;
  // Figures entered for one plan's bulletin; null: the body's figures for the period.
  @Column('varchar', { name: 'plan_id', length: 36, nullable: true }) planId!: string | null;
  @Column('integer') cases!: number;
  @Column('integer') persons!: number;
  @Column('integer', { name: 'party_or_government_sanctions' }) partyOrGovernmentSanctions!: number;
  @Column('integer', { name: 'organisational_handling' }) organisationalHandling!: number;
  @Column('integer', { name: 'held_accountable' }) heldAccountable!: number;
  @Column('integer', { name: 'judicial_referrals' }) judicialReferrals!: number;
  @Column('text', { nullable: true }) note!: string | null;
  @Column('varchar', { name: 'entered_by', length: 200 }) enteredBy!: string;
  @Column(instantColumn({ name: 'entered_at' })) enteredAt!: Date;
}
