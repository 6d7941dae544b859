// The workflow inputs of a plan's sub-measures (各市州 …) and their parents, from rows given
// together: each sub-measure names its parent's workflow, each parent its sub-measures'.
import { measureWorkflowId } from '../../domain/src/measure-identity';
import type { MeasureEntity } from '../../persistence/src/entities/measure.entity';
import type { MeasureWorkflowInput } from '../../../workflows/measure/measure.contract';

export function plannedSubMeasureInputs(
  rows: readonly MeasureEntity[],
  inputs: readonly MeasureWorkflowInput[],
): MeasureWorkflowInput[] {
  if (rows.every((m) => m.parentMeasureId === null)) return [...inputs];
  const byId = new Map(rows.map((m) => [m.id, m]));
  const children = new Map<string, MeasureEntity[]>();
  for (const m of rows)
    if (m.parentMeasureId !== null)
      children.set(m.parentMeasureId, [...(children.get(m.parentMeasureId) ?? []), m]);
  return rows.map((m, i) => {
    // A parent given without the sub-measure (it runs already) is named by the code: `${parent}.${sub}`.
    const parent =
      m.parentMeasureId === null
        ? undefined
        : (byId.get(m.parentMeasureId)?.workflowId ??
          measureWorkflowId(inputs[i].planCode, m.code.slice(0, m.code.lastIndexOf('.'))));
    const subs = children.get(m.id) ?? [];
    return {
      ...inputs[i],
      ...(parent ? { parentWorkflowId: parent } : {}),
      ...(subs.length
        ? {
            subMeasures: subs.map((s) => ({
              measureCode: s.code,
              workflowId: s.workflowId,
              leadUnitCode: s.leadUnitCode,
            })),
          }
        : {}),
    };
  });
}
