// ISO-8601 durations as plan policies write them: `P7D`, `PT30S`, `-P1D` (before the deadline).
// Pure and deterministic: imported by workflow code, so no Node modules and no clock.

export interface IsoDuration {
  readonly sign: 1 | -1;
  readonly years: number;
  readonly months: number;
  readonly weeks: number;
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
  readonly seconds: number;
}

const PATTERN =
  /^([+-])?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,3})?)S)?)?$/;

export class InvalidDurationError extends Error {
  constructor(readonly text: string) {
    super(`"${text}" is not an ISO-8601 duration such as P7D, PT30S or -P1D`);
  }
}

export function parseIsoDuration(text: string): IsoDuration {
  const m = PATTERN.exec(text);
  // `P` and `PT` alone match the pattern but say nothing.
  if (!m || text.endsWith('P') || text.endsWith('T')) throw new InvalidDurationError(text);
  const n = (i: number): number => (m[i] === undefined ? 0 : Number(m[i]));
  return {
    sign: m[1] === '-' ? -1 : 1,
    years: n(2),
    months: n(3),
    weeks: n(4),
    days: n(5),
    hours: n(6),
    minutes: n(7),
    seconds: n(8),
  };
}

export function isIsoDuration(text: string): boolean {
  try {
    parseIsoDuration(text);
    return true;
  } catch {
    return false;
  }
}

// Years and months are calendar units, so they are applied on the UTC calendar (a month after
// 31 Jan is the last day of February); weeks, days and smaller units are fixed lengths.
// Days are 24 h: Rectify's default zone (Asia/Shanghai) has no daylight saving.
export function addIsoDuration(instantMs: number, text: string): number {
  const d = parseIsoDuration(text);
  let t = instantMs;
  if (d.years || d.months) {
    const date = new Date(t);
    const totalMonths = date.getUTCMonth() + d.sign * (d.years * 12 + d.months);
    const year = date.getUTCFullYear() + Math.floor(totalMonths / 12);
    const month = ((totalMonths % 12) + 12) % 12;
    const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
    const day = Math.min(date.getUTCDate(), lastDay);
    t = Date.UTC(
      year,
      month,
      day,
      date.getUTCHours(),
      date.getUTCMinutes(),
      date.getUTCSeconds(),
      date.getUTCMilliseconds(),
    );
  }
  const fixedMs =
    ((d.weeks * 7 + d.days) * 86_400 + d.hours * 3_600 + d.minutes * 60) * 1_000 +
    Math.round(d.seconds * 1_000);
  return t + d.sign * fixedMs;
}
