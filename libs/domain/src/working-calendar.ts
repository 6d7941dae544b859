// Working-day calendars (工作日历): weekends, public holidays and make-up working days (调休), so
// escalation offsets can count working days and reminders can avoid days nobody reads them.
// Pure and deterministic: imported by workflow code, so no Node modules and no clock.
import { isValidTimeZone, zoneOffsetMs } from './deadline';
import { addIsoDuration } from './iso-duration';

export interface WorkingHours {
  // Local 'HH:MM'. Both ends are working moments: `to` is the instant the office closes.
  readonly from: string;
  readonly to: string;
}

// JSON-only, so a workflow can carry it in its state and the office can edit it through the API.
export interface WorkingCalendar {
  readonly code: string;
  readonly timeZone: string;
  // ISO weekdays (1 Monday … 7 Sunday) not worked unless listed in `workdays`.
  readonly weekend: readonly number[];
  // 'YYYY-MM-DD' days off, read in `timeZone`.
  readonly holidays: readonly string[];
  // 'YYYY-MM-DD' days worked even on a weekend (调休).
  readonly workdays: readonly string[];
  readonly workingHours?: WorkingHours;
}

export const DEFAULT_WEEKEND: readonly number[] = [6, 7];

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;
// At most three digits, so a typo cannot keep a workflow counting days for centuries.
const WORKING_DAY_OFFSET = /^([+-])?P(\d{1,3})WD$/;

// Days are counted as days since 1970-01-01 of the local calendar, so stepping is plain arithmetic.
function dayNumber(text: string): number | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  // Date.UTC rolls 2026-02-30 over to March; a real date survives the round trip.
  return new Date(ms).toISOString().slice(0, 10) === text ? ms / DAY_MS : null;
}

const dateOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

const isoWeekday = (day: number): number => ((new Date(day * DAY_MS).getUTCDay() + 6) % 7) + 1;

const clockMs = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h * 60 + m) * 60_000;
};

// The wall clock in the calendar's zone, as milliseconds on a UTC time line.
const toLocal = (cal: WorkingCalendar, utcMs: number): number => utcMs + zoneOffsetMs(cal.timeZone, utcMs);

// Back from the wall clock; the second pass settles times next to a daylight-saving change.
function toUtc(cal: WorkingCalendar, localMs: number): number {
  const first = localMs - zoneOffsetMs(cal.timeZone, localMs);
  return localMs - zoneOffsetMs(cal.timeZone, first);
}

function isWorkingDayNumber(cal: WorkingCalendar, day: number): boolean {
  const date = dateOf(day);
  if (cal.workdays.includes(date)) return true;
  if (cal.holidays.includes(date)) return false;
  return !cal.weekend.includes(isoWeekday(day));
}

// The nearest working day strictly after (`step` 1) or before (`step` -1) `day`.
function nearestWorkingDay(cal: WorkingCalendar, day: number, step: 1 | -1): number {
  // Of (holidays + 1) weeks in a row, one holds no holiday, and it holds a working day unless
  // the weekend is all seven days: past this bound the calendar has none, so refuse, not hang.
  const limit = (cal.holidays.length + 1) * 7;
  for (let i = 1; i <= limit; i++) {
    if (isWorkingDayNumber(cal, day + i * step)) return day + i * step;
  }
  throw new Error(
    `calendar ${cal.code} has no working day within ${limit} days ${step > 0 ? 'after' : 'before'} ${dateOf(day)}`,
  );
}

export function isWorkingDay(cal: WorkingCalendar, date: string): boolean {
  const day = dayNumber(date);
  if (day === null) throw new Error(`${date} is not a calendar date (YYYY-MM-DD)`);
  return isWorkingDayNumber(cal, day);
}

// A working day and, when the calendar sets working hours, between them (both ends included).
export function isWorkingMoment(cal: WorkingCalendar, utcMs: number): boolean {
  const local = toLocal(cal, utcMs);
  const day = Math.floor(local / DAY_MS);
  if (!isWorkingDayNumber(cal, day)) return false;
  if (!cal.workingHours) return true;
  const time = local - day * DAY_MS;
  return time >= clockMs(cal.workingHours.from) && time <= clockMs(cal.workingHours.to);
}

// Moves `n` working days (back when negative), keeping the local time of day. The start day is
// never counted, so from a Saturday +1 is the next working day (Monday) and -1 the last one
// (Friday); 0 returns the start unchanged, working day or not.
export function addWorkingDays(cal: WorkingCalendar, utcMs: number, n: number): number {
  if (!Number.isInteger(n)) throw new Error(`working days are counted whole, got ${n}`);
  if (n === 0) return utcMs;
  const local = toLocal(cal, utcMs);
  let day = Math.floor(local / DAY_MS);
  const time = local - day * DAY_MS;
  for (let i = 0; i < Math.abs(n); i++) day = nearestWorkingDay(cal, day, n > 0 ? 1 : -1);
  return toUtc(cal, day * DAY_MS + time);
}

// Where a reminder that falls outside working time goes instead: the moment itself if it is a
// working moment. Otherwise, with working hours, the last close (`to`) before it, the same day's
// when it is a working day after hours; without working hours, the same time of day on the
// previous working day, because the last instant of that day (23:59) is no time for a reminder.
export function previousWorkingMoment(cal: WorkingCalendar, utcMs: number): number {
  if (isWorkingMoment(cal, utcMs)) return utcMs;
  if (!cal.workingHours) return addWorkingDays(cal, utcMs, -1);
  const local = toLocal(cal, utcMs);
  const day = Math.floor(local / DAY_MS);
  const close = clockMs(cal.workingHours.to);
  const afterHours = isWorkingDayNumber(cal, day) && local - day * DAY_MS > close;
  return toUtc(cal, (afterHours ? day : nearestWorkingDay(cal, day, -1)) * DAY_MS + close);
}

// `P3WD`: three working days after the deadline; `-P1WD`: one working day before. Null for
// anything else, an ISO duration included.
export function parseWorkingDayOffset(text: string): number | null {
  const m = WORKING_DAY_OFFSET.exec(text);
  if (!m) return null;
  const n = Number(m[2]);
  // `0 - n` rather than `-n`: `-P0WD` is zero, not the -0 that toBe(0) and Object.is tell apart.
  return m[1] === '-' ? 0 - n : n;
}

// The instant a ladder step fires: an ISO duration (`-P1D`, `PT0S`) is added as it always was; a
// working-day offset needs the plan's calendar and is refused without one.
export function offsetFrom(dueAtMs: number, offset: string, cal: WorkingCalendar | null): number {
  const workingDays = parseWorkingDayOffset(offset);
  if (workingDays === null) return addIsoDuration(dueAtMs, offset);
  if (!cal) throw new Error(`offset ${offset} counts working days, but no working calendar applies`);
  return addWorkingDays(cal, dueAtMs, workingDays);
}

export interface CalendarProblem {
  readonly path: string;
  readonly message: string;
}

export type CalendarValidation =
  | { readonly ok: true; readonly calendar: WorkingCalendar }
  | { readonly ok: false; readonly problems: readonly CalendarProblem[] };

const CALENDAR_FIELDS = ['code', 'timeZone', 'weekend', 'holidays', 'workdays', 'workingHours'];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// Every reason a calendar from the API or a data file cannot be used, each at its path, so the
// office can fix them all at once. `weekend` defaults to Saturday and Sunday, the day lists to
// none, and a missing or null `workingHours` to whole days.
export function validateCalendar(input: unknown): CalendarValidation {
  if (!isRecord(input))
    return { ok: false, problems: [{ path: '', message: 'a calendar is a JSON object' }] };
  const problems: CalendarProblem[] = [];
  const refuse = (path: string, message: string) => problems.push({ path, message });
  const { code, timeZone, weekend = DEFAULT_WEEKEND, holidays = [], workdays = [], workingHours } = input;

  for (const key of Object.keys(input)) {
    if (!CALENDAR_FIELDS.includes(key))
      refuse(key, `unknown field; a calendar has ${CALENDAR_FIELDS.join(', ')}`);
  }
  if (typeof code !== 'string' || code.trim() === '') refuse('code', 'a non-empty string is required');
  if (typeof timeZone !== 'string' || !isValidTimeZone(timeZone)) {
    refuse('timeZone', `${JSON.stringify(timeZone)} is not an IANA time zone such as Asia/Shanghai`);
  }

  if (!Array.isArray(weekend)) {
    refuse('weekend', 'a list of ISO weekdays (1 Monday … 7 Sunday) is required');
  } else {
    weekend.forEach((d: unknown, i) => {
      if (!Number.isInteger(d) || (d as number) < 1 || (d as number) > 7) {
        refuse(`weekend[${i}]`, `${JSON.stringify(d)} is not an ISO weekday (1 Monday … 7 Sunday)`);
      }
    });
    if ([1, 2, 3, 4, 5, 6, 7].every((d) => weekend.includes(d))) {
      refuse('weekend', 'every day of the week is a weekend day; a calendar needs working days');
    }
  }

  for (const [field, days] of [
    ['holidays', holidays],
    ['workdays', workdays],
  ] as const) {
    if (!Array.isArray(days)) {
      refuse(field, 'a list of dates (YYYY-MM-DD) is required');
      continue;
    }
    days.forEach((d: unknown, i) => {
      if (typeof d !== 'string' || dayNumber(d) === null) {
        refuse(`${field}[${i}]`, `${JSON.stringify(d)} is not a calendar date (YYYY-MM-DD)`);
      }
    });
  }
  if (Array.isArray(holidays) && Array.isArray(workdays)) {
    workdays.forEach((d: unknown, i) => {
      if (holidays.includes(d))
        refuse(`workdays[${i}]`, `${d} is listed both as a holiday and as a working day`);
    });
  }

  if (workingHours != null) {
    if (!isRecord(workingHours)) {
      refuse('workingHours', 'an object { "from": "HH:MM", "to": "HH:MM" } is required');
    } else {
      const clockOk = (field: 'from' | 'to'): boolean => {
        const value = workingHours[field];
        if (typeof value === 'string' && CLOCK.test(value)) return true;
        refuse(
          `workingHours.${field}`,
          `${JSON.stringify(value)} is not a time of day (HH:MM, 00:00 to 23:59)`,
        );
        return false;
      };
      const fromOk = clockOk('from');
      const toOk = clockOk('to');
      if (fromOk && toOk && clockMs(workingHours.to as string) <= clockMs(workingHours.from as string)) {
        refuse(
          'workingHours.to',
          `must be after ${workingHours.from}: working hours do not run past midnight`,
        );
      }
    }
  }

  if (problems.length > 0) return { ok: false, problems };
  const hours = workingHours as WorkingHours | null | undefined;
  return {
    ok: true,
    calendar: {
      code: code as string,
      timeZone: timeZone as string,
      weekend: [...(weekend as number[])],
      holidays: [...(holidays as string[])],
      workdays: [...(workdays as string[])],
      ...(hours ? { workingHours: { from: hours.from, to: hours.to } } : {}),
    },
  };
}
