import { chinaCalendar } from './calendars/china-calendar';
import {
  addWorkingDays,
  isWorkingDay,
  isWorkingMoment,
  offsetFrom,
  parseWorkingDayOffset,
  previousWorkingMoment,
  validateCalendar,
  WorkingCalendar,
} from './working-calendar';

const CN = chinaCalendar([2026]);
const CN_OFFICE: WorkingCalendar = { ...CN, workingHours: { from: '09:00', to: '17:00' } };
// Behind UTC and with daylight saving (EDT from 8 March 2026), unlike Asia/Shanghai.
const NEW_YORK: WorkingCalendar = {
  code: 'US-NY',
  timeZone: 'America/New_York',
  weekend: [6, 7],
  holidays: [],
  workdays: [],
};
const SEVEN_DAYS: WorkingCalendar = { ...NEW_YORK, weekend: [] };
const NEW_YORK_OFFICE: WorkingCalendar = { ...NEW_YORK, workingHours: { from: '09:00', to: '17:00' } };

// Instants are written with their offset, and compared as ISO strings so a failure reads as a time.
const at = (text: string): number => Date.parse(text);
const iso = (ms: number): string => new Date(ms).toISOString();

describe('working calendar', () => {
  describe('working days in the 2026 PRC calendar', () => {
    it.each<[string, string, boolean]>([
      ['2026-03-09', 'Monday', true],
      ['2026-03-10', 'Tuesday', true],
      ['2026-03-11', 'Wednesday', true],
      ['2026-03-12', 'Thursday', true],
      ['2026-03-13', 'Friday', true],
      ['2026-03-14', 'Saturday', false],
      ['2026-03-15', 'Sunday', false],
      ['2026-02-17', 'Tuesday, Spring Festival', false],
      ['2026-02-23', 'Monday, last day of Spring Festival', false],
      ['2026-10-01', 'Thursday, National Day', false],
      ['2026-10-07', 'Wednesday, National Day week', false],
      ['2026-02-14', 'Saturday, 调休 for Spring Festival', true],
      ['2026-02-28', 'Saturday, 调休 for Spring Festival', true],
      ['2026-05-09', 'Saturday, 调休 for Labour Day', true],
      ['2026-10-10', 'Saturday, 调休 for National Day', true],
      ['2026-01-04', 'Sunday, 调休 for New Year', true],
      ['2026-09-20', 'Sunday, 调休 for National Day', true],
    ])('%s (%s) working: %s', (date, _what, working) => {
      expect(isWorkingDay(CN, date)).toBe(working);
    });

    // 2026-03-09 is a Monday, so the ISO weekday w falls on 2026-03-(8 + w).
    it.each([1, 2, 3, 4, 5, 6, 7])('a weekend of ISO weekday %d rests that day only', (weekday) => {
      const cal: WorkingCalendar = { ...NEW_YORK, weekend: [weekday] };
      const week = [1, 2, 3, 4, 5, 6, 7].map((w) =>
        isWorkingDay(cal, `2026-03-${String(8 + w).padStart(2, '0')}`),
      );
      expect(week).toEqual([1, 2, 3, 4, 5, 6, 7].map((w) => w !== weekday));
    });

    it.each(['2026-02-30', '2026-13-01', '2026-3-9', 'tomorrow'])('refuses %s as a date', (date) => {
      expect(() => isWorkingDay(CN, date)).toThrow(`${date} is not a calendar date`);
    });
  });

  describe('working moments', () => {
    it.each<[string, WorkingCalendar, string, boolean]>([
      ['whole days', CN, '2026-03-13T23:59:59+08:00', true],
      ['whole days', CN, '2026-03-14T10:00+08:00', false],
      ['office hours', CN_OFFICE, '2026-03-13T08:59:59+08:00', false],
      ['office hours', CN_OFFICE, '2026-03-13T09:00+08:00', true],
      ['office hours', CN_OFFICE, '2026-03-13T17:00+08:00', true],
      ['office hours', CN_OFFICE, '2026-03-13T17:00:00.001+08:00', false],
      ['office hours', CN_OFFICE, '2026-02-14T10:00+08:00', true],
      ['office hours', CN_OFFICE, '2026-10-08T10:00+08:00', true],
      ['office hours', CN_OFFICE, '2026-10-05T10:00+08:00', false],
      // The same instant is Friday 16:00 in New York and Saturday 04:00 in Shanghai.
      ['New York office', NEW_YORK_OFFICE, '2026-03-13T20:00Z', true],
      ['Shanghai', CN, '2026-03-13T20:00Z', false],
    ])('%s: %s working: %s', (_what, cal, instant, working) => {
      expect(isWorkingMoment(cal, at(instant))).toBe(working);
    });
  });

  describe('adding working days', () => {
    it.each<[string, WorkingCalendar, string, number, string]>([
      ['next day', CN, '2026-03-09T10:00+08:00', 1, '2026-03-10T10:00+08:00'],
      ['over a weekend', CN, '2026-03-13T10:00+08:00', 1, '2026-03-16T10:00+08:00'],
      ['a working week', CN, '2026-03-13T10:00+08:00', 5, '2026-03-20T10:00+08:00'],
      ['from a Saturday, forward', CN, '2026-03-14T10:00+08:00', 1, '2026-03-16T10:00+08:00'],
      ['from a Saturday, back', CN, '2026-03-14T10:00+08:00', -1, '2026-03-13T10:00+08:00'],
      ['from a Sunday, back', CN, '2026-03-15T10:00+08:00', -1, '2026-03-13T10:00+08:00'],
      ['zero on a Saturday', CN, '2026-03-14T10:00+08:00', 0, '2026-03-14T10:00+08:00'],
      ['into the 调休 Sunday', CN, '2026-09-18T10:00+08:00', 1, '2026-09-20T10:00+08:00'],
      ['over National Day', CN, '2026-09-30T10:00+08:00', 1, '2026-10-08T10:00+08:00'],
      // A date-only deadline of 30 September is due at midnight starting 1 October, a holiday.
      ['from a holiday midnight', CN, '2026-10-01T00:00+08:00', 3, '2026-10-10T00:00+08:00'],
      ['back onto the 调休 Saturday', CN, '2026-10-12T09:00+08:00', -1, '2026-10-10T09:00+08:00'],
      ['back over the 调休 Saturday', CN, '2026-10-12T09:00+08:00', -2, '2026-10-09T09:00+08:00'],
      ['back to after the holiday', CN, '2026-10-12T09:00+08:00', -3, '2026-10-08T09:00+08:00'],
      ['back over National Day', CN, '2026-10-12T09:00+08:00', -4, '2026-09-30T09:00+08:00'],
      ['back further', CN, '2026-10-12T09:00+08:00', -5, '2026-09-29T09:00+08:00'],
      ['back over Spring Festival', CN, '2026-02-24T10:00+08:00', -1, '2026-02-14T10:00+08:00'],
      ['Friday evening in New York', NEW_YORK, '2026-03-13T20:00-04:00', 1, '2026-03-16T20:00-04:00'],
      ['over the change to EDT', NEW_YORK, '2026-03-06T09:00-05:00', 1, '2026-03-09T09:00-04:00'],
      // 05:00 on the morning clocks change: a wall time that a single offset lookup misplaces.
      ['onto the change to EDT', SEVEN_DAYS, '2026-03-07T05:00-05:00', 1, '2026-03-08T05:00-04:00'],
      ['back over the change to EDT', NEW_YORK, '2026-03-09T09:00-04:00', -1, '2026-03-06T09:00-05:00'],
    ])('%s: %s %+d', (_what, cal, from, n, to) => {
      expect(iso(addWorkingDays(cal, at(from), n))).toBe(iso(at(to)));
    });

    it('counts only whole days', () => {
      expect(() => addWorkingDays(CN, at('2026-03-09T10:00+08:00'), 1.5)).toThrow('whole, got 1.5');
    });

    it('refuses, rather than searches forever, when no day of the week is worked', () => {
      const never: WorkingCalendar = { ...NEW_YORK, code: 'NEVER', weekend: [1, 2, 3, 4, 5, 6, 7] };
      expect(() => addWorkingDays(never, at('2026-03-09T10:00Z'), 1)).toThrow(
        'calendar NEVER has no working day within 7 days after 2026-03-09',
      );
    });
  });

  describe('the previous working moment', () => {
    it.each<[string, WorkingCalendar, string, string]>([
      ['a working moment stays', CN_OFFICE, '2026-10-08T10:00+08:00', '2026-10-08T10:00+08:00'],
      ['the 调休 Saturday is worked', CN_OFFICE, '2026-10-10T10:00+08:00', '2026-10-10T10:00+08:00'],
      ['closing time is worked', CN_OFFICE, '2026-10-09T17:00+08:00', '2026-10-09T17:00+08:00'],
      ['Saturday, whole days', CN, '2026-03-14T09:00+08:00', '2026-03-13T09:00+08:00'],
      ['Saturday, office hours', CN_OFFICE, '2026-03-14T09:00+08:00', '2026-03-13T17:00+08:00'],
      ['National Day week, whole days', CN, '2026-10-03T09:00+08:00', '2026-09-30T09:00+08:00'],
      ['National Day week, office hours', CN_OFFICE, '2026-10-04T09:00+08:00', '2026-09-30T17:00+08:00'],
      ['before opening after the holiday', CN_OFFICE, '2026-10-08T08:00+08:00', '2026-09-30T17:00+08:00'],
      ['after closing', CN_OFFICE, '2026-10-08T18:00+08:00', '2026-10-08T17:00+08:00'],
      ['Sunday after the 调休 Saturday', CN_OFFICE, '2026-10-11T10:00+08:00', '2026-10-10T17:00+08:00'],
      // Monday 02:00 UTC is still Sunday evening in New York.
      ['Sunday evening in New York', NEW_YORK_OFFICE, '2026-03-16T02:00Z', '2026-03-13T17:00-04:00'],
    ])('%s: %s → %s', (_what, cal, from, to) => {
      const moved = previousWorkingMoment(cal, at(from));
      expect(iso(moved)).toBe(iso(at(to)));
      expect(isWorkingMoment(cal, moved)).toBe(true);
    });
  });

  describe('working-day offsets', () => {
    it.each<[string, number | null]>([
      ['P3WD', 3],
      ['-P1WD', -1],
      ['+P2WD', 2],
      ['P0WD', 0],
      ['-P0WD', 0],
      ['P999WD', 999],
      ['P1000WD', null],
      ['P3D', null],
      ['-P1D', null],
      ['P3wd', null],
      ['PWD', null],
      ['P1.5WD', null],
      ['P-3WD', null],
      ['P3WDT2H', null],
      [' P3WD', null],
      ['', null],
    ])('reads %j as %p', (text, days) => {
      expect(parseWorkingDayOffset(text)).toBe(days);
    });

    const DUE = at('2026-10-01T00:00+08:00');
    it.each<[string, WorkingCalendar | null, string]>([
      ['-P1D', null, '2026-09-30T00:00+08:00'],
      ['-P1D', CN, '2026-09-30T00:00+08:00'],
      ['PT0S', null, '2026-10-01T00:00+08:00'],
      ['P3D', CN, '2026-10-04T00:00+08:00'],
      ['P3WD', CN, '2026-10-10T00:00+08:00'],
      ['-P2WD', CN, '2026-09-29T00:00+08:00'],
    ])('places %s from a 1 October deadline (calendar: %p)', (offset, cal, fires) => {
      expect(iso(offsetFrom(DUE, offset, cal))).toBe(iso(at(fires)));
    });

    it('refuses a working-day offset without a calendar, naming it', () => {
      expect(() => offsetFrom(DUE, '-P2WD', null)).toThrow(
        'offset -P2WD counts working days, but no working calendar applies',
      );
    });

    it('refuses an offset in neither syntax', () => {
      expect(() => offsetFrom(DUE, '3 days', CN)).toThrow('"3 days" is not an ISO-8601 duration');
    });
  });

  describe('validating a calendar', () => {
    it('fills the defaults of a minimal calendar', () => {
      expect(validateCalendar({ code: 'X', timeZone: 'Asia/Shanghai' })).toEqual({
        ok: true,
        calendar: { code: 'X', timeZone: 'Asia/Shanghai', weekend: [6, 7], holidays: [], workdays: [] },
      });
    });

    it('keeps working hours, and reads null as whole days', () => {
      const base = { code: 'X', timeZone: 'America/New_York' };
      const hours = { from: '08:30', to: '17:30' };
      expect(validateCalendar({ ...base, workingHours: hours })).toMatchObject({
        ok: true,
        calendar: { workingHours: hours },
      });
      const whole = validateCalendar({ ...base, workingHours: null });
      expect(whole.ok && 'workingHours' in whole.calendar).toBe(false);
    });

    it('accepts the shipped PRC calendar', () => {
      expect(validateCalendar(CN)).toEqual({ ok: true, calendar: CN });
    });

    const VALID = { code: 'X', timeZone: 'Asia/Shanghai' };
    it.each<[string, unknown, string, string]>([
      ['not an object', null, '', 'a calendar is a JSON object'],
      ['a list', [], '', 'a calendar is a JSON object'],
      ['an unknown field', { ...VALID, holiday: [] }, 'holiday', 'unknown field'],
      ['no code', { timeZone: 'Asia/Shanghai' }, 'code', 'a non-empty string is required'],
      ['a blank code', { ...VALID, code: ' ' }, 'code', 'a non-empty string is required'],
      ['no time zone', { code: 'X' }, 'timeZone', 'undefined is not an IANA time zone'],
      ['an unknown time zone', { ...VALID, timeZone: 'Mars/Olympus' }, 'timeZone', 'not an IANA time zone'],
      ['a weekend that is not a list', { ...VALID, weekend: 6 }, 'weekend', 'a list of ISO weekdays'],
      ['weekday 0', { ...VALID, weekend: [0] }, 'weekend[0]', '0 is not an ISO weekday'],
      ['weekday 8', { ...VALID, weekend: [6, 8] }, 'weekend[1]', '8 is not an ISO weekday'],
      ['a fractional weekday', { ...VALID, weekend: [6.5] }, 'weekend[0]', '6.5 is not an ISO weekday'],
      ['a weekday as text', { ...VALID, weekend: ['6'] }, 'weekend[0]', '"6" is not an ISO weekday'],
      ['a week without work', { ...VALID, weekend: [1, 2, 3, 4, 5, 6, 7] }, 'weekend', 'every day'],
      ['holidays not a list', { ...VALID, holidays: '2026-10-01' }, 'holidays', 'a list of dates'],
      ['an impossible holiday', { ...VALID, holidays: ['2026-02-30'] }, 'holidays[0]', '"2026-02-30" is not'],
      [
        'month 13',
        { ...VALID, holidays: ['2026-10-01', '2026-13-01'] },
        'holidays[1]',
        'not a calendar date',
      ],
      ['an unpadded date', { ...VALID, holidays: ['2026-2-3'] }, 'holidays[0]', 'not a calendar date'],
      ['a date as a number', { ...VALID, holidays: [20261001] }, 'holidays[0]', 'not a calendar date'],
      ['workdays not a list', { ...VALID, workdays: null }, 'workdays', 'a list of dates'],
      ['an impossible workday', { ...VALID, workdays: ['2027-02-29'] }, 'workdays[0]', 'not a calendar date'],
      [
        'a day both off and worked',
        { ...VALID, holidays: ['2026-10-01', '2026-10-10'], workdays: ['2026-09-20', '2026-10-10'] },
        'workdays[1]',
        '2026-10-10 is listed both as a holiday and as a working day',
      ],
      ['hours not an object', { ...VALID, workingHours: '09:00-17:00' }, 'workingHours', 'an object'],
      [
        'an unpadded hour',
        { ...VALID, workingHours: { from: '9:00', to: '17:00' } },
        'workingHours.from',
        '"9:00"',
      ],
      ['hour 24', { ...VALID, workingHours: { from: '09:00', to: '24:00' } }, 'workingHours.to', '"24:00"'],
      ['minute 60', { ...VALID, workingHours: { from: '09:60', to: '17:00' } }, 'workingHours.from', 'HH:MM'],
      ['a missing end', { ...VALID, workingHours: { from: '09:00' } }, 'workingHours.to', 'undefined is not'],
      [
        'hours past midnight',
        { ...VALID, workingHours: { from: '22:00', to: '06:00' } },
        'workingHours.to',
        'must be after 22:00',
      ],
      [
        'hours of no length',
        { ...VALID, workingHours: { from: '09:00', to: '09:00' } },
        'workingHours.to',
        'after',
      ],
    ])('refuses %s at %j', (_what, input, path, message) => {
      const result = validateCalendar(input);
      expect(result.ok).toBe(false);
      const problems = result.ok ? [] : result.problems;
      expect(problems).toEqual([{ path, message: expect.stringContaining(message) }]);
    });

    it('names every problem at once', () => {
      const result = validateCalendar({
        code: '',
        timeZone: 'Nowhere',
        weekend: [9],
        holidays: ['2026-02-30'],
        workdays: ['2026-02-30'],
        workingHours: { from: '18:00', to: '09:00' },
      });
      expect(result.ok ? [] : result.problems.map((p) => p.path)).toEqual([
        'code',
        'timeZone',
        'weekend[0]',
        'holidays[0]',
        'workdays[0]',
        'workdays[0]',
        'workingHours.to',
      ]);
    });
  });
});
