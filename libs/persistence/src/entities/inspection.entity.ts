import { Column, Entity, PrimaryColumn } from 'typeorm';

// 巡视: the inspection whose findings a plan answers.
@Entity('inspections')
export class InspectionEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { length: 64, unique: true }) code!: string;
  @Column('varchar', { length: 500 }) name!: string;
  @Column('varchar', { name: 'inspecting_body', length: 200 }) inspectingBody!: string;
  @Column('varchar', { name: 'inspected_organisation', length: 200 }) inspectedOrganisation!: string;
  // Calendar days, as the inspection record gives them; no instant is implied.
  @Column('varchar', { name: 'on_site_from', length: 10 }) onSiteFrom!: string;
  @Column('varchar', { name: 'on_site_to', length: 10 }) onSiteTo!: string;
  @Column('varchar', { name: 'feedback_date', length: 10 }) feedbackDate!: string;
}
