// A plan's content versions (方案版本): every import or re-import that changes the plan keeps one,
// so a report as of an earlier date can use the plan as it stood then (titles, the measures that
// existed, deadlines as written then).

export interface PlanVersionFacts {
  readonly number: number;
  readonly appliedAt: Date;
}

// The version in force at `at` (ms): the latest applied before it. Before the first import no
// version was in force (an office entering its history after the fact): the latest one, the plan
// as it is now known, speaks for that time, as reports did before versions were kept.
export function planVersionInForce<V extends PlanVersionFacts>(
  versions: readonly V[],
  at: number,
): V | undefined {
  const newestFirst = [...versions].sort((x, y) => y.number - x.number);
  return newestFirst.find((v) => v.appliedAt.getTime() < at) ?? newestFirst[0];
}
