// Where a problem stands (问题整改进度), rolled up from its measures, as offices report it:
// "30个问题基本实现阶段目标，其中7个问题已整改到位". The thresholds are data: a plan may set its
// own (`plan.problemProgressRule`), every field has a default (DEFAULT_PROBLEM_PROGRESS_RULE).
import { z } from 'zod';
import type { MeasureStatus } from './measure-status';

export const PROBLEM_PROGRESS_STATUSES = [
  'not_started', // 尚未启动: no measure has moved past its assignment
  'in_progress', // 推进中: work reported, not yet enough measures done for the stage goal
  'stage_goal', // 阶段目标: the stage goal reached (enough measures signed off)
  'basically_done', // 基本完成: most measures signed off
  'done', // 整改到位: every measure in scope signed off
] as const;
export type ProblemProgressStatus = (typeof PROBLEM_PROGRESS_STATUSES)[number];

export const PROBLEM_PROGRESS_LABELS: Record<ProblemProgressStatus, string> = {
  not_started: '尚未启动',
  in_progress: '推进中',
  stage_goal: '阶段目标',
  basically_done: '基本完成',
  done: '整改到位',
};

export interface ProblemProgressRule {
  // 阶段目标: at least one measure done and at least this share of the measures in scope (0: any one).
  readonly stageGoalShare: number;
  // 基本完成: at least this share of the measures in scope done.
  readonly basicallyDoneShare: number;
  // Whether a measure counts as done only once its look-back passed (closed), not at sign-off (verified).
  readonly doneNeedsLookBack: boolean;
}

export const DEFAULT_PROBLEM_PROGRESS_RULE: ProblemProgressRule = {
  stageGoalShare: 0,
  basicallyDoneShare: 0.8,
  doneNeedsLookBack: false,
};

// The plan file's shape; the ranges are checked by checkProblemProgressRule, with their paths.
export const problemProgressRuleSchema = z.strictObject({
  stageGoalShare: z.number().optional(),
  basicallyDoneShare: z.number().optional(),
  doneNeedsLookBack: z.boolean().optional(),
});
export type ProblemProgressRuleInput = z.output<typeof problemProgressRuleSchema>;

export function problemProgressRuleOf(input: ProblemProgressRuleInput | undefined): ProblemProgressRule {
  return { ...DEFAULT_PROBLEM_PROGRESS_RULE, ...input };
}

export function checkProblemProgressRule(
  input: ProblemProgressRuleInput,
): { field: keyof ProblemProgressRule; message: string }[] {
  const rule = problemProgressRuleOf(input);
  const out: { field: keyof ProblemProgressRule; message: string }[] = [];
  if (!Number.isFinite(rule.stageGoalShare) || rule.stageGoalShare < 0 || rule.stageGoalShare >= 1)
    out.push({
      field: 'stageGoalShare',
      message: `must be a share from 0 up to (not including) 1, got ${rule.stageGoalShare}`,
    });
  if (
    !Number.isFinite(rule.basicallyDoneShare) ||
    rule.basicallyDoneShare <= 0 ||
    rule.basicallyDoneShare > 1
  )
    out.push({
      field: 'basicallyDoneShare',
      message: `must be a share above 0 and at most 1, got ${rule.basicallyDoneShare}`,
    });
  else if (out.length === 0 && rule.basicallyDoneShare < rule.stageGoalShare)
    out.push({
      field: 'basicallyDoneShare',
      message: `must not be below stageGoalShare (${rule.stageGoalShare}), got ${rule.basicallyDoneShare}`,
    });
  return out;
}

export interface ProblemProgress {
  readonly status: ProblemProgressStatus;
  // Measures in scope (withdrawn ones left out) and how many of them are done under the rule.
  readonly measures: number;
  readonly done: number;
}

// Withdrawn measures (调出) are out of scope. A problem with none left in scope has nothing under
// way: not started.
export function problemProgress(
  statuses: readonly MeasureStatus[],
  rule: ProblemProgressRule = DEFAULT_PROBLEM_PROGRESS_RULE,
): ProblemProgress {
  const inScope = statuses.filter((s) => s !== 'withdrawn');
  const done = inScope.filter((s) => s === 'closed' || (s === 'verified' && !rule.doneNeedsLookBack)).length;
  const measures = inScope.length;
  const share = measures ? done / measures : 0;
  const status: ProblemProgressStatus =
    measures === 0 || inScope.every((s) => s === 'assigned')
      ? 'not_started'
      : done === measures
        ? 'done'
        : share >= rule.basicallyDoneShare
          ? 'basically_done'
          : done > 0 && share >= rule.stageGoalShare
            ? 'stage_goal'
            : 'in_progress';
  return { status, measures, done };
}

// 阶段目标 reached: the stage goal and every status past it.
export function reachedStageGoal(status: ProblemProgressStatus): boolean {
  return status === 'stage_goal' || status === 'basically_done' || status === 'done';
}
