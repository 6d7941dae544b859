// The bulletin's sentences of progress as offices report it: the plan's declared totals beside
// what the ledger holds ("制定整改措施148项（台账录入90项，差58项）"), problems by status with the
// stage goals reached ("30个问题基本实现阶段目标，其中7个问题已整改到位"), by track as a table, and
// the notes of adjusted indicator targets.
import type { DeclaredFigure } from '../../domain/src/declared-figures';
import { targetAdjustmentNote } from '../../domain/src/indicator-target-adjustment';
import {
  PROBLEM_PROGRESS_LABELS,
  PROBLEM_PROGRESS_STATUSES,
  type ProblemProgressStatus,
} from '../../domain/src/problem-progress';
import { TRACK_LABELS } from '../../plan-io/src/ledger-layout';
import { problemTreePhrase } from './bulletin-sources';
import type { PlanReport } from './plan-report';
import type { Block } from './report-document';

// A total as the plan declares it, with what the ledger holds and the difference when they part.
function figure(r: PlanReport, f: DeclaredFigure, word: string): string {
  const d = r.declared[f];
  if (d.declared === null || d.difference === 0) return `${d.modelled}${word}`;
  return `${d.declared}${word}（台账录入${d.modelled}${word}，差${d.difference}${word}）`;
}

// "将巡视反馈问题梳理为4大类10个方面30个问题，制定整改措施148项（台账录入90项，差58项）。"
export function totalsSentence(r: PlanReport): string {
  const m = r.declared.measures;
  const measures =
    m.declared === null || m.difference === 0
      ? `制定${m.modelled}项整改措施`
      : `制定整改措施${m.declared}项（台账录入${m.modelled}项，差${m.difference}项）`;
  return `${problemTreePhrase(r, (level, label) => figure(r, level, label))}，${measures}。`;
}

// Measure counts are of the measures the ledger holds; said so when the plan declares more.
export function measureCountsLead(r: PlanReport): string {
  const m = r.declared.measures;
  return m.declared === null || m.difference === 0 ? '' : `台账录入的${m.modelled}项整改措施中，`;
}

// "按问题统计，30个问题基本实现阶段目标，其中7个问题已整改到位、3个问题基本完成；…".
export function problemProgressSentence(r: PlanReport): string {
  const n = r.problemProgress.byStatus;
  const reached = n.stage_goal + n.basically_done + n.done;
  const p = r.declared.problems;
  const lead = p.declared === null || p.difference === 0 ? '' : `台账录入的${p.modelled}个问题中，`;
  return (
    `按问题统计，${lead}${reached}个问题基本实现阶段目标` +
    (reached ? `，其中${n.done}个问题已整改到位` : '') +
    (n.basically_done ? `、${n.basically_done}个问题基本完成` : '') +
    (n.in_progress ? `；${n.in_progress}个问题正在推进` : '') +
    (n.not_started ? `；${n.not_started}个问题尚未启动` : '') +
    '。'
  );
}

// Problems by track and status, with a total row.
export function problemProgressBlocks(r: PlanReport): Block[] {
  const cells = (problems: number, by: Readonly<Record<ProblemProgressStatus, number>>) => [
    String(problems),
    ...PROBLEM_PROGRESS_STATUSES.map((s) => String(by[s])),
  ];
  const pp = r.problemProgress;
  return [
    { kind: 'paragraph', text: problemProgressSentence(r) },
    {
      kind: 'table',
      header: ['整改类型', '问题', ...PROBLEM_PROGRESS_STATUSES.map((s) => PROBLEM_PROGRESS_LABELS[s])],
      rows: [
        ...pp.byTrack.map((t) => [TRACK_LABELS[t.track], ...cells(t.problems, t.byStatus)]),
        ['合计', ...cells(pp.problems.length, pp.byStatus)],
      ],
    },
  ];
}

// One line per adjusted target: "P08-M4 危房改造户数：目标由120户调整为112户：…（…批准）".
export function targetAdjustmentBlocks(r: PlanReport): Block[] {
  const notes = r.indicators.flatMap((i) =>
    i.adjustment
      ? [`${i.measureCode} ${i.name}：${targetAdjustmentNote(i.target, i.unit, i.adjustment)}`]
      : [],
  );
  return notes.length ? [{ kind: 'paragraph', text: `目标调整说明：${notes.join('；')}。` }] : [];
}
