import type { PlanDefinition } from '../../../domain/src/plan-definition';

// Measures whose definitions are kept parsed at most, across plans: a 50,000-measure plan's
// definition is 16 MB of JSON, parsed on every ledger and bulletin in 0.15–0.26 s of the API's
// thread (BENCHMARKS.md, "plan versions kept parsed"); parsed, it holds 30 MB of the heap, so the
// bound keeps about 60 MB. Frozen once, in 75 ms at that size.
export const DEFINITION_MEASURES_KEPT = 100_000;

// The parsed definitions of plan versions, the last used kept. A version's definition is never
// rewritten once stored, and the key holds its content hash besides: a plan removed and imported
// again under the same id and number with other content is another key. Each is frozen whole, so
// that a reader that changed one would fail at once instead of changing what the next reads.
export class KeptDefinitions {
  // In the order last used: the first is the one to drop.
  private readonly kept = new Map<
    string,
    { readonly definition: PlanDefinition; readonly measures: number }
  >();
  private measures = 0;

  constructor(private readonly measuresKept = DEFINITION_MEASURES_KEPT) {}

  get(planId: string, number: number, contentHash: string): PlanDefinition | undefined {
    const key = keyOf(planId, number, contentHash);
    const found = this.kept.get(key);
    if (!found) return undefined;
    this.kept.delete(key);
    this.kept.set(key, found);
    return found.definition;
  }

  // Keeps `definition` (frozen) and returns it; one larger than the bound alone is not kept.
  keep(planId: string, number: number, contentHash: string, definition: PlanDefinition): PlanDefinition {
    const frozen = deepFreeze(definition);
    const measures = measureCount(definition);
    if (measures > this.measuresKept) return frozen;
    const key = keyOf(planId, number, contentHash);
    const before = this.kept.get(key);
    if (before) this.measures -= before.measures;
    this.kept.delete(key);
    this.kept.set(key, { definition: frozen, measures });
    this.measures += measures;
    for (const [oldest, entry] of this.kept) {
      if (this.measures <= this.measuresKept) break;
      this.kept.delete(oldest);
      this.measures -= entry.measures;
    }
    return frozen;
  }
}

function keyOf(planId: string, number: number, contentHash: string): string {
  return JSON.stringify([planId, number, contentHash]);
}

function measureCount(definition: PlanDefinition): number {
  let n = 0;
  for (const c of definition.categories)
    for (const a of c.aspects) for (const p of a.problems) n += Math.max(p.measures.length, 1);
  return Math.max(n, 1);
}

function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const member of Object.values(value)) deepFreeze(member);
  return value;
}
