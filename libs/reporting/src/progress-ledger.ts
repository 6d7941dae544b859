// The ledger's cells of progress as offices report it: each problem's status in 问题清单, the
// declared totals and problems by status in 概况, an adjusted target's note in 指标进展.
import { DECLARED_FIGURES, type DeclaredFigure } from '../../domain/src/declared-figures';
import { targetAdjustmentNote } from '../../domain/src/indicator-target-adjustment';
import { PROBLEM_PROGRESS_LABELS, PROBLEM_PROGRESS_STATUSES } from '../../domain/src/problem-progress';
import type { CellOut } from '../../plan-io/src/plan-workbook.writer';
import type { PlanReport } from './plan-report';

const FIGURE_WORDS: Record<DeclaredFigure, [string, string]> = {
  categories: ['问题大类', '类'],
  aspects: ['问题方面', '个'],
  problems: ['问题', '个'],
  measures: ['整改措施', '项'],
};

export function problemStatusLabel(r: PlanReport, problemCode: string): string {
  const p = r.problemProgress.problems.find((x) => x.code === problemCode);
  return p ? PROBLEM_PROGRESS_LABELS[p.status] : '';
}

// "方案公布整改措施 | 148项（台账录入90项，差58项）", for each declared total; then problems by status.
export function progressSummaryLines(r: PlanReport): [string, CellOut][] {
  const declared = DECLARED_FIGURES.flatMap((f): [string, CellOut][] => {
    const d = r.declared[f];
    if (d.declared === null) return [];
    const [name, word] = FIGURE_WORDS[f];
    return [
      [`方案公布${name}`, `${d.declared}${word}（台账录入${d.modelled}${word}，差${d.difference}${word}）`],
    ];
  });
  const byStatus = PROBLEM_PROGRESS_STATUSES.map((s): [string, CellOut] => [
    `问题${PROBLEM_PROGRESS_LABELS[s]}`,
    r.problemProgress.byStatus[s],
  ]);
  return [...declared, ...byStatus];
}

export function targetNote(i: PlanReport['indicators'][number]): string | undefined {
  return i.adjustment ? targetAdjustmentNote(i.target, i.unit, i.adjustment) : undefined;
}
