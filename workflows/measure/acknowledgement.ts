// 签收 in the measure workflow: when the policy asks for it, the measure is delivered to its lead
// unit at start (and again on reassignment to another unit, or when the office confirms a
// returned assignment), and until the unit acknowledges it a short ladder of its own runs
// (acknowledgement-policy.ts): 催签 to the unit, then 逾期未签收 to the lead leader and the office.
// Deliveries and steps are recorded by the escalation loop, retried until recorded, like the
// main ladder's steps; the commands are in handlers/acknowledgement.ts.
import { patched } from '@temporalio/workflow';
import {
  acknowledgeByFrom,
  checkAcknowledgementPolicy,
  AcknowledgementLadderStep,
  AcknowledgementPolicy,
  planAcknowledgementLadder,
} from '../../libs/domain/src/acknowledgement-policy';
import { ladderRuns } from '../../libs/domain/src/measure-status';
import type { NotificationRequest } from '../../activities/measure.activities';
import type { AcknowledgementState } from './measure.contract';
import { commit, draft, MeasureContext } from './measure-context';
import type { MeasureState } from './measure-state';

// Runs that began before 签收 existed never call it: their policies have no `acknowledgement`.
export const ACKNOWLEDGEMENT_PATCH = 'measure-acknowledgement';

const iso = (ms: number) => new Date(ms).toISOString();

// The policy a new delivery runs under: the measure's policy now, or, when a later policy dropped
// 签收, the one of the delivery before (a unit that returned an assignment still signs for it).
// Null: no acknowledgement is required.
export function deliveryPolicy(ctx: MeasureContext): AcknowledgementPolicy | null {
  const now = ctx.st.policy.acknowledgement;
  if (now !== undefined && patched(ACKNOWLEDGEMENT_PATCH)) return now;
  return ctx.st.acknowledgement?.policy ?? null;
}

// The first reason a 签收 policy cannot run with or without a calendar (null: none), located under
// `policy.` for applyPolicy and applyCalendar. A working-day limit with no calendar to count on
// would fail the workflow task, so a calendar is never taken from a delivery that needs one.
export function acknowledgementProblem(
  policy: AcknowledgementPolicy | undefined,
  calendar: boolean,
): { path: string; message: string } | null {
  if (policy === undefined) return null;
  const [problem] = checkAcknowledgementPolicy(policy, { calendar });
  return problem ? { path: `policy.${problem.path}`, message: problem.message } : null;
}

// A new delivery to the measure's lead unit, from now; the loop records it.
export function newDelivery(
  st: MeasureState,
  policy: AcknowledgementPolicy,
  nowMs: number,
): AcknowledgementState {
  return {
    status: 'pending',
    unitCode: st.leadUnitCode,
    delivery: (st.acknowledgement?.delivery ?? 0) + 1,
    deliveredAt: iso(nowMs),
    acknowledgeBy: iso(acknowledgeByFrom(nowMs, policy, st.calendar)),
    policy,
    announced: false,
    handledSteps: [],
    acknowledgedAt: null,
    returned: null,
  };
}

// At the start of a fresh run (not one continued as new): delivered to the lead unit if required.
export function deliverOnStart(ctx: MeasureContext): void {
  if (ctx.input.carried) return;
  const policy = deliveryPolicy(ctx);
  if (policy) ctx.st.acknowledgement = newDelivery(ctx.st, policy, Date.now());
}

// A reassignment to another unit delivers anew; so does any reassignment answering a return.
export function redeliverOnReassign(ctx: MeasureContext, next: MeasureState, unitChanged: boolean): void {
  if (!unitChanged && next.acknowledgement?.status !== 'returned') return;
  const policy = deliveryPolicy(ctx);
  if (policy) next.acknowledgement = newDelivery(next, policy, Date.now());
}

// One tick of the escalation loop: records an unannounced delivery, then fires (or skips) the
// due step of the short ladder. 'acted', the time of the next step, or null when none is pending.
export async function fireAcknowledgementDue(
  ctx: MeasureContext,
  nowMs: number,
): Promise<'acted' | number | null> {
  const ack = ctx.st.acknowledgement;
  if (!ack) return null;
  if (!ack.announced) {
    await announce(ctx, ack);
    return 'acted';
  }
  // Paused like the main ladder while a claim is under review; over once signed, returned or ended.
  if (ack.status !== 'pending' || !ladderRuns(ctx.st.status)) return null;
  const step = planAcknowledgementLadder(Date.parse(ack.acknowledgeBy), ack.policy, ctx.st.calendar).find(
    (s) => !ack.handledSteps.includes(s.key),
  );
  if (!step) return null;
  if (step.fireAtMs > nowMs) return step.fireAtMs;
  // A reminder meant for before the delivery (a limit shorter than its lead) is never sent late.
  if (step.fireAtMs < Date.parse(ack.deliveredAt))
    ctx.st.acknowledgement = { ...ack, handledSteps: [...ack.handledSteps, step.key] };
  else await fire(ctx, ack, step);
  return 'acted';
}

async function announce(ctx: MeasureContext, ack: AcknowledgementState): Promise<void> {
  const next = draft(ctx);
  next.acknowledgement = { ...ack, announced: true };
  await commit(ctx, next, {
    kind: 'assignment_delivered',
    actor: 'rectify:acknowledgement',
    detail: { acknowledgeBy: ack.acknowledgeBy, unitCode: ack.unitCode, delivery: ack.delivery },
    notify: [
      {
        addresseeKind: 'unit',
        addressee: ack.unitCode,
        subject: `assignment delivered: acknowledge (签收) by ${ack.acknowledgeBy}`,
      },
    ],
    // Dated at the delivery, and keyed by its number like the short ladder's steps.
    step: {
      level: 0,
      idempotencyKey: `${ctx.workflowId}/acknowledgement#${ack.delivery}/delivered`,
      occurredAt: ack.deliveredAt,
    },
  });
}

// 催签 goes to the unit; 逾期未签收 to the lead leader and the office, who see who has not signed.
async function fire(
  ctx: MeasureContext,
  ack: AcknowledgementState,
  step: AcknowledgementLadderStep,
): Promise<void> {
  const next = draft(ctx);
  next.acknowledgement = { ...ack, handledSteps: [...ack.handledSteps, step.key] };
  const subject = `${step.kind} (${ack.unitCode} to acknowledge by ${ack.acknowledgeBy})`;
  const notify: NotificationRequest[] =
    step.kind === 'acknowledgement_reminder'
      ? [{ addresseeKind: 'unit', addressee: ack.unitCode, subject }]
      : [
          { addresseeKind: 'leader', addressee: next.leadLeader, subject },
          { addresseeKind: 'office', addressee: ctx.input.planCode, subject },
        ];
  await commit(ctx, next, {
    kind: step.kind,
    actor: 'rectify:escalation-ladder',
    detail: {
      stepKey: step.key,
      delivery: ack.delivery,
      unitCode: ack.unitCode,
      acknowledgeBy: ack.acknowledgeBy,
      addressee: notify.map((n) => n.addressee).join(', '),
    },
    notify,
    // The delivery's number is part of the key: the same step of a later delivery is a new event.
    step: {
      level: 0,
      idempotencyKey: `${ctx.workflowId}/acknowledgement#${ack.delivery}/${step.key}`,
      occurredAt: iso(step.fireAtMs),
    },
  });
}
