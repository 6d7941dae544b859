// The shipped schedules against the `chinese-days` package they were taken from (a dev
// dependency only): a test that fails when either side changes without the other.
import chineseDays from 'chinese-days';
import packageData from 'chinese-days/dist/chinese-days.json';
import packageJson from 'chinese-days/package.json';
import { isWorkingDay } from '../working-calendar';
import { chinaCalendar, CN_HOLIDAY_SCHEDULES } from './china-calendar';

const DAY_MS = 86_400_000;
const daysOfYear = (year: number): string[] => {
  const days: string[] = [];
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += DAY_MS) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
};
const keysOfYear = (days: Record<string, string>, year: number): string[] =>
  Object.keys(days)
    .filter((d) => d.startsWith(`${year}-`))
    .sort();

describe('the shipped PRC holiday schedules', () => {
  describe.each(CN_HOLIDAY_SCHEDULES.map((s) => [s.year, s] as const))('%d', (year, schedule) => {
    it('lists the days the package lists', () => {
      expect([...schedule.holidays].sort()).toEqual(keysOfYear(packageData.holidays, year));
      expect([...schedule.workdays].sort()).toEqual(keysOfYear(packageData.workdays, year));
    });

    it('agrees with the package on every day of the year', () => {
      const cal = chinaCalendar([year]);
      const disagree = daysOfYear(year).filter((d) => isWorkingDay(cal, d) !== chineseDays.isWorkday(d));
      expect(disagree).toEqual([]);
    });

    it('names the package version it was taken from', () => {
      expect(schedule.source.takenFrom).toBe(`chinese-days@${packageJson.version}`);
    });

    it('moves work only onto weekends', () => {
      const weekdays = schedule.workdays.map((d) => new Date(`${d}T00:00Z`).getUTCDay());
      expect(weekdays.every((w) => w === 0 || w === 6)).toBe(true);
    });
  });

  it('builds the CN calendar in Asia/Shanghai unless told', () => {
    const cal = chinaCalendar([2026]);
    expect(cal).toMatchObject({ code: 'CN', timeZone: 'Asia/Shanghai', weekend: [6, 7] });
    expect(chinaCalendar([2026], 'Asia/Urumqi').timeZone).toBe('Asia/Urumqi');
  });

  it('refuses a year it has no schedule for', () => {
    expect(() => chinaCalendar([2026, 2027])).toThrow(
      'no official holiday schedule is shipped for 2027 (shipped: 2026)',
    );
  });
});
