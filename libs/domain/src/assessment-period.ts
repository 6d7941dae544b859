// The period a unit assessment (考评) covers: a month `2026-12`, a quarter `2026-Q4`, a year `2026`,
// or the days `from`–`to` (both YYYY-MM-DD, `to` included), in the plan's time zone. Each has a
// previous period of the same kind (the month, quarter or year before; for days, as many days just
// before `from`), whose ranks give the change in ranking.
import { startOfDayInZone } from './deadline';

export interface AssessmentPeriod {
  readonly key: string; // 2026-12, 2026-Q4, 2026, 2026-10-01..2026-12-31
  readonly startMs: number;
  readonly endMs: number; // not included: midnight after the last day
}

export type AssessmentPeriodChoice =
  | { readonly ok: true; readonly period: AssessmentPeriod; readonly previous: AssessmentPeriod }
  | { readonly ok: false; readonly path: 'period' | 'from' | 'to'; readonly message: string };

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

// Months [first, first + count) of a year; the month may overflow (startOfDayInZone carries it over).
function months(y: number, first: number, count: number, key: string, zone: string): AssessmentPeriod {
  return {
    key,
    startMs: startOfDayInZone(y, first, 1, zone),
    endMs: startOfDayInZone(y, first + count, 1, zone),
  };
}

function calendarPeriod(y: number, kind: 'month' | 'quarter' | 'year', n: number, zone: string) {
  if (kind === 'year') return months(y, 1, 12, String(y), zone);
  if (kind === 'quarter') return months(y, (n - 1) * 3 + 1, 3, `${y}-Q${n}`, zone);
  return months(y, n, 1, `${y}-${pad(n)}`, zone);
}

function day(text: string): { y: number; m: number; d: number } | null {
  const match = DATE.exec(text);
  if (!match) return null;
  const [y, m, d] = match.slice(1).map(Number);
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d ? { y, m, d } : null;
}

export function assessmentPeriod(
  input: { period?: string; from?: string; to?: string },
  zone: string,
): AssessmentPeriodChoice {
  const { period, from, to } = input;
  if (period !== undefined && (from !== undefined || to !== undefined))
    return { ok: false, path: 'period', message: 'give either period or from and to, not both' };
  if (period !== undefined) {
    let m: RegExpExecArray | null;
    if ((m = /^(\d{4})$/.exec(period))) {
      const y = Number(m[1]);
      return {
        ok: true,
        period: calendarPeriod(y, 'year', 1, zone),
        previous: calendarPeriod(y - 1, 'year', 1, zone),
      };
    }
    if ((m = /^(\d{4})-Q([1-4])$/.exec(period))) {
      const [y, q] = [Number(m[1]), Number(m[2])];
      const previous =
        q === 1 ? calendarPeriod(y - 1, 'quarter', 4, zone) : calendarPeriod(y, 'quarter', q - 1, zone);
      return { ok: true, period: calendarPeriod(y, 'quarter', q, zone), previous };
    }
    if ((m = /^(\d{4})-(\d{2})$/.exec(period)) && Number(m[2]) >= 1 && Number(m[2]) <= 12) {
      const [y, n] = [Number(m[1]), Number(m[2])];
      const previous =
        n === 1 ? calendarPeriod(y - 1, 'month', 12, zone) : calendarPeriod(y, 'month', n - 1, zone);
      return { ok: true, period: calendarPeriod(y, 'month', n, zone), previous };
    }
    return {
      ok: false,
      path: 'period',
      message: 'must be a month (2026-12), a quarter (2026-Q4) or a year (2026)',
    };
  }
  if (from === undefined && to === undefined)
    return { ok: false, path: 'period', message: 'is required (or from and to)' };
  const first = from === undefined ? null : day(from);
  if (!first) return { ok: false, path: 'from', message: 'must be a calendar date YYYY-MM-DD' };
  const last = to === undefined ? null : day(to);
  if (!last) return { ok: false, path: 'to', message: 'must be a calendar date YYYY-MM-DD' };
  if (`${to}` < `${from}`) return { ok: false, path: 'to', message: 'must not be before from' };
  const startMs = startOfDayInZone(first.y, first.m, first.d, zone);
  const endMs = startOfDayInZone(last.y, last.m, last.d + 1, zone);
  // As many calendar days just before `from` (a day may be 23 or 25 hours long across DST).
  const days =
    Math.round(
      (Date.UTC(last.y, last.m - 1, last.d) - Date.UTC(first.y, first.m - 1, first.d)) / 86_400_000,
    ) + 1;
  const before = new Date(Date.UTC(first.y, first.m - 1, first.d - days));
  const beforeLast = new Date(Date.UTC(first.y, first.m - 1, first.d - 1));
  const iso = (t: Date) => `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
  return {
    ok: true,
    period: { key: `${from}..${to}`, startMs, endMs },
    previous: {
      key: `${iso(before)}..${iso(beforeLast)}`,
      startMs: startOfDayInZone(before.getUTCFullYear(), before.getUTCMonth() + 1, before.getUTCDate(), zone),
      endMs: startMs,
    },
  };
}
