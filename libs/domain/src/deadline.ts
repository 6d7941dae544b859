// Deadlines are written as offices write them: a calendar day ("by 30 September") read in the
// plan's time zone, or an exact instant. Stored and compared as UTC instants.

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
// An instant must say its offset, so nothing depends on the server's own zone.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

// Building a formatter costs far more than using one: a plan of thousands of deadlines reads
// them all in one zone.
const formats = new Map<string, Intl.DateTimeFormat>();
function zoneFormat(zone: string): Intl.DateTimeFormat {
  let f = formats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(zone, f);
  }
  return f;
}

// Offset of `zone` from UTC at `utcMs`, in milliseconds (positive east of Greenwich).
export function zoneOffsetMs(zone: string, utcMs: number): number {
  const parts = zoneFormat(zone).formatToParts(new Date(utcMs));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

// Wall-clock midnight at the start of the given day in `zone`, as a UTC instant. Remembered per
// zone and day: a plan's thousands of deadlines fall on far fewer days, and each reading costs
// two formatToParts. Bounded, as the days asked for are unbounded.
const midnights = new Map<string, number>();
const MIDNIGHTS_KEPT = 4096;
export function startOfDayInZone(year: number, month: number, day: number, zone: string): number {
  const key = `${zone} ${year} ${month} ${day}`;
  const known = midnights.get(key);
  if (known !== undefined) return known;
  const guess = Date.UTC(year, month - 1, day);
  const first = guess - zoneOffsetMs(zone, guess);
  // A second pass settles zones whose offset differs on either side of the guess.
  const midnight = guess - zoneOffsetMs(zone, first);
  if (midnights.size >= MIDNIGHTS_KEPT) midnights.clear();
  midnights.set(key, midnight);
  return midnight;
}

export type DeadlineReading = { ok: true; dueAt: Date } | { ok: false; message: string };

// "2019-09-30" means the whole of that day counts: due at the next midnight in the plan's zone.
export function readDeadline(text: string, zone: string): DeadlineReading {
  const dateOnly = DATE_ONLY.exec(text);
  if (dateOnly) {
    const [y, m, d] = [Number(dateOnly[1]), Number(dateOnly[2]), Number(dateOnly[3])];
    const probe = new Date(Date.UTC(y, m - 1, d));
    if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) {
      return { ok: false, message: `${text} is not a calendar date` };
    }
    return { ok: true, dueAt: new Date(startOfDayInZone(y, m, d + 1, zone)) };
  }
  if (INSTANT.test(text)) {
    const ms = Date.parse(text);
    if (Number.isNaN(ms)) return { ok: false, message: `${text} is not a valid instant` };
    return { ok: true, dueAt: new Date(ms) };
  }
  return {
    ok: false,
    message: `"${text}" is neither a date (YYYY-MM-DD) nor an instant with offset (e.g. 2019-09-30T18:00:00+08:00)`,
  };
}
