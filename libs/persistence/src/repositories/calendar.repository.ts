import { DataSource } from 'typeorm';
import { builtInCalendar } from '../../../domain/src/calendars/calendar-catalogue';
import type { WorkingCalendar } from '../../../domain/src/working-calendar';
import { CalendarEntity } from '../entities/calendar.entity';
import { canonicalJson } from '../stable-id';
import { connectionSafeTransaction } from '../serialized-write';

export interface SavedCalendar {
  readonly row: CalendarEntity;
  // False when the stored calendar already had this content: the row is left as it was.
  readonly changed: boolean;
}

// The working calendars the office keeps, keyed by code.
export class CalendarRepository {
  constructor(private readonly ds: DataSource) {}

  list(): Promise<CalendarEntity[]> {
    return this.ds.getRepository(CalendarEntity).find({ order: { code: 'ASC' } });
  }

  find(code: string): Promise<CalendarEntity | null> {
    return this.ds.getRepository(CalendarEntity).findOneBy({ code });
  }

  // Stores a validated calendar under its own code, replacing what was there.
  save(definition: WorkingCalendar, updatedBy: string): Promise<SavedCalendar> {
    return connectionSafeTransaction(this.ds, async (em) => {
      const existing = await em.findOneBy(CalendarEntity, { code: definition.code });
      if (existing && canonicalJson(existing.definition) === canonicalJson(definition))
        return { row: existing, changed: false };
      const row: CalendarEntity = { code: definition.code, definition, updatedAt: new Date(), updatedBy };
      if (existing) await em.update(CalendarEntity, { code: row.code }, row as never);
      else await em.insert(CalendarEntity, row);
      return { row, changed: true };
    });
  }

  // What a plan naming `code` runs on: the office's calendar of that code, else the built-in one;
  // null when there is neither.
  async resolve(code: string): Promise<WorkingCalendar | null> {
    return (await this.find(code))?.definition ?? builtInCalendar(code);
  }
}
