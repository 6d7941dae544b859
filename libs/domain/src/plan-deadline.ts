// A deadline in a plan document: an ISO date or instant, or a Chinese form ("9月底前") read
// relative to the plan's base year. One reading for validation, import, diff and the dry run.
import { readChineseDeadline, type DeadlineContext } from './chinese-deadline';
import { readDeadline } from './deadline';

export type PlanDeadlineReading =
  | {
      readonly ok: true;
      readonly dueAt: Date;
      // Set when the text was a Chinese form: the calendar date it was read as, and why.
      readonly date?: string;
      readonly explanation?: string;
    }
  | { readonly ok: false; readonly message: string };

const ISO_LIKE = /^\d{4}-\d{2}-\d{2}/;

export function readPlanDeadline(text: string, zone: string, ctx: DeadlineContext): PlanDeadlineReading {
  if (ISO_LIKE.test(text)) return readDeadline(text, zone);
  const chinese = readChineseDeadline(text, ctx);
  if (!chinese) {
    return {
      ok: false,
      message:
        `"${text}" is not a deadline Rectify can read: write a date (2019-09-30), an instant with ` +
        'offset (2019-09-30T18:00:00+08:00) or a form such as 9月底前, 6月30日前, 4月下旬, 2019年底前, 年内, 长期坚持',
    };
  }
  if (!chinese.ok) return chinese;
  const r = readDeadline(chinese.date, zone);
  return r.ok ? { ok: true, dueAt: r.dueAt, date: chinese.date, explanation: chinese.explanation } : r;
}
