// Reporting periods (报告周期) in the plan's time zone: 日调度 daily, 周调度 weekly (Monday to
// Sunday), 旬报告 ten-daily (1–10, 11–20, 21 to the month's end) and 月通报 monthly. A period runs
// from local midnight of its first day up to (not including) local midnight after its last day.
// Pure and deterministic: the plan-cadence workflow computes its timers with these functions.
import { startOfDayInZone, zoneOffsetMs } from './deadline';
import { addIsoDuration } from './iso-duration';

export const REPORTING_CADENCES = ['daily', 'weekly', 'ten_daily', 'monthly'] as const;
export type ReportingCadence = (typeof REPORTING_CADENCES)[number];

export interface ReportingPeriod {
  readonly cadence: ReportingCadence;
  // Names the period in URLs and idempotency keys: 2026-03-05, 2026-W10, 2026-03-T2, 2026-03.
  readonly key: string;
  readonly startMs: number;
  // The period closes at this instant; it belongs to the next period.
  readonly endMs: number;
}

const DAY_MS = 86_400_000;

interface LocalDate {
  readonly y: number;
  readonly m: number;
  readonly d: number;
}

export function periodAt(ms: number, cadence: ReportingCadence, zone: string): ReportingPeriod {
  const { y, m, d } = localDate(ms, zone);
  const at = (day: LocalDate) => startOfDayInZone(day.y, day.m, day.d, zone);
  switch (cadence) {
    case 'daily':
      return { cadence, key: dateKey(y, m, d), startMs: at({ y, m, d }), endMs: at({ y, m, d: d + 1 }) };
    case 'weekly': {
      const monday = d - isoWeekday(y, m, d);
      const week = isoWeek(y, m, monday);
      return {
        cadence,
        key: `${week.year}-W${pad(week.week)}`,
        startMs: at({ y, m, d: monday }),
        endMs: at({ y, m, d: monday + 7 }),
      };
    }
    case 'ten_daily': {
      const third = d <= 10 ? 1 : d <= 20 ? 2 : 3;
      const first = (third - 1) * 10 + 1;
      const end = third === 3 ? { y, m: m + 1, d: 1 } : { y, m, d: first + 10 };
      return { cadence, key: `${y}-${pad(m)}-T${third}`, startMs: at({ y, m, d: first }), endMs: at(end) };
    }
    case 'monthly':
      return {
        cadence,
        key: `${y}-${pad(m)}`,
        startMs: at({ y, m, d: 1 }),
        endMs: at({ y, m: m + 1, d: 1 }),
      };
  }
}

// The period that begins when this one closes.
export function nextPeriod(p: ReportingPeriod, zone: string): ReportingPeriod {
  return periodAt(p.endMs, p.cadence, zone);
}

const KEY_PATTERNS: Record<ReportingCadence, RegExp> = {
  daily: /^(\d{4})-(\d{2})-(\d{2})$/,
  weekly: /^(\d{4})-W(\d{2})$/,
  ten_daily: /^(\d{4})-(\d{2})-T([123])$/,
  monthly: /^(\d{4})-(\d{2})$/,
};

// The period a key names, or null for a key that names none (2026-02-30, 2026-W54, 2026-13).
export function periodOfKey(key: string, cadence: ReportingCadence, zone: string): ReportingPeriod | null {
  const match = KEY_PATTERNS[cadence].exec(key);
  if (!match) return null;
  const [a, b, c] = match.slice(1).map(Number);
  let first: LocalDate;
  if (cadence === 'weekly') {
    // ISO week 1 is the week with 4 January in it.
    const jan4 = 4 - isoWeekday(a, 1, 4);
    first = { y: a, m: 1, d: jan4 + (b - 1) * 7 };
  } else if (b < 1 || b > 12) {
    return null;
  } else {
    first = { y: a, m: b, d: cadence === 'daily' ? c : cadence === 'ten_daily' ? (c - 1) * 10 + 1 : 1 };
  }
  const p = periodAt(startOfDayInZone(first.y, first.m, first.d, zone), cadence, zone);
  return p.key === key ? p : null;
}

// When units that have not reported are reminded: `lead` (an ISO-8601 duration such as P1D or
// PT30S) before the period closes, but not before the period begins.
export function reminderAt(p: ReportingPeriod, lead: string): number {
  return Math.max(p.startMs, addIsoDuration(p.endMs, `-${lead}`));
}

// The first period a cadence judges when it starts at `startMs`: the current one, unless its
// reminder time has passed; then the next, so every unit has at least the reminder lead to report.
export function firstPeriod(
  startMs: number,
  cadence: ReportingCadence,
  zone: string,
  lead: string,
): ReportingPeriod {
  const current = periodAt(startMs, cadence, zone);
  return startMs < reminderAt(current, lead) ? current : nextPeriod(current, zone);
}

// How a bulletin names the period: 2026年3月5日, 2026年第10周, 2026年3月中旬, 2026年3月.
export function periodLabel(p: Pick<ReportingPeriod, 'cadence' | 'key'>): string {
  const [a, b, c] = KEY_PATTERNS[p.cadence].exec(p.key)?.slice(1).map(Number) ?? [];
  switch (p.cadence) {
    case 'daily':
      return `${a}年${b}月${c}日`;
    case 'weekly':
      return `${a}年第${b}周`;
    case 'ten_daily':
      return `${a}年${b}月${['上', '中', '下'][c - 1]}旬`;
    case 'monthly':
      return `${a}年${b}月`;
  }
}

// The period's first and last local days, YYYY-MM-DD.
export function periodDays(p: ReportingPeriod, zone: string): { first: string; last: string } {
  const day = (ms: number) => {
    const { y, m, d } = localDate(ms, zone);
    return dateKey(y, m, d);
  };
  return { first: day(p.startMs), last: day(p.endMs - 1) };
}

function localDate(ms: number, zone: string): LocalDate {
  const local = new Date(ms + zoneOffsetMs(zone, ms));
  return { y: local.getUTCFullYear(), m: local.getUTCMonth() + 1, d: local.getUTCDate() };
}

// Monday 0 … Sunday 6; the day may overflow its month (Date.UTC carries it over).
function isoWeekday(y: number, m: number, d: number): number {
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

// The ISO week-numbering year and week of the week starting on this Monday: the year of its Thursday.
function isoWeek(y: number, m: number, monday: number): { year: number; week: number } {
  const thursday = new Date(Date.UTC(y, m - 1, monday + 3));
  const year = thursday.getUTCFullYear();
  return { year, week: 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS / 7) };
}

function dateKey(y: number, m: number, d: number): string {
  const date = new Date(Date.UTC(y, m - 1, d));
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
