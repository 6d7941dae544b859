// The measure's own clock: fires ladder steps as they fall due (督办升级), announces look-backs
// and periodic reviews, ends the run on withdrawal or plan closure, and continues as new when
// the history grows long. Waits on one condition with the next due time as its timeout.
import {
  allHandlersFinished,
  condition,
  getExternalWorkflowHandle,
  patched,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { ESCALATION_LEVEL, ladderPositionAt, LadderStep } from '../../libs/domain/src/escalation-ladder';
import { addIsoDuration } from '../../libs/domain/src/iso-duration';
import { isOpen, ladderRuns } from '../../libs/domain/src/measure-status';
import {
  ChildState,
  childStatusSignal,
  MeasureWorkflowInput,
  SA_DUE_AT,
  SA_LIGHT,
  SA_OVERDUE_LEVEL,
  SA_PLAN,
  SA_STATUS,
  SA_TRACK,
  SA_UNIT,
} from './measure.contract';
import { commit, draft, MeasureContext } from './measure-context';
import { fireAcknowledgementDue } from './acknowledgement';
import {
  carriedState,
  carriesLight,
  LadderTarget,
  pendingSteps,
  stepIdentity,
  stepView,
} from './measure-state';
import { keepLight, lightMovedByStep } from './lights';

const DEFAULT_REVIEW_EVERY = 'P3M';
const DEFAULT_HISTORY_LIMIT = 10_000;

// Plan closure became a recorded event without a patch; runs from before it end without one.
export const PLAN_CLOSED_RECORDED_PATCH = 'measure-plan-closed-recorded';

// A sub-measure whose status changed while it told its parent of the one before (the signal's round
// trip lets an update run) tells the parent again at once. Before this patch the loop then waited
// for the change after it, and the parent kept the older status until the next (a verified
// sub-measure stayed "claimed" to its measure). Asked only when that happens, so a run records the
// marker only then.
export const TELL_PARENT_AGAIN_PATCH = 'measure-tell-parent-again';

// 'acted': something was recorded, look again; otherwise the time of the next due work, if any.
type Tick = 'acted' | { wakeAt: number | null };

export async function runEscalationLoop(
  ctx: MeasureContext,
  continueWith: (input: MeasureWorkflowInput) => Promise<never>,
): Promise<void> {
  const { st } = ctx;
  let searchKey = '';
  for (;;) {
    const turn = ctx.version;
    if (ctx.input.searchAttributes) searchKey = syncSearchAttributes(ctx, searchKey);
    await tellParent(ctx);
    if (ctx.version !== turn && patched(TELL_PARENT_AGAIN_PATCH)) continue;
    if (st.status === 'withdrawn') return;
    if (st.planClosedBy !== null) {
      await (ctx.v2 ? ctx.lock.runExclusive(() => endWithPlan(ctx)) : endWithPlan(ctx));
      return;
    }
    // Before v2 the history was checked before due steps fired, so a step due at that moment
    // reached the next run only as a catch-up.
    if (!ctx.v2) await continueIfLong(ctx, continueWith);
    const seen = ctx.version;
    const tick = ctx.v2 ? await ctx.lock.runExclusive(() => fireDue(ctx)) : await fireDue(ctx);
    if (tick === 'acted') continue;
    if (ctx.v2) {
      await continueIfLong(ctx, continueWith);
      if (ctx.version !== seen) continue;
    }
    const next = tick.wakeAt;
    if (next === null) await condition(() => ctx.version !== seen);
    else await condition(() => ctx.version !== seen, Math.max(1, next - Date.now()));
  }
}

async function continueIfLong(
  ctx: MeasureContext,
  continueWith: (input: MeasureWorkflowInput) => Promise<never>,
) {
  const info = workflowInfo();
  if (!info.continueAsNewSuggested && info.historyLength <= (ctx.input.historyLimit ?? DEFAULT_HISTORY_LIMIT))
    return;
  await condition(allHandlersFinished);
  // A signal or update that arrived while handlers finished is in the state, and so is carried.
  await continueWith({ ...ctx.input, carried: carriedState(ctx.st, ctx.v2) });
}

async function fireDue(ctx: MeasureContext): Promise<Tick> {
  const { st } = ctx;
  const wakeAt: number[] = [];
  const now = Date.now();
  const every = ctx.input.reviewEvery ?? DEFAULT_REVIEW_EVERY;
  // Reviews-only (长期坚持): the first review falls one cadence after the run starts.
  if (ctx.reviewsOnly && isOpen(st.status) && !st.nextReviewAt)
    st.nextReviewAt = new Date(addIsoDuration(now, every)).toISOString();
  if (ladderRuns(st.status) && !ctx.reviewsOnly) {
    const { at, steps } = pendingSteps(st, ctx.v2);
    if (steps.length && steps[0].fireAtMs <= now) {
      if (st.catchingUp) {
        const position = ladderPositionAt(steps, now);
        if (position.catchUp) await fire(ctx, position.catchUp, at, true, position.skipped);
        else st.skippedSteps = [...st.skippedSteps, ...position.skipped.map((s) => stepView(s, at))];
      } else {
        await fire(ctx, steps[0], at, false, []);
      }
      return 'acted';
    }
    if (steps.length) wakeAt.push(steps[0].fireAtMs);
  }
  const acknowledgement = await fireAcknowledgementDue(ctx, now);
  if (acknowledgement === 'acted') return 'acted';
  if (acknowledgement !== null) wakeAt.push(acknowledgement);
  if (st.status === 'verified' && st.lookBackDueAt && !st.lookBackAnnounced) {
    if (Date.parse(st.lookBackDueAt) <= now) {
      const next = draft(ctx);
      next.lookBackAnnounced = true;
      await commit(ctx, next, {
        kind: 'look_back_due',
        actor: 'rectify:look-back',
        detail: { dueAt: st.lookBackDueAt },
        notify: [
          { addresseeKind: 'verifier', addressee: st.leadUnitCode, subject: 'look-back (回头看) due' },
        ],
        unbounded: true,
      });
      return 'acted';
    }
    wakeAt.push(Date.parse(st.lookBackDueAt));
  }
  if ((st.status === 'verified' || (ctx.reviewsOnly && isOpen(st.status))) && st.nextReviewAt) {
    if (Date.parse(st.nextReviewAt) <= now) {
      const dueAt = st.nextReviewAt;
      const next = draft(ctx);
      next.nextReviewAt = new Date(addIsoDuration(Date.parse(dueAt), every)).toISOString();
      await commit(ctx, next, {
        kind: 'review_due',
        actor: 'rectify:review',
        detail: { dueAt },
        notify: [
          { addresseeKind: 'unit', addressee: st.leadUnitCode, subject: 'periodic review (季分析) due' },
        ],
        unbounded: true,
      });
      return 'acted';
    }
    wakeAt.push(Date.parse(st.nextReviewAt));
  }
  // A reviews-only measure has no deadline for its light to run towards.
  const light = ctx.reviewsOnly ? null : await keepLight(ctx);
  if (light === 'acted') return 'acted';
  if (light !== null) wakeAt.push(light);
  st.catchingUp = false;
  return { wakeAt: wakeAt.length ? Math.min(...wakeAt) : null };
}

// One ladder step, addressed to whoever owns the measure now: the unit below 督办, the lead
// leader from 督办 on. On catching up, the passed steps below it are recorded as skipped.
async function fire(
  ctx: MeasureContext,
  step: LadderStep,
  at: LadderTarget,
  catchUp: boolean,
  skipped: readonly LadderStep[],
): Promise<void> {
  const toLeader = ESCALATION_LEVEL[step.kind] >= ESCALATION_LEVEL.supervision_notice;
  const next = draft(ctx);
  const addressee = toLeader ? next.leadLeader : next.leadUnitCode;
  const view = stepView(step, at);
  next.skippedSteps = [...next.skippedSteps, ...skipped.map((s) => stepView(s, at))];
  next.firedSteps = [...next.firedSteps, { ...view, firedAt: new Date().toISOString(), catchUp }];
  next.overdueLevel = Math.max(next.overdueLevel, step.level);
  const light = lightMovedByStep(ctx, next, step.kind);
  await commit(ctx, next, {
    kind: step.kind,
    actor: 'rectify:escalation-ladder',
    detail: {
      stepKey: step.key,
      target: at.target,
      deadline: at.deadline,
      ...(at.deadlineVersion === undefined ? {} : { deadlineVersion: at.deadlineVersion }),
      addressee,
      ...(catchUp ? { catchUp: true, skipped: skipped.map((s) => s.key) } : {}),
    },
    notify: [
      {
        addresseeKind: toLeader ? 'leader' : 'unit',
        addressee,
        subject: `${step.kind} (${at.target} due ${at.deadline})`,
      },
    ],
    // The deadline (its version under v2) is part of the key: after an extension the same step
    // of the new deadline is a new event.
    step: {
      level: step.level,
      idempotencyKey: `${ctx.workflowId}/${stepIdentity(at, step.key)}`,
      occurredAt: view.fireAt,
    },
    ...(light ? { companions: [light] } : {}),
  });
}

// The plan is closed: the measure ends where it stands, and the record says so and at what status.
async function endWithPlan(ctx: MeasureContext): Promise<void> {
  if (!patched(PLAN_CLOSED_RECORDED_PATCH)) return;
  const next = draft(ctx);
  next.closedAt = new Date().toISOString();
  await commit(ctx, next, {
    kind: 'plan_closed',
    actor: ctx.st.planClosedBy ?? '',
    detail: { status: ctx.st.status, overdueLevel: ctx.st.overdueLevel },
    unbounded: true,
  });
}

// A sub-measure tells its parent of each new status. The parent may have finished (withdrawn,
// closed with its plan): under v2 the child goes on without it.
async function tellParent(ctx: MeasureContext): Promise<void> {
  const { st, input } = ctx;
  if (!input.parentWorkflowId || st.parentToldOf === st.status) return;
  st.parentToldOf = st.status;
  const child: ChildState = {
    measureCode: input.measureCode,
    workflowId: ctx.workflowId,
    leadUnitCode: st.leadUnitCode,
    status: st.status,
  };
  try {
    await getExternalWorkflowHandle(input.parentWorkflowId).signal(childStatusSignal, child);
  } catch (err) {
    if (!ctx.v2) throw err;
  }
}

function syncSearchAttributes(ctx: MeasureContext, lastKey: string): string {
  const { st } = ctx;
  // 亮灯 runs under `measure-lights` only (light undefined otherwise); unset while not open.
  const light = st.light === undefined ? undefined : carriesLight(st) ? st.light : null;
  const key = `${st.status}|${st.leadUnitCode}|${st.overdueLevel}|${st.dueAt}|${light}`;
  if (key === lastKey) return key;
  upsertSearchAttributes([
    { key: SA_PLAN, value: ctx.input.planCode },
    { key: SA_UNIT, value: st.leadUnitCode },
    { key: SA_STATUS, value: st.status },
    { key: SA_TRACK, value: st.track },
    { key: SA_OVERDUE_LEVEL, value: st.overdueLevel },
    { key: SA_DUE_AT, value: new Date(st.dueAt) },
    ...(light === undefined ? [] : [{ key: SA_LIGHT, value: light }]),
  ]);
  return key;
}
