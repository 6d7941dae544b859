import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

// A post (职务) such as 分管副省长 in a unit: plans name leaders by post; the office maps each post
// to its holder. A post held by no one is a gap the office sees, not a silent drop.
@Entity('posts')
@Index('ux_posts_unit_title', ['unitCode', 'title'], { unique: true })
export class PostEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { name: 'unit_code', length: 64 }) unitCode!: string;
  @Column('varchar', { length: 100 }) title!: string;
  @Column('varchar', { name: 'holder_person_id', length: 36, nullable: true }) holderPersonId!: string | null;
}
