// Plans and measure events written straight into the read model, as an import and the workflows'
// activities write them: for specs of what reads them, without a workflow to wait for.
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  MeasureEventEntity,
  type MeasureEventKind,
} from '../../libs/persistence/src/entities/measure-event.entity';
import { MeasureEntity } from '../../libs/persistence/src/entities/measure.entity';
import { ESCALATION_LEVEL } from '../../libs/domain/src/escalation-ladder';
import { validatePlanDefinition } from '../../libs/domain/src/plan-definition';
import { planRows } from '../../libs/persistence/src/plan-import.mapper';
import { PlanRepository } from '../../libs/persistence/src/repositories/plan.repository';
import { aPlanDocument } from './plan-fixtures';
import { uniqueCode } from './unique';

// A plan of `measures` measures saved as an import saves it; its measures in the plan's order.
export async function importedMeasures(ds: DataSource, measures: number): Promise<MeasureEntity[]> {
  const doc = validatePlanDefinition(aPlanDocument({ planCode: uniqueCode('RM'), measures }));
  if (!doc.ok) throw new Error(JSON.stringify(doc.problems));
  const rows = planRows(doc.plan, new Date());
  await new PlanRepository(ds).savePlan(rows);
  return ds
    .getRepository(MeasureEntity)
    .find({ where: { planId: rows.plan.id }, order: { position: 'ASC' } });
}

// Each event recorded a second after the one before, from 2019-10-01 00:00 UTC: `at(n)` is the
// n-th's instant, `recorded.count` how many there are.
export interface EventRecorder {
  (
    m: Pick<MeasureEntity, 'id' | 'workflowId'>,
    kind: MeasureEventKind,
    detail?: Record<string, unknown>,
  ): Promise<Date>;
  readonly count: number;
}

export const recordedAt = (n: number): Date => new Date(Date.UTC(2019, 9, 1, 0, 0, n));

export function eventRecorder(ds: DataSource): EventRecorder {
  let count = 0;
  const record = async (
    m: Pick<MeasureEntity, 'id' | 'workflowId'>,
    kind: MeasureEventKind,
    detail: Record<string, unknown> = {},
  ): Promise<Date> => {
    count += 1;
    const at = recordedAt(count);
    await ds.getRepository(MeasureEventEntity).insert({
      id: randomUUID(),
      measureId: m.id,
      kind,
      level: (ESCALATION_LEVEL as Partial<Record<string, number>>)[kind] ?? 0,
      idempotencyKey: `${m.workflowId}/test/${count}`,
      occurredAt: at,
      recordedAt: at,
      actor: 'test',
      detail: detail as never,
      seq: count,
    });
    return at;
  };
  return Object.defineProperty(record, 'count', { get: () => count }) as EventRecorder;
}
