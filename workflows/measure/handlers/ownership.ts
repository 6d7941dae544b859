// A new owner takes over at once: the next step is addressed to whoever owns the measure then.
import { setHandler } from '@temporalio/workflow';
import { FIELD_LIMITS } from '../../../libs/domain/src/field-limits';
import { ReassignInput, reassignUpdate } from '../measure.contract';
import { redeliverOnReassign } from '../acknowledgement';
import { command, commit, draft, MeasureContext } from '../measure-context';
import { MeasureState } from '../measure-state';
import { invalid, requireText } from '../measure-validators';

export const validateReassign = (_: MeasureState, c: ReassignInput) => {
  if (!c.leadUnitCode && !c.leadLeader) invalid('leadUnitCode', 'name a new lead unit or lead leader');
  if (c.leadUnitCode !== undefined) requireText('leadUnitCode', c.leadUnitCode, FIELD_LIMITS.unitCode);
  if (c.leadLeader !== undefined) requireText('leadLeader', c.leadLeader, FIELD_LIMITS.leader);
  requireText('reason', c.reason);
};

export function registerOwnershipHandlers(ctx: MeasureContext): void {
  const reassign = command(ctx, 'reassign', validateReassign, async (c) => {
    const from = { leadUnitCode: ctx.st.leadUnitCode, leadLeader: ctx.st.leadLeader };
    const next = draft(ctx);
    next.leadUnitCode = c.leadUnitCode ?? next.leadUnitCode;
    next.leadLeader = c.leadLeader ?? next.leadLeader;
    redeliverOnReassign(ctx, next, next.leadUnitCode !== from.leadUnitCode);
    await commit(ctx, next, {
      kind: 'reassigned',
      actor: c.actor,
      detail: {
        from,
        to: { leadUnitCode: next.leadUnitCode, leadLeader: next.leadLeader },
        reason: c.reason.trim(),
      },
      notify: [
        { addresseeKind: 'unit', addressee: next.leadUnitCode, subject: 'measure assigned to your unit' },
      ],
    });
  });
  setHandler(reassignUpdate, reassign.handler, { validator: reassign.validator });
}
