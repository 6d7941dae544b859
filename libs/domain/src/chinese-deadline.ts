// Deadlines as offices write them in a plan (完成时限): "9月底前", "2019年底前", "4月下旬",
// "6月30日前", "年内", "明年6月底前", "长期坚持", a time of day ("9月26日18:00前", "9月26日下午6点前",
// "当日17:30前") and "立即"/"立行立改". They are read relative to the plan's base year (the year of
// the inspection feedback, or `plan.baseYear`), because a plan written in January 2019 that says
// "9月底前" means September 2019; a time without a day ("18时前", "当日17:30前") falls on the
// feedback day, the day the office starts counting from.
import type { Track } from './track';

export interface DeadlineContext {
  // The year a deadline without a year falls in.
  readonly baseYear: number;
  // The problem's track, for deadlines that name no date ("长期坚持"); absent for milestones.
  readonly track?: Track;
  // The inspection's feedback date (YYYY-MM-DD): the day of "当日17:30前", the start of "立即".
  readonly feedbackDate?: string;
  // "立即"/"立行立改": due this many days after the feedback date. Absent: the default, assumed.
  readonly immediateWithinDays?: number;
}

export type ChineseDeadlineReading =
  | {
      readonly ok: true;
      readonly date: string;
      // A time of day (HH:MM, 00:00–24:00) on that date; absent: the whole day counts.
      readonly time?: string;
      readonly explanation: string;
      // The date was not written but assumed: a track default ("长期坚持"), or "立即" counted
      // with the default number of days.
      readonly assumed?: true;
      // Set when "立即" is read for a measure outside the immediate track.
      readonly warning?: string;
    }
  | { readonly ok: false; readonly message: string };

// "立即"/"立行立改" without plan.immediateWithinDays: due this many days after the feedback, the
// time offices commonly give 立行立改 items (half a month).
export const DEFAULT_IMMEDIATE_WITHIN_DAYS = 15;
export const IMMEDIATE_WORDS = ['立即', '立行立改', '立即整改', '即知即改', '立改'] as const;

// "长期坚持" and the like set no date. A measure still needs a deadline for its ladder, so it gets
// its track's default: the base year's end (the first time the lasting work is checked), or the
// next year's end for long-term 攻坚 work that follows a roadmap over more than one year.
export const NO_DEADLINE_WORDS = [
  '长期坚持',
  '长期',
  '持续推进',
  '长期推进',
  '常态化推进',
  '久久为功',
] as const;

// Whether a written deadline is one of the words that set no date ("长期坚持").
export function setsNoDate(text: string): boolean {
  return (NO_DEADLINE_WORDS as readonly string[]).includes(normalise(text));
}

export function trackDefaultDeadline(track: Track, baseYear: number): string {
  return track === 'long_term' ? `${baseYear + 1}-12-31` : `${baseYear}-12-31`;
}

const CN_DIGITS: Record<string, number> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
};

// "十二" → 12, "九" → 9, "12" → 12.
function number(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  if (text === '十') return 10;
  if (text.startsWith('十')) return 10 + CN_DIGITS[text[1]];
  if (text.endsWith('十')) return CN_DIGITS[text[0]] * 10;
  if (text.length === 3 && text[1] === '十') return CN_DIGITS[text[0]] * 10 + CN_DIGITS[text[2]];
  return CN_DIGITS[text] ?? NaN;
}

function normalise(text: string): string {
  return (
    text
      // Full-width digits and spaces, as Chinese input methods type them.
      .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
      .replace(/[\s\u3000]/g, '')
      // "by": 前, 以前, 之前, 为止, and a trailing 完成 ("9月底前完成").
      .replace(/(完成)$/, '')
      .replace(/(以前|之前|前|为止)$/, '')
      .replace(/^(于|在|截至|截止|到)/, '')
  );
}

function lastDay(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function iso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const NUM = '(\\d{1,2}|十[一二]?|[一二三四五六七八九]十?[一二三四五六七八九]?)';
// 2019年, or relative to the base year: 明年/次年 (the next), 今年/本年/当年 (the base year).
const YEAR = '(\\d{4}年|明年|次年|今年|本年|当年)?';
const PATTERNS: readonly {
  re: RegExp;
  read: (m: RegExpExecArray, ctx: DeadlineContext) => { y: number; mo: number; d?: number; why: string };
}[] = [
  {
    // 2019年6月30日, 6月30日
    re: new RegExp(`^${YEAR}${NUM}月${NUM}[日号]$`),
    read: (m, c) => ({ y: year(m[1], c), mo: number(m[2]), d: number(m[3]), why: 'that day' }),
  },
  {
    // 4月上旬 / 中旬 / 下旬: by the 10th, the 20th, the end of the month.
    re: new RegExp(`^${YEAR}${NUM}月(上|中|下)旬$`),
    read: (m, c) => {
      const mo = number(m[2]);
      const y = year(m[1], c);
      const part = m[3] as '上' | '中' | '下';
      const d = part === '上' ? 10 : part === '中' ? 20 : lastDay(y, mo);
      return {
        y,
        mo,
        d,
        why: `${part}旬 is read as by the ${part === '下' ? 'end of the month' : `${d}th`}`,
      };
    },
  },
  {
    // 9月底, 9月末, 9月份, 9月: by the end of that month.
    re: new RegExp(`^${YEAR}${NUM}月(?:底|末|份)?$`),
    read: (m, c) => ({ y: year(m[1], c), mo: number(m[2]), why: 'by the end of the month' }),
  },
  {
    // 上半年 / 下半年
    re: new RegExp(`^${YEAR}(上|下)半年(?:底|末)?$`),
    read: (m, c) => ({
      y: year(m[1], c),
      mo: m[2] === '上' ? 6 : 12,
      why: m[2] === '上' ? '上半年 is read as by 30 June' : '下半年 is read as by the end of the year',
    }),
  },
  {
    // 一季度, 第三季度末
    re: new RegExp(`^${YEAR}第?([一二三四1-4])季度(?:末|底)?$`),
    read: (m, c) => ({ y: year(m[1], c), mo: number(m[2]) * 3, why: 'by the end of the quarter' }),
  },
  {
    // 2019年底, 2019年, 年底, 年末, 年内, 今年内, 当年, 本年度
    re: /^(?:(\d{4})年(?:底|末|内)?|(?:今年|本年度?|当年)?(?:年底|年末|年内|内)|今年|当年|本年度?)$/,
    read: (m, c) => ({ y: year(m[1], c), mo: 12, why: 'by the end of the year' }),
  },
  {
    // 明年底, 次年底
    re: /^(?:明年|次年)(?:底|末|内)?$/,
    read: (_m, c) => ({ y: c.baseYear + 1, mo: 12, why: 'by the end of the following year' }),
  },
];

function year(text: string | undefined, ctx: DeadlineContext): number {
  if (text === '明年' || text === '次年') return ctx.baseYear + 1;
  return text && /^\d{4}/.test(text) ? Number(text.slice(0, 4)) : ctx.baseYear;
}

// A time of day at the end of a deadline: 18:00, 18时, 18时30分, 下午6点, 下午6点半, 六点.
const TIME = new RegExp(
  `(上午|早上|中午|下午|晚上|傍晚)?${NUM}(?:[:：](\\d{2})|时(?:(\\d{1,2})分)?|点(?:(\\d{1,2})分|(半))?)$`,
);
// The day a time without a date falls on: the feedback day.
const SAME_DAY = /^(?:当日|当天|)$/;

// Reads an office-written deadline; `null` when the text is not one of the Chinese forms at all
// (the caller then says what forms are accepted).
export function readChineseDeadline(text: string, ctx: DeadlineContext): ChineseDeadlineReading | null {
  const t = normalise(text);
  if ((IMMEDIATE_WORDS as readonly string[]).includes(t)) return immediate(text, ctx);
  const timed = TIME.exec(t);
  if (timed) return timeOfDay(text, t.slice(0, timed.index), timed, ctx);
  return dateOnly(text, t, ctx);
}

function dateOnly(text: string, t: string, ctx: DeadlineContext): ChineseDeadlineReading | null {
  if ((NO_DEADLINE_WORDS as readonly string[]).includes(t)) {
    if (!ctx.track)
      return {
        ok: false,
        message: `"${text}" sets no date; a milestone needs one (e.g. 2019-09-30, 9月底前)`,
      };
    const date = trackDefaultDeadline(ctx.track, ctx.baseYear);
    return {
      ok: true,
      date,
      explanation: `"${text}" sets no date: the ${ctx.track} track's default deadline ${date} applies`,
      assumed: true,
    };
  }
  for (const p of PATTERNS) {
    const m = p.re.exec(t);
    if (!m) continue;
    const r = p.read(m, ctx);
    if (!(r.mo >= 1 && r.mo <= 12))
      return { ok: false, message: `"${text}" names no month of the year (1–12)` };
    const d = r.d ?? lastDay(r.y, r.mo);
    if (!(d >= 1 && d <= lastDay(r.y, r.mo)))
      return {
        ok: false,
        message: `"${text}" is not a calendar date (${r.y}-${r.mo} has ${lastDay(r.y, r.mo)} days)`,
      };
    const date = iso(r.y, r.mo, d);
    const next = /^(明年|次年)/.test(t) ? `; ${t.slice(0, 2)} is ${r.y}, the year after ${ctx.baseYear}` : '';
    return { ok: true, date, explanation: `"${text}" → ${date}: ${r.why}${next}` };
  }
  return null;
}

// "9月26日18:00前": by that time of that day; "18时前", "当日17:30前": of the feedback day.
function timeOfDay(
  text: string,
  dayPart: string,
  m: RegExpExecArray,
  ctx: DeadlineContext,
): ChineseDeadlineReading | null {
  let date: string;
  let day: string;
  if (SAME_DAY.test(dayPart)) {
    if (!ctx.feedbackDate)
      return { ok: false, message: `"${text}" names no day, and there is no feedback date to read it on` };
    date = ctx.feedbackDate;
    day = `the feedback day ${date}`;
  } else {
    const d = dateOnly(text, dayPart, ctx);
    if (d === null || !d.ok) return d;
    // "9月底18:00前" names a month, not a day; only a day carries a time.
    if (!new RegExp(`${NUM}[日号]$`).test(dayPart))
      return { ok: false, message: `"${text}": a time of day needs a day (e.g. 9月26日18:00前)` };
    date = d.date;
    day = date;
  }
  const half = m[1];
  let hour = number(m[2]);
  const minute = Number(m[3] ?? m[4] ?? m[5] ?? (m[6] ? 30 : 0));
  if (half && ['下午', '晚上', '傍晚'].includes(half) && hour >= 1 && hour < 12) hour += 12;
  const valid = hour >= 0 && hour <= 24 && minute >= 0 && minute <= 59 && (hour < 24 || minute === 0);
  if (!valid)
    return {
      ok: false,
      message: `"${text}": ${hour}:${String(minute).padStart(2, '0')} is not a time of day (00:00–24:00)`,
    };
  const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  return { ok: true, date, time, explanation: `"${text}" → ${date} ${time}: by ${time} on ${day}` };
}

// "立即"/"立行立改": the feedback date plus plan.immediateWithinDays (default assumed), the whole
// last day counting. Meant for the immediate track; elsewhere it reads, with a warning.
function immediate(text: string, ctx: DeadlineContext): ChineseDeadlineReading {
  if (!ctx.feedbackDate)
    return { ok: false, message: `"${text}" counts from the feedback date, and there is none here` };
  const days = ctx.immediateWithinDays ?? DEFAULT_IMMEDIATE_WITHIN_DAYS;
  const date = new Date(Date.parse(`${ctx.feedbackDate}T00:00:00Z`) + days * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const assumed = ctx.immediateWithinDays === undefined;
  const how = assumed
    ? `${days} days (the default; set plan.immediateWithinDays to say otherwise)`
    : `${days} days (plan.immediateWithinDays)`;
  return {
    ok: true,
    date,
    explanation: `"${text}" → ${date}: the feedback date ${ctx.feedbackDate} + ${how}`,
    ...(assumed ? { assumed: true as const } : {}),
    ...(ctx.track && ctx.track !== 'immediate'
      ? {
          warning: `"${text}" is meant for the immediate track (立行立改), not ${ctx.track}: read as due ${date}`,
        }
      : {}),
  };
}
