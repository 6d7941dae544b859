// The default calendar for plans in the PRC: Saturday and Sunday off, plus the State Council's
// schedule for each year Rectify ships. Later years are loaded by the office through the API.
import { DEFAULT_TIME_ZONE } from '../deadline';
import type { WorkingCalendar } from '../working-calendar';
import { CN_2026 } from './cn-2026';

export interface OfficialHolidaySchedule {
  readonly year: number;
  // Where the days come from, so a reviewer can check them against the notice.
  readonly source: {
    readonly notice: string;
    readonly issuedOn: string;
    readonly url: string;
    readonly takenFrom: string;
  };
  readonly holidays: readonly string[];
  readonly workdays: readonly string[];
}

export const CN_HOLIDAY_SCHEDULES: readonly OfficialHolidaySchedule[] = [CN_2026];

// Refuses a year without a shipped schedule: a calendar that silently treated Spring Festival
// as working days would send reminders nobody reads.
export function chinaCalendar(years: readonly number[], timeZone = DEFAULT_TIME_ZONE): WorkingCalendar {
  const schedules = years.map((year) => {
    const schedule = CN_HOLIDAY_SCHEDULES.find((s) => s.year === year);
    if (!schedule) {
      const shipped = CN_HOLIDAY_SCHEDULES.map((s) => s.year).join(', ');
      throw new Error(`no official holiday schedule is shipped for ${year} (shipped: ${shipped})`);
    }
    return schedule;
  });
  return {
    code: 'CN',
    timeZone,
    weekend: [6, 7],
    holidays: schedules.flatMap((s) => s.holidays),
    workdays: schedules.flatMap((s) => s.workdays),
  };
}
