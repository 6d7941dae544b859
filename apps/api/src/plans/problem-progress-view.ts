// GET /plans/:id: each problem's status rolled up from all its own measures (sub-measures are
// their parents' business), under the plan's rule, and the declared totals beside the modelled.
import { figuresBeside } from '../../../../libs/domain/src/declared-figures';
import type { MeasureStatus } from '../../../../libs/domain/src/measure-status';
import type { PlanDefinition } from '../../../../libs/domain/src/plan-definition';
import {
  PROBLEM_PROGRESS_STATUSES,
  problemProgress,
  problemProgressRuleOf,
  type ProblemProgress,
  type ProblemProgressStatus,
} from '../../../../libs/domain/src/problem-progress';

interface TreeRows {
  readonly groups: readonly { kind: string }[];
  readonly problems: readonly { id: string }[];
  readonly measures: readonly { problemId: string; parentMeasureId: string | null; status: MeasureStatus }[];
}

// `plan`: the definition's plan part (its rule and declared totals); null when none was kept.
export function problemProgressView(
  whole: TreeRows,
  plan: Pick<PlanDefinition['plan'], 'problemProgressRule' | 'declared'> | null,
) {
  const rule = problemProgressRuleOf(plan?.problemProgressRule);
  const own = whole.measures.filter((m) => m.parentMeasureId === null);
  // One pass over the measures, not one per problem: 1,000 problems of 10,000 measures were ten
  // million comparisons a request.
  const statuses = new Map<string, MeasureStatus[]>();
  for (const m of own) {
    const list = statuses.get(m.problemId);
    if (list) list.push(m.status);
    else statuses.set(m.problemId, [m.status]);
  }
  const progress = new Map<string, ProblemProgress>(
    whole.problems.map((p) => [p.id, problemProgress(statuses.get(p.id) ?? [], rule)]),
  );
  const declared = figuresBeside(plan?.declared, {
    categories: whole.groups.filter((g) => g.kind === 'category').length,
    aspects: whole.groups.filter((g) => g.kind === 'aspect').length,
    problems: whole.problems.length,
    measures: own.length,
  });
  const counts = (problemIds: readonly string[]) => {
    const out = Object.fromEntries(PROBLEM_PROGRESS_STATUSES.map((s) => [s, 0])) as Record<
      ProblemProgressStatus,
      number
    >;
    for (const id of problemIds) {
      const p = progress.get(id);
      if (p) out[p.status]++;
    }
    return out;
  };
  return { rule, progress, declared, counts };
}
