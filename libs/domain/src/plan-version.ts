// A plan's content versions (方案版本): every import or re-import that changes the plan keeps one,
// so a report as of an earlier date can use the plan as it stood then (titles, the measures that
// existed, deadlines as written then).

export interface PlanVersionFacts {
  readonly number: number;
  readonly appliedAt: Date;
}

// The version in force at `at` (ms): the latest applied before it. A date before the first import
// (an office entering its history after the fact) reads the first version: the plan as imported is
// the best account of what it said then.
export function planVersionInForce<V extends PlanVersionFacts>(
  versions: readonly V[],
  at: number,
): V | undefined {
  const sorted = [...versions].sort((x, y) => x.number - y.number);
  return [...sorted].reverse().find((v) => v.appliedAt.getTime() < at) ?? sorted[0];
}
