// A deadline in a plan document: an ISO date or instant, or a Chinese form ("9月底前",
// "9月26日18:00前", "立行立改") read relative to the plan's base year and feedback date. One reading
// for validation, import, diff and the dry run.
import { readChineseDeadline, type DeadlineContext } from './chinese-deadline';
import { readDeadline, startOfDayInZone } from './deadline';
import type { Track } from './track';

export type PlanDeadlineReading =
  | {
      readonly ok: true;
      readonly dueAt: Date;
      // Set when the text was a Chinese form: the calendar date it was read as, and why.
      readonly date?: string;
      // A time of day on that date (HH:MM), when the form named one.
      readonly time?: string;
      readonly explanation?: string;
      // The date was assumed, not written ("长期坚持", "立即" with the default days).
      readonly assumed?: true;
      // Read, but worth the office's attention ("立即" outside the immediate track).
      readonly warning?: string;
    }
  | { readonly ok: false; readonly message: string };

const ISO_LIKE = /^\d{4}-\d{2}-\d{2}/;

// The parts of a plan (PlanDefinition) its deadlines are read against.
export interface PlanDeadlineFacts {
  readonly plan: { readonly baseYear?: number; readonly immediateWithinDays?: number };
  readonly inspection: { readonly feedbackDate: string };
}

// What a plan's deadlines are read against: its base year, feedback date and 立即 days.
export function planDeadlineContext(plan: PlanDeadlineFacts, track?: Track): DeadlineContext {
  return {
    baseYear: plan.plan.baseYear ?? Number(plan.inspection.feedbackDate.slice(0, 4)),
    feedbackDate: plan.inspection.feedbackDate,
    ...(plan.plan.immediateWithinDays === undefined
      ? {}
      : { immediateWithinDays: plan.plan.immediateWithinDays }),
    ...(track ? { track } : {}),
  };
}

export function readPlanDeadline(text: string, zone: string, ctx: DeadlineContext): PlanDeadlineReading {
  if (ISO_LIKE.test(text)) return readDeadline(text, zone);
  const chinese = readChineseDeadline(text, ctx);
  if (!chinese) {
    return {
      ok: false,
      message:
        `"${text}" is not a deadline Rectify can read: write a date (2019-09-30), an instant with ` +
        'offset (2019-09-30T18:00:00+08:00) or a form such as 9月底前, 6月30日前, 9月26日18:00前, ' +
        '4月下旬, 2019年底前, 明年6月底前, 年内, 立行立改, 长期坚持',
    };
  }
  if (!chinese.ok) return chinese;
  const { date, time, explanation, assumed, warning } = chinese;
  const extra = { ...(assumed ? { assumed } : {}), ...(warning ? { warning } : {}) };
  if (time) {
    const [y, mo, d] = date.split('-').map(Number);
    const [h, mi] = time.split(':').map(Number);
    const dueAt = new Date(startOfDayInZone(y, mo, d, zone) + (h * 60 + mi) * 60_000);
    return { ok: true, dueAt, date, time, explanation, ...extra };
  }
  const r = readDeadline(date, zone);
  return r.ok ? { ok: true, dueAt: r.dueAt, date, explanation, ...extra } : r;
}
