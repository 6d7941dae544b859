// A re-import's sub-measures (plan-sub-measures.ts), by full code: added, removed, and changed
// with the fields that matter to their workflows. `dueAt` is the instant the deadline reads as,
// so a rewording (9月底前 → 2019-09-30) is a change of `due` alone.
import { planDeadlineContext, readPlanDeadline } from './plan-deadline';
import { type PlanDefinition } from './plan-definition';
import { planSubMeasures, type PlannedSubMeasure } from './plan-sub-measures';

// The shapes of plan-diff.ts (which uses this file).
interface FieldChange {
  readonly field: string;
  readonly before: unknown;
  readonly after: unknown;
}
interface EntityChanges {
  readonly code: string;
  readonly changes: readonly FieldChange[];
}
interface CodeSetDiff {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly EntityChanges[];
}

const FIELDS = ['parentCode', 'title', 'leadUnit', 'leadLeader', 'due', 'dueAt'] as const;

export function diffSubMeasures(before: PlanDefinition, after: PlanDefinition): CodeSetDiff {
  const b = subMeasuresByCode(before);
  const a = subMeasuresByCode(after);
  const changed: EntityChanges[] = [];
  for (const [code, y] of a) {
    const x = b.get(code);
    if (!x) continue;
    const changes: FieldChange[] = FIELDS.filter((f) => x[f] !== y[f]).map((f) => ({
      field: f,
      before: x[f],
      after: y[f],
    }));
    if (changes.length) changed.push({ code, changes });
  }
  return {
    added: [...a.keys()].filter((k) => !b.has(k)),
    removed: [...b.keys()].filter((k) => !a.has(k)),
    changed,
  };
}

// Every planned sub-measure of a plan by code, with the instant its deadline reads as.
export function subMeasuresByCode(plan: PlanDefinition): Map<string, PlannedSubMeasure & { dueAt: string }> {
  const zone = plan.plan.timeZone;
  const tracks = new Map(
    plan.categories.flatMap((c) =>
      c.aspects.flatMap((a) => a.problems.flatMap((p) => p.measures.map((m) => [m.code, p.track] as const))),
    ),
  );
  const out = new Map<string, PlannedSubMeasure & { dueAt: string }>();
  for (const subs of planSubMeasures(plan).values())
    for (const s of subs) {
      const r = readPlanDeadline(s.due, zone, planDeadlineContext(plan, tracks.get(s.parentCode)));
      // Both documents passed validation, so every deadline reads.
      out.set(s.code, { ...s, dueAt: r.ok ? r.dueAt.toISOString() : s.due });
    }
  return out;
}
