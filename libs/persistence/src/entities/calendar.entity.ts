import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { WorkingCalendar } from '../../../domain/src/working-calendar';
import { instantColumn } from '../column-types';

// 工作日历: a working calendar the office keeps (weekends, holidays, 调休 days). A stored `CN`
// replaces the built-in one, e.g. to add a year the State Council has just published.
@Entity('calendars')
export class CalendarEntity {
  @PrimaryColumn('varchar', { length: 32 }) code!: string;
  @Column('simple-json') definition!: WorkingCalendar;
  @Column(instantColumn({ name: 'updated_at' })) updatedAt!: Date;
  @Column('varchar', { name: 'updated_by', length: 200 }) updatedBy!: string;
}
