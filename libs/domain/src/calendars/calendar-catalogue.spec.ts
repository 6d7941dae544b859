import { validateCalendar } from '../working-calendar';
import {
  BUILT_IN_CALENDAR_CODES,
  builtInCalendar,
  builtInCalendarSources,
  CALENDAR_CODE,
} from './calendar-catalogue';
import { chinaCalendar, CN_HOLIDAY_SCHEDULES } from './china-calendar';

describe('the calendar catalogue', () => {
  it('ships CN with every year that has an official schedule', () => {
    expect(BUILT_IN_CALENDAR_CODES).toEqual(['CN']);
    expect(builtInCalendar('CN')).toEqual(chinaCalendar(CN_HOLIDAY_SCHEDULES.map((s) => s.year)));
    expect(builtInCalendar('CN')?.holidays).toContain('2026-10-01');
  });

  it('says where each year of CN comes from', () => {
    expect(builtInCalendarSources('CN')).toEqual([
      expect.objectContaining({
        year: 2026,
        url: expect.stringContaining('gov.cn'),
        takenFrom: 'chinese-days@1.5.7',
      }),
    ]);
    expect(builtInCalendarSources('XX')).toEqual([]);
  });

  it.each(BUILT_IN_CALENDAR_CODES)('ships %s as a valid calendar under its own code', (code) => {
    const cal = builtInCalendar(code);
    expect(cal?.code).toBe(code);
    expect(validateCalendar(cal)).toEqual({ ok: true, calendar: cal });
  });

  it.each(['cn', 'XX', 'toString', '__proto__', ''])('has no built-in calendar %j', (code) => {
    expect(builtInCalendar(code)).toBeNull();
  });

  it.each<[string, boolean]>([
    ['CN', true],
    ['GS-2026', true],
    ['cn.office_hours', true],
    ['A'.repeat(32), true],
    ['A'.repeat(33), false],
    ['-CN', false],
    ['CN 2026', false],
    ['中国', false],
    ['', false],
  ])('reads %j as a calendar code: %s', (code, ok) => {
    expect(CALENDAR_CODE.test(code)).toBe(ok);
  });
});
