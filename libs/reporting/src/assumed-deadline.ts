// Deadlines the plan did not write but Rectify assumed ("长期坚持" → the track's default, "立即"
// → the feedback date + the default days): the ledger and the bulletin say so, so nobody takes
// them for the office's own dates.
import type { MeasureAsOf, PlanReport } from './plan-report';

export const ASSUMED_DEADLINE_NOTE = '（期限为系统默认）';

// The ledger's 截止日期 cell and the bulletin's 完成时限 date: the day, the time of day when one
// was written, and the note when assumed.
export function dueShown(r: Pick<MeasureAsOf, 'dueDate' | 'dueTime' | 'dueAssumed'>): string {
  return `${r.dueDate}${r.dueTime ? ` ${r.dueTime}` : ''}${r.dueAssumed ? ASSUMED_DEADLINE_NOTE : ''}`;
}

// The bulletin's sentence on assumed deadlines; null when every deadline was written.
export function assumedDeadlineSentence(r: Pick<PlanReport, 'measureRows'>): string | null {
  const assumed = r.measureRows.filter((m) => m.dueAssumed && m.status !== 'withdrawn');
  if (!assumed.length) return null;
  const written = [...new Set(assumed.map((m) => `“${m.dueWritten}”`))].join('、');
  return (
    `另有${assumed.length}项整改措施方案未写明具体完成时限（${written}），` +
    `其期限为系统默认，以各措施所列日期督办。`
  );
}
