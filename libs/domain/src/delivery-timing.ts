// When a notice may reach a person: escalation notices (催办 and above) at once, whatever the
// person's settings; informational ones outside the person's quiet hours, or in their daily digest.
import { startOfDayInZone, zoneOffsetMs } from './deadline';
import type { QuietHours } from './recipients';

export interface DeliveryPreferences {
  readonly timeZone: string;
  readonly quietHours: QuietHours | null;
  readonly dailyDigest: boolean;
}

export type Urgency = 'escalation' | 'informational';

// The daily digest goes out at this local time.
export const DIGEST_AT = '08:00';

const minutesOf = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
};

export function isClockTime(text: unknown): text is string {
  return typeof text === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(text);
}

// The instant a notice planned at `nowMs` may be delivered, and whether it joins the digest.
export function deliveryTime(
  nowMs: number,
  prefs: DeliveryPreferences,
  urgency: Urgency,
): { notBeforeMs: number; digest: boolean } {
  if (urgency === 'escalation') return { notBeforeMs: nowMs, digest: false };
  if (prefs.dailyDigest)
    return { notBeforeMs: nextLocalTime(nowMs, prefs.timeZone, DIGEST_AT), digest: true };
  const q = prefs.quietHours;
  if (!q) return { notBeforeMs: nowMs, digest: false };
  const local = localMinutes(nowMs, prefs.timeZone);
  const from = minutesOf(q.from);
  const to = minutesOf(q.to);
  const quiet = from <= to ? local >= from && local < to : local >= from || local < to;
  return { notBeforeMs: quiet ? nextLocalTime(nowMs, prefs.timeZone, q.to) : nowMs, digest: false };
}

function localMinutes(utcMs: number, zone: string): number {
  const local = new Date(utcMs + zoneOffsetMs(zone, utcMs));
  return local.getUTCHours() * 60 + local.getUTCMinutes();
}

// The first instant from `utcMs` on at which the local clock in `zone` reads `hhmm`.
function nextLocalTime(utcMs: number, zone: string, hhmm: string): number {
  const local = new Date(utcMs + zoneOffsetMs(zone, utcMs));
  const at = (dayShift: number) => {
    const d = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + dayShift));
    return (
      startOfDayInZone(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), zone) +
      minutesOf(hhmm) * 60_000
    );
  };
  const today = at(0);
  return today >= utcMs ? today : at(1);
}
