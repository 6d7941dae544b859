// Puts a plan into the read model and starts its measure workflows, as the import use case does.
import type { DataSource } from 'typeorm';
import { validatePlanDefinition } from '../../libs/domain/src/plan-definition';
import { MeasureEntity } from '../../libs/persistence/src/entities/measure.entity';
import { planRows } from '../../libs/persistence/src/plan-import.mapper';
import { CalendarRepository } from '../../libs/persistence/src/repositories/calendar.repository';
import { PlanRepository } from '../../libs/persistence/src/repositories/plan.repository';
import { MeasureWorkflowGateway } from '../../libs/temporal/src/measure-workflow.gateway';

export async function followPlan(
  document: unknown,
  ds: DataSource,
  gateway: MeasureWorkflowGateway,
): Promise<MeasureEntity[]> {
  const r = validatePlanDefinition(document);
  if (!r.ok) throw new Error(`test plan is invalid: ${JSON.stringify(r.problems)}`);
  const rows = planRows(r.plan, new Date());
  const code = r.plan.plan.calendar;
  const calendar = code === undefined ? null : await new CalendarRepository(ds).resolve(code);
  if (code !== undefined && !calendar) throw new Error(`test plan names an unknown calendar ${code}`);
  await new PlanRepository(ds).savePlan(rows);
  await gateway.startForMeasures(r.plan.plan.code, r.plan.plan.timeZone, rows.measures, calendar);
  return rows.measures;
}
