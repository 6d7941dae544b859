// 整改措施: one rectification measure, followed durably from assignment to sign-off, look-back and
// close. Deterministic code only: time comes from the workflow clock, effects go through
// activities. Each rule lives in one small file:
//   measure-state.ts       the state and the pure rules that read it
//   measure-context.ts     one context per run: lock, record-then-apply, engine-v2 patch
//   measure-validators.ts  how a command is refused
//   handlers/*.ts          the commands, each with its validator beside it
//   escalation-loop.ts     the ladder, look-backs, reviews, plan closure, continue-as-new
//   acknowledgement.ts     签收: deliveries to the lead unit and their short ladder
//   plan-sub-measures.ts   sub-measures the plan writes down, followed from the start
import { allHandlersFinished, condition, continueAsNew, setHandler } from '@temporalio/workflow';
import { MeasureOutcome, measureStateQuery, MeasureWorkflowInput } from './measure.contract';
import { createMeasureContext, snapshot } from './measure-context';
import { runEscalationLoop } from './escalation-loop';
import { deliverOnStart } from './acknowledgement';
import { registerAcknowledgementHandlers } from './handlers/acknowledgement';
import { registerClaimVerificationHandlers } from './handlers/claim-verification';
import { registerDeadlineHandlers } from './handlers/deadline';
import { registerDecompositionHandlers } from './handlers/decomposition';
import { registerLookBackHandlers } from './handlers/look-back';
import { registerOwnershipHandlers } from './handlers/ownership';
import { registerPlanClosureHandlers } from './handlers/plan-closure';
import { registerProgressHandlers } from './handlers/progress';
import { registerTargetAdjustmentHandlers } from './handlers/target-adjustment';
import { registerWithdrawalHandlers } from './handlers/withdrawal';
import { startLights } from './lights';
import { followPlannedSubMeasures } from './plan-sub-measures';

export async function measureWorkflow(input: MeasureWorkflowInput): Promise<MeasureOutcome> {
  const ctx = createMeasureContext(input);
  followPlannedSubMeasures(ctx);
  // 签收: a fresh measure whose policy asks for it is delivered to its lead unit first.
  deliverOnStart(ctx);
  startLights(ctx);
  // Every handler is registered before the first await: messages buffered before the run
  // started are delivered as the handlers are set.
  setHandler(measureStateQuery, () => snapshot(ctx));
  registerProgressHandlers(ctx);
  registerClaimVerificationHandlers(ctx);
  registerDeadlineHandlers(ctx);
  registerWithdrawalHandlers(ctx);
  registerOwnershipHandlers(ctx);
  registerLookBackHandlers(ctx);
  registerDecompositionHandlers(ctx);
  registerPlanClosureHandlers(ctx);
  registerAcknowledgementHandlers(ctx);
  registerTargetAdjustmentHandlers(ctx);

  await runEscalationLoop(ctx, (next) => continueAsNew<typeof measureWorkflow>(next));

  await condition(allHandlersFinished);
  return { status: ctx.st.status, closedAt: ctx.st.closedAt ?? new Date().toISOString() };
}
