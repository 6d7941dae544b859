// 目标调整: the office changes an indicator's target, with a reason and an approver. Progress,
// the light and a completion claim's below-target check read the adjusted target from then on;
// the indicator keeps the plan's target beside it, and the event records both.
import { patched, setHandler } from '@temporalio/workflow';
import { adjustedIndicator } from '../../../libs/domain/src/indicator-target-adjustment';
import { AdjustIndicatorTargetInput, adjustIndicatorTargetUpdate } from '../measure.contract';
import { command, commit, draft, MeasureContext } from '../measure-context';
import { MeasureState } from '../measure-state';
import { invalid, refuse, requireText } from '../measure-validators';

export const TARGET_ADJUSTMENT_PATCH = 'indicator-target-adjustment';

export const validateTargetAdjustment = (st: MeasureState, c: AdjustIndicatorTargetInput) => {
  const ind = st.indicators.find((i) => i.code === c.indicator);
  if (!ind) invalid('indicator', `unknown indicator ${String(c.indicator)}`);
  if (typeof c.target !== 'number' || !Number.isFinite(c.target))
    invalid('target', 'must be a finite number');
  if (c.target === ind.target) invalid('target', `is already the target of ${ind.code}`);
  requireText('reason', c.reason);
  requireText('approvedBy', c.approvedBy, 200);
};

export function registerTargetAdjustmentHandlers(ctx: MeasureContext): void {
  const adjust = command(ctx, 'adjustIndicatorTarget', validateTargetAdjustment, async (c) => {
    // The update is new with the patch: a history that holds one carries its marker, and a run
    // replayed by code from before the patch could not have applied it.
    if (!patched(TARGET_ADJUSTMENT_PATCH)) refuse('this run cannot adjust targets');
    const next = draft(ctx);
    const at = new Date().toISOString();
    const was = next.indicators.find((i) => i.code === c.indicator);
    const change = {
      target: c.target,
      reason: c.reason.trim(),
      approvedBy: c.approvedBy.trim(),
      actor: c.actor,
      at,
    };
    next.indicators = next.indicators.map((i) => (i.code === c.indicator ? adjustedIndicator(i, change) : i));
    await commit(ctx, next, {
      kind: 'target_adjusted',
      actor: c.actor,
      detail: {
        indicator: c.indicator,
        originalTarget: was?.adjustment?.originalTarget ?? was?.target,
        from: was?.target,
        to: c.target,
        reason: change.reason,
        approvedBy: change.approvedBy,
      },
    });
  });
  setHandler(adjustIndicatorTargetUpdate, adjust.handler, { validator: adjust.validator });
}
