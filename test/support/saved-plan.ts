// A fixture plan's rows written to the read model as an import writes them, without a worker.
import type { DataSource } from 'typeorm';
import { validatePlanDefinition } from '../../libs/domain/src/plan-definition';
import { planRows, type PlanRows } from '../../libs/persistence/src/plan-import.mapper';
import { PlanRepository } from '../../libs/persistence/src/repositories/plan.repository';
import { aPlanDocument, type PlanFixtureOptions } from './plan-fixtures';
import { uniqueCode } from './unique';

// aPlanDocument's plan under a code of its own.
export async function savedPlan(ds: DataSource, o: PlanFixtureOptions = {}): Promise<PlanRows> {
  const r = validatePlanDefinition(aPlanDocument({ planCode: uniqueCode('GS'), ...o }));
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  const rows = planRows(r.plan, new Date());
  await new PlanRepository(ds).savePlan(rows);
  return rows;
}
