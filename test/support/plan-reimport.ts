import { diffPlans } from '../../libs/domain/src/plan-diff';
import type { PlanDefinition } from '../../libs/domain/src/plan-definition';
import type { DataSource } from 'typeorm';
import { planChangeRows } from '../../libs/persistence/src/plan-change.mapper';
import { MeasureRepository } from '../../libs/persistence/src/repositories/measure.repository';
import { PlanRepository } from '../../libs/persistence/src/repositories/plan.repository';

// A re-import from `before` to `after` applied to the read model as the import use case applies it
// (without the workflows): the measures the new document leaves out are withdrawn.
export async function reimported(
  ds: DataSource,
  planId: string,
  before: PlanDefinition,
  after: PlanDefinition,
): Promise<void> {
  const existing = await new MeasureRepository(ds).listByPlan(planId);
  const plan = await new PlanRepository(ds).findRowByIdOrCode(planId);
  if (!plan) throw new Error(`no plan ${planId}`);
  const diff = diffPlans(before, after);
  const change = planChangeRows(before, after, diff, existing, plan.contentHash, new Date());
  const applied = await new PlanRepository(ds).applyChange({
    ...change,
    withdrawnCodes: [...diff.measures.removed, ...diff.subMeasures.removed],
  });
  if (applied.kind !== 'applied') throw new Error(applied.message);
}
