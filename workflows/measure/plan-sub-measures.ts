// Sub-measures a plan writes down (各市州 …) are started by the import beside their parent, each
// told of its parent (parentWorkflowId). The parent follows them from its first moment, as it
// follows the sub-measures of a decomposition: their status changes reach it by signal, and it
// cannot be claimed complete while one is open.
import { patched } from '@temporalio/workflow';
import type { MeasureContext } from './measure-context';

export const PLAN_SUB_MEASURES_PATCH = 'plan-sub-measures';

export function followPlannedSubMeasures(ctx: MeasureContext): void {
  const { input } = ctx;
  // Runs without planned sub-measures (every run before them) take no marker.
  if (input.carried || !input.subMeasures?.length || !patched(PLAN_SUB_MEASURES_PATCH)) return;
  ctx.st.children = input.subMeasures.map((s) => ({
    measureCode: s.measureCode,
    workflowId: s.workflowId,
    leadUnitCode: s.leadUnitCode,
    status: 'assigned' as const,
  }));
}
