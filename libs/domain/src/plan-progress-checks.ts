// The plan members of progress as offices report it (problemProgressRule, declared), checked
// with their paths once the document has its shape.
import { checkDeclaredFigures, type DeclaredFigures } from './declared-figures';
import { checkProblemProgressRule, type ProblemProgressRuleInput } from './problem-progress';

// The plan tree as far as counting goes (plan-definition.ts imports this file, so not its types).
interface PlanTree {
  readonly categories: readonly {
    readonly aspects: readonly {
      // One a category without aspects holds its problems in (plan-tree-shape.ts): not counted.
      readonly implicit?: boolean;
      readonly problems: readonly { readonly measures: readonly unknown[] }[];
    }[];
  }[];
}

export function checkProgressMembers(
  plan: PlanTree & {
    readonly plan: { problemProgressRule?: ProblemProgressRuleInput; declared?: DeclaredFigures };
  },
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
export function modelledFigures(plan: PlanTree) {
  const aspects = plan.categories.flatMap((c) => c.aspects);
  const problems = aspects.flatMap((a) => a.problems);
  return {
    categories: plan.categories.length,
    aspects: aspects.filter((a) => !a.implicit).length,
    problems: problems.length,
    measures: problems.reduce((n, p) => n + p.measures.length, 0),
  };
}
