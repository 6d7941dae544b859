// A re-import as rows: the new document's rows, with each existing measure reduced to the plan
// fields that changed. Live state stays as the workflows recorded it.
import type { PlanDiff } from '../../domain/src/plan-diff';
import type { PlanDefinition } from '../../domain/src/plan-definition';
import type { MeasureEntity } from './entities/measure.entity';
import { planRows } from './plan-import.mapper';
import type { PlanChange } from './repositories/plan.repository';

// Fields a plan document owns; everything else on a measure row is live state.
const PLAN_FIELDS = [
  'problemId',
  'track',
  'title',
  'leadLeader',
  'leadUnitCode',
  'coUnitCodes',
  'method',
  'requirements',
  'evidenceRules',
  'milestones',
  'referralItems',
  'position',
] as const satisfies readonly (keyof MeasureEntity)[];

export function planChangeRows(
  before: PlanDefinition,
  after: PlanDefinition,
  diff: PlanDiff,
  existing: readonly MeasureEntity[],
  basedOnHash: string,
  importedAt: Date,
): Omit<PlanChange, 'withdrawnCodes'> {
  const { measures, ...rows } = planRows(after, importedAt);
  const byCode = new Map(existing.map((m) => [m.code, m]));
  const moved = new Set([
    ...diff.deadlines.map((d) => d.measureCode),
    ...diff.subMeasures.changed.filter((c) => c.changes.some((f) => f.field === 'dueAt')).map((c) => c.code),
  ]);
  const oldIndicators = new Map(
    before.categories.flatMap((c) =>
      c.aspects.flatMap((a) =>
        a.problems.flatMap((p) => p.measures.map((m) => [m.code, m.indicators] as const)),
      ),
    ),
  );
  const newMeasures: MeasureEntity[] = [];
  const measureUpdates: { id: string; fields: Partial<MeasureEntity> }[] = [];
  for (const next of measures) {
    const row = byCode.get(next.code);
    if (!row) {
      newMeasures.push(next);
      continue;
    }
    const fields: Partial<MeasureEntity> = {};
    const set = <K extends keyof MeasureEntity>(k: K, v: MeasureEntity[K]) => {
      if (JSON.stringify(row[k]) !== JSON.stringify(v)) fields[k] = v;
    };
    for (const k of PLAN_FIELDS) set(k, next[k]);
    // The deadline is the plan's only when the plan moved it; otherwise an approved extension
    // on the row stands. A rewording (9月底前 → 2019-09-30) only changes the text.
    if (moved.has(next.code)) set('dueAt', next.dueAt);
    set('dueText', next.dueText);
    set('dueAssumed', next.dueAssumed);
    // reviewsOnly stays: a running workflow keeps the way it was started (ladder or reviews).
    set('indicators', mergedIndicators(next.indicators, row.indicators, oldIndicators.get(next.code) ?? []));
    measureUpdates.push({ id: row.id, fields });
  }
  return { basedOnHash, rows, newMeasures, measureUpdates };
}

// Current values are reported as work goes on; a re-import keeps them unless the office changed
// the value in the document itself. An adjusted target (目标调整) stands unless the document
// changed the target itself.
function mergedIndicators(
  next: MeasureEntity['indicators'],
  live: MeasureEntity['indicators'],
  written: MeasureEntity['indicators'],
): MeasureEntity['indicators'] {
  return next.map((ind) => {
    const was = written.find((w) => w.code === ind.code);
    const now = live.find((l) => l.code === ind.code);
    if (!now) return ind;
    const target =
      now.adjustment && (!was || was.target === ind.target)
        ? { target: now.target, adjustment: now.adjustment }
        : {};
    if (was && was.current !== ind.current) return { ...ind, ...target };
    return { ...ind, ...target, ...(now.current === undefined ? {} : { current: now.current }) };
  });
}
