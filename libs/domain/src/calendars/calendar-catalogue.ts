// Which working calendars exist without the office writing one: `CN`, the PRC's, for every year
// Rectify ships a schedule of. A calendar the office stores under the same code replaces it (e.g.
// with next year's schedule once the State Council publishes it).
import type { WorkingCalendar } from '../working-calendar';
import { chinaCalendar, CN_HOLIDAY_SCHEDULES, OfficialHolidaySchedule } from './china-calendar';

// Where a built-in calendar's days come from, year by year, so a reviewer can check them.
export type CalendarSource = { readonly year: number } & OfficialHolidaySchedule['source'];

// A calendar code: a plan names it, the API's path carries it, the calendars table keys on it.
export const CALENDAR_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;
export const CALENDAR_CODE_RULE =
  'must be 1–32 letters, digits, ".", "_" or "-", starting with a letter or digit';

const BUILT_IN: Record<string, { build: () => WorkingCalendar; sources: readonly CalendarSource[] }> = {
  CN: {
    build: () => chinaCalendar(CN_HOLIDAY_SCHEDULES.map((s) => s.year)),
    sources: CN_HOLIDAY_SCHEDULES.map((s) => ({ year: s.year, ...s.source })),
  },
};

export const BUILT_IN_CALENDAR_CODES: readonly string[] = Object.keys(BUILT_IN);

export function builtInCalendar(code: string): WorkingCalendar | null {
  return Object.hasOwn(BUILT_IN, code) ? BUILT_IN[code].build() : null;
}

export function builtInCalendarSources(code: string): readonly CalendarSource[] {
  return Object.hasOwn(BUILT_IN, code) ? BUILT_IN[code].sources : [];
}
