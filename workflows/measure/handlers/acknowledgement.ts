// 签收 and 退回: the lead unit acknowledges the assignment delivered to it, or returns it with a
// reason; the office answers a return by reassigning (handlers/ownership.ts delivers to the new
// unit) or by confirming it, after which the same unit must acknowledge a new delivery. Who may
// send these is the API's question (the responsible unit only); the state's is here.
import { setHandler } from '@temporalio/workflow';
import {
  AcknowledgeInput,
  acknowledgeUpdate,
  ConfirmAssignmentInput,
  confirmAssignmentUpdate,
  ReturnAssignmentInput,
  returnAssignmentUpdate,
} from '../measure.contract';
import { deliveryPolicy, newDelivery } from '../acknowledgement';
import { command, commit, draft, MeasureContext } from '../measure-context';
import { MeasureState } from '../measure-state';
import { refuse, requireText } from '../measure-validators';

// The delivery a unit may answer: one that is pending and announced.
function pendingDelivery(st: MeasureState) {
  const ack = st.acknowledgement;
  if (!ack) refuse('this measure needs no acknowledgement (签收): its policy asks for none');
  if (ack.status === 'acknowledged')
    refuse(`the assignment was already acknowledged (签收) at ${ack.acknowledgedAt}`);
  if (ack.status === 'returned')
    refuse('the assignment was returned (退回): the office reassigns or confirms it first');
  if (!ack.announced) refuse('the assignment is being delivered: send it again in a moment');
  return ack;
}

export const validateAcknowledge = (st: MeasureState, _: AcknowledgeInput) => {
  pendingDelivery(st);
};

export const validateReturnAssignment = (st: MeasureState, c: ReturnAssignmentInput) => {
  pendingDelivery(st);
  requireText('reason', c.reason);
};

export const validateConfirmAssignment = (st: MeasureState, _: ConfirmAssignmentInput) => {
  if (st.acknowledgement?.status !== 'returned') refuse('there is no returned assignment (退回) to confirm');
};

export function registerAcknowledgementHandlers(ctx: MeasureContext): void {
  // Late when signed after the limit; the time it took counts from the delivery.
  const acknowledge = command(ctx, 'acknowledge', validateAcknowledge, async (c) => {
    const ack = pendingDelivery(ctx.st);
    const now = Date.now();
    const next = draft(ctx);
    next.acknowledgement = { ...ack, status: 'acknowledged', acknowledgedAt: new Date(now).toISOString() };
    await commit(ctx, next, {
      kind: 'assignment_acknowledged',
      actor: c.actor,
      detail: {
        acknowledgeBy: ack.acknowledgeBy,
        late: now > Date.parse(ack.acknowledgeBy),
        tookMs: now - Date.parse(ack.deliveredAt),
        unitCode: ack.unitCode,
        delivery: ack.delivery,
      },
    });
  });
  setHandler(acknowledgeUpdate, acknowledge.handler, { validator: acknowledge.validator });

  // The short ladder stops; the office is told and decides.
  const giveBack = command(ctx, 'returnAssignment', validateReturnAssignment, async (c) => {
    const ack = pendingDelivery(ctx.st);
    const reason = c.reason.trim();
    const next = draft(ctx);
    next.acknowledgement = {
      ...ack,
      status: 'returned',
      returned: { actor: c.actor, reason, at: new Date().toISOString() },
    };
    await commit(ctx, next, {
      kind: 'assignment_returned',
      actor: c.actor,
      detail: { reason, unitCode: ack.unitCode, delivery: ack.delivery },
      notify: [
        {
          addresseeKind: 'office',
          addressee: ctx.input.planCode,
          subject: `assignment returned (退回) by ${ack.unitCode}: reassign or confirm it`,
        },
      ],
    });
  });
  setHandler(returnAssignmentUpdate, giveBack.handler, { validator: giveBack.validator });

  // The office keeps the assignment with the unit: a return is not a refusal to sign, so the unit
  // is delivered to again, with a new limit from now, and must acknowledge it.
  const confirm = command(ctx, 'confirmAssignment', validateConfirmAssignment, async (c) => {
    const returned = ctx.st.acknowledgement!;
    const next = draft(ctx);
    next.acknowledgement = newDelivery(next, deliveryPolicy(ctx) ?? returned.policy, Date.now());
    await commit(ctx, next, {
      kind: 'assignment_confirmed',
      actor: c.actor,
      detail: {},
      notify: [
        {
          addresseeKind: 'unit',
          addressee: returned.unitCode,
          subject: 'return (退回) not accepted: the assignment stays with your unit',
        },
      ],
    });
  });
  setHandler(confirmAssignmentUpdate, confirm.handler, { validator: confirm.validator });
}
