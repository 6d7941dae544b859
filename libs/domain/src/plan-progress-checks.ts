// The plan members of progress as offices report it (problemProgressRule, declared), checked
// with their paths once the document has its shape.
import { checkDeclaredFigures } from './declared-figures';
import type { PlanDefinition } from './plan-definition';
import { checkProblemProgressRule } from './problem-progress';

export function checkProgressMembers(
  plan: PlanDefinition,
  add: (path: PropertyKey[], message: string) => void,
): void {
  const { problemProgressRule, declared } = plan.plan;
  if (problemProgressRule)
    for (const p of checkProblemProgressRule(problemProgressRule))
      add(['plan', 'problemProgressRule', p.field], p.message);
  if (declared)
    for (const p of checkDeclaredFigures(declared, modelledFigures(plan)))
      add(['plan', 'declared', p.field], p.message);
}

// What the plan itemises: its own measures (sub-measures are not in the document).
export function modelledFigures(plan: Pick<PlanDefinition, 'categories'>) {
  const aspects = plan.categories.flatMap((c) => c.aspects);
  const problems = aspects.flatMap((a) => a.problems);
  return {
    categories: plan.categories.length,
    aspects: aspects.length,
    problems: problems.length,
    measures: problems.reduce((n, p) => n + p.measures.length, 0),
  };
}
