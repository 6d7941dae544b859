import {
  builtInCalendar,
  builtInCalendarSources,
  type CalendarSource,
} from '../../../../libs/domain/src/calendars/calendar-catalogue';
import type { WorkingCalendar } from '../../../../libs/domain/src/working-calendar';
import type { CalendarEntity } from '../../../../libs/persistence/src/entities/calendar.entity';

export interface CalendarView {
  readonly code: string;
  // Shipped with Rectify (CN); `overridden` when the office stored its own version of it.
  readonly builtIn: boolean;
  readonly overridden: boolean;
  // Where a built-in calendar's days come from, year by year; empty for the office's own.
  readonly sources: readonly CalendarSource[];
  readonly updatedAt: string | null;
  readonly updatedBy: string | null;
  readonly calendar: WorkingCalendar;
}

// A calendar as the API shows it: the office's stored row wins over the built-in calendar.
export function calendarView(code: string, stored: CalendarEntity | null): CalendarView | null {
  const builtIn = builtInCalendar(code);
  const calendar = stored?.definition ?? builtIn;
  if (!calendar) return null;
  return {
    code,
    builtIn: builtIn !== null,
    overridden: builtIn !== null && stored !== null,
    sources: stored ? [] : builtInCalendarSources(code),
    updatedAt: stored?.updatedAt.toISOString() ?? null,
    updatedBy: stored?.updatedBy ?? null,
    calendar,
  };
}
