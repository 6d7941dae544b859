// Deadlines the plan did not write but Rectify assumed ("长期坚持" → the track's default, "立即"
// → the feedback date + the default days), and 长期坚持 measures followed by periodic reviews
// only: the ledger and the bulletin say so, so nobody takes them for the office's own dates.
import type { MeasureAsOf, PlanReport } from './plan-report';

export const ASSUMED_DEADLINE_NOTE = '（期限为系统默认）';
export const REVIEWS_ONLY_NOTE = '定期评估，不设完成时限';

type DueFacts = Pick<MeasureAsOf, 'dueDate' | 'dueTime' | 'dueAssumed' | 'reviewsOnly'>;

// The ledger's 截止日期 cell and the bulletin's 完成时限 date: the day, the time of day when one
// was written, and the note when assumed.
export function dueShown(r: DueFacts): string {
  if (r.reviewsOnly) return REVIEWS_ONLY_NOTE;
  return `${r.dueDate}${r.dueTime ? ` ${r.dueTime}` : ''}${r.dueAssumed ? ASSUMED_DEADLINE_NOTE : ''}`;
}

// The bulletin's sentences on assumed deadlines and reviews-only measures; null when neither.
export function assumedDeadlineSentence(r: Pick<PlanReport, 'measureRows'>): string | null {
  const live = r.measureRows.filter((m) => m.status !== 'withdrawn');
  const assumed = live.filter((m) => m.dueAssumed && !m.reviewsOnly);
  const reviewed = live.filter((m) => m.reviewsOnly).length;
  const out: string[] = [];
  if (assumed.length) {
    const written = [...new Set(assumed.map((m) => `“${m.dueWritten}”`))].join('、');
    out.push(
      `另有${assumed.length}项整改措施方案未写明具体完成时限（${written}），` +
        '其期限为系统默认，以各措施所列日期督办。',
    );
  }
  if (reviewed) out.push(`${reviewed}项长期坚持的整改措施不设完成时限，实行定期评估。`);
  return out.length ? out.join('') : null;
}
