// The columns of where problems come from and of the tree's shape, for the import mapper.
import type { PlanDefinition } from '../../domain/src/plan-definition';
import type { ProblemEntity } from './entities/problem.entity';

type Problem = PlanDefinition['categories'][number]['aspects'][number]['problems'][number];

export function planSourceColumns(def: PlanDefinition) {
  return { sources: def.sources ?? null, levelLabels: def.plan.levelLabels ?? null };
}

export function problemSourceColumns(
  p: Problem,
): Pick<ProblemEntity, 'sourceCodes' | 'carriesOver' | 'reopens'> {
  const reopens = p.measures.flatMap((m) => (m.reopens ? [{ ...m.reopens, measureCode: m.code }] : []));
  return {
    sourceCodes: p.sources ?? null,
    carriesOver: p.carriesOver ?? null,
    reopens: reopens.length ? reopens : null,
  };
}

export function groupShapeColumns(level: { leadUnit?: string; implicit?: true }) {
  return { implicit: level.implicit === true, leadUnitCode: level.leadUnit ?? null };
}

// A measure that reopens an earlier plan's measure is followed by that measure's workflow: it
// gets no row (nor workflow) of its own.
export function followedHere(m: { reopens?: unknown }): boolean {
  return m.reopens === undefined;
}
