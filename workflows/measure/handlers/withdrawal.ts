// 调出/核销: a withdrawal needs the office's approval; the office may also withdraw directly.
// A measure with open sub-measures is not withdrawn: they are followed on their own and would be
// left without a parent, so the office withdraws (or finishes) them first.
import { setHandler } from '@temporalio/workflow';
import {
  DecisionInput,
  decideWithdrawalUpdate,
  RequestWithdrawalInput,
  requestWithdrawalUpdate,
  WithdrawInput,
  withdrawUpdate,
} from '../measure.contract';
import { command, commit, draft, MeasureContext } from '../measure-context';
import { MeasureState } from '../measure-state';
import { invalid, refuse, requireText } from '../measure-validators';

function refuseWithOpenChildren(st: MeasureState): void {
  const open = st.children.filter((ch) => ch.status !== 'withdrawn' && ch.status !== 'closed');
  if (open.length)
    refuse(
      `withdraw its sub-measures first: ${open.map((ch) => `${ch.measureCode} (${ch.status})`).join(', ')}`,
    );
}

export const validateRequestWithdrawal = (st: MeasureState, c: RequestWithdrawalInput) => {
  if (st.withdrawalRequest) refuse('a withdrawal request is already waiting for a decision');
  requireText('justification', c.justification);
};

export const validateDecideWithdrawal = (st: MeasureState, c: DecisionInput) => {
  if (!st.withdrawalRequest) refuse('there is no withdrawal request to decide');
  if (typeof c.approve !== 'boolean') invalid('approve', 'must be true or false');
  if (!c.approve) requireText('reason', c.reason);
  if (c.approve) refuseWithOpenChildren(st);
};

export const validateWithdraw = (st: MeasureState, c: WithdrawInput) => {
  requireText('reason', c.reason);
  refuseWithOpenChildren(st);
};

export function registerWithdrawalHandlers(ctx: MeasureContext): void {
  const withdrawNow = async (actor: string, detail: Record<string, unknown>) => {
    const next = draft(ctx);
    next.withdrawalRequest = null;
    next.closedAt = new Date().toISOString();
    next.status = 'withdrawn';
    next.overdueLevel = 0;
    await commit(ctx, next, { kind: 'withdrawn', actor, detail });
  };

  const request = command(ctx, 'requestWithdrawal', validateRequestWithdrawal, async (c) => {
    const next = draft(ctx);
    next.withdrawalRequest = { actor: c.actor, justification: c.justification.trim() };
    await commit(ctx, next, {
      kind: 'withdrawal_requested',
      actor: c.actor,
      detail: { justification: next.withdrawalRequest.justification },
      notify: [{ addresseeKind: 'office', addressee: ctx.input.planCode, subject: 'withdrawal requested' }],
    });
  });
  setHandler(requestWithdrawalUpdate, request.handler, { validator: request.validator });

  const decide = command(ctx, 'decideWithdrawal', validateDecideWithdrawal, async (c) => {
    const asked = ctx.st.withdrawalRequest;
    if (c.approve) {
      await withdrawNow(c.actor, { request: asked, reason: c.reason?.trim() });
      return;
    }
    const next = draft(ctx);
    next.withdrawalRequest = null;
    await commit(ctx, next, {
      kind: 'withdrawal_denied',
      actor: c.actor,
      detail: { request: asked, reason: c.reason?.trim() },
    });
  });
  setHandler(decideWithdrawalUpdate, decide.handler, { validator: decide.validator });

  const withdraw = command(ctx, 'withdraw', validateWithdraw, (c) =>
    withdrawNow(c.actor, { reason: c.reason.trim() }),
  );
  setHandler(withdrawUpdate, withdraw.handler, { validator: withdraw.validator });
}
