import { Inject, Injectable } from '@nestjs/common';
import { BUILT_IN_CALENDAR_CODES } from '../../../../libs/domain/src/calendars/calendar-catalogue';
import { CalendarRepository } from '../../../../libs/persistence/src/repositories/calendar.repository';
import { CalendarView, calendarView } from './calendar-view';

// Every calendar a plan may name: the built-in ones (CN) and the office's own, by code.
@Injectable()
export class ListCalendarsUseCase {
  constructor(@Inject(CalendarRepository) private readonly calendars: CalendarRepository) {}

  async execute(): Promise<{ items: CalendarView[] }> {
    const stored = new Map((await this.calendars.list()).map((c) => [c.code, c]));
    const codes = [...new Set([...BUILT_IN_CALENDAR_CODES, ...stored.keys()])].sort();
    return {
      items: codes
        .map((code) => calendarView(code, stored.get(code) ?? null))
        .filter((v): v is CalendarView => v !== null),
    };
  }
}
