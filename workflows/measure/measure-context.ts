// One context per workflow run: the state, the lock that serialises every state change, and the
// one way a change is made — record it first, then apply it — so the state never runs ahead of
// the record and a failed record leaves the state as it was.
import { Mutex } from 'async-mutex';
import {
  ActivityFailure,
  ApplicationFailure,
  currentUpdateInfo,
  patched,
  proxyActivities,
  proxyLocalActivities,
  workflowInfo,
} from '@temporalio/workflow';
import type { MeasureActivities, NotificationRequest } from '../../activities/measure.activities';
import { ladderRuns, MeasureCommand } from '../../libs/domain/src/measure-status';
import { MeasureSnapshot, MeasureWorkflowInput, RECORDING_FAILED } from './measure.contract';
import { guard } from './measure-validators';
import { initialState, MeasureState, rememberUpdate, rowProjection, snapshotOf } from './measure-state';

// Engine v2 (serialised handlers, record before state, versioned deadlines, tolerant parent
// signals, continue-as-new after due steps). Runs that began before it keep the old paths, so
// their histories replay; see test/fixtures/histories.
export const ENGINE_V2_PATCH = 'measure-engine-v2';
export const LONG_TERM_REVIEWS_PATCH = 'long-term-reviews';
// 补录: progress reports, claims and verifications may carry a past `occurredAt`. Runs that began
// before it refuse one, so their histories replay as they were.
export const BACKDATED_ENTRIES_PATCH = 'backdated-entries';
// The workflow's own records (ladder steps, lights, look-backs, reviews, plan closure) are local
// activities: written in the workflow task that decided them, so a step costs one workflow task
// (and one replay, for a workflow out of the cache) instead of two and waits on no activity queue.
// Runs that began before keep scheduling them as activities, so their histories replay.
export const LOCAL_OWN_RECORDS_PATCH = 'measure-local-own-records';

// A command's record is bounded: if the database stays away, the command fails with nothing
// changed and the caller may send it again.
export const commandActivities = proxyActivities<MeasureActivities>({
  startToCloseTimeout: '30 seconds',
  scheduleToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});
// The ladder's records are not: a step that fell due must be recorded however long it takes.
const OWN_RECORD_OPTIONS = {
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
} as const;
export const ladderActivities = proxyActivities<MeasureActivities>(OWN_RECORD_OPTIONS);
// After a minute of failed attempts in the workflow task (the SDK's local retry threshold) the
// next attempts wait on timers, so a database away for hours holds no workflow task open.
const localOwnRecords = proxyLocalActivities<MeasureActivities>(OWN_RECORD_OPTIONS);

export interface MeasureContext {
  readonly input: MeasureWorkflowInput;
  readonly workflowId: string;
  readonly st: MeasureState;
  readonly lock: Mutex;
  readonly v2: boolean;
  // Periodic reviews instead of the ladder (input.reviewsOnly, under the long-term-reviews patch).
  readonly reviewsOnly: boolean;
  // Whether this run takes backdated entries (BACKDATED_ENTRIES_PATCH).
  readonly backdated: boolean;
  // Bumped by every change; wakes the escalation loop to recompute its next timer.
  version: number;
  // Each draft's state at the time it was taken: `commit` applies only what the handler changed.
  readonly drafts: WeakMap<MeasureState, MeasureState>;
}

export function createMeasureContext(input: MeasureWorkflowInput): MeasureContext {
  return {
    input,
    workflowId: workflowInfo().workflowId,
    st: initialState(input),
    lock: new Mutex(),
    v2: patched(ENGINE_V2_PATCH),
    // Asked only of runs started reviews-only, so the histories of every other run are unchanged.
    reviewsOnly: input.reviewsOnly === true && patched(LONG_TERM_REVIEWS_PATCH),
    backdated: patched(BACKDATED_ENTRIES_PATCH),
    version: 0,
    drafts: new WeakMap(),
  };
}

// Past steps are caught up (only the highest one fires) at start, on resuming after a pause and
// after the deadline or the policy changes; otherwise a due step fires as scheduled.
export function changed(ctx: MeasureContext, opts: { catchUp?: boolean } = {}): void {
  ctx.version++;
  if (opts.catchUp) ctx.st.catchingUp = true;
}

export function snapshot(ctx: MeasureContext): MeasureSnapshot {
  const s = snapshotOf(ctx.st, ctx.v2);
  // A reviews-only measure runs no ladder: no step is next.
  return ctx.reviewsOnly ? { ...s, nextStep: null } : s;
}

export interface EventRecord {
  readonly kind: string;
  readonly actor: string;
  readonly detail: Record<string, unknown>;
  readonly notify?: NotificationRequest[];
  // Sign-off: the activity stores the sha-256 of `detail.approved` and returns it.
  readonly hashApproved?: boolean;
  readonly signedOffAt?: string;
  // The change moves the deadline or the policy: catch up on what is now past.
  readonly catchUp?: boolean;
  // Events of the workflow's own (ladder, look-back, review, plan closure): retried until recorded.
  readonly unbounded?: boolean;
  // A ladder step: its level and its own idempotency key and time, instead of the command's.
  readonly step?: { readonly level: number; readonly idempotencyKey: string; readonly occurredAt: string };
  // A backdated command (补录): when it happened; recorded now, marked `enteredLater` in its detail.
  readonly occurredAt?: string;
  // Events of the same moment recorded with this one, in its transaction, each after it (a ladder
  // step's light change): one local activity and one workflow activation instead of one each.
  readonly companions?: readonly CompanionRecord[];
}

export interface CompanionRecord {
  readonly kind: string;
  readonly actor: string;
  readonly detail: Record<string, unknown>;
}

// Records the event for the state `next` and applies to the state what the handler changed in
// it. Under v2 the record comes first, so a failed record leaves the state as it was; runs from
// before v2 applied the change first (commands) or after (ladder steps), and replay needs them to
// keep doing so. The counters are taken before the await, so concurrent records never share a key.
export async function commit(
  ctx: MeasureContext,
  next: MeasureState,
  e: EventRecord,
): Promise<{ contentHash: string | null }> {
  const base = ctx.drafts.get(next) ?? ctx.st;
  const eventSeq = e.step ? ctx.st.eventSeq : ++ctx.st.eventSeq;
  const seq = ++ctx.st.recordSeq;
  // Each companion takes the key and sequence its own record would have taken after this one.
  const companions = (e.companions ?? []).map((c) => ({
    idempotencyKey: `${ctx.workflowId}/event/${++ctx.st.eventSeq}`,
    seq: ++ctx.st.recordSeq,
    kind: c.kind,
    level: 0,
    occurredAt: new Date().toISOString(),
    actor: c.actor,
    detail: c.detail,
  }));
  const apply = () => {
    const resumes = !ladderRuns(ctx.st.status) && ladderRuns(next.status);
    for (const key of Object.keys(next) as (keyof MeasureState)[]) {
      if (key !== 'eventSeq' && key !== 'recordSeq' && next[key] !== base[key])
        (ctx.st as Record<string, unknown>)[key] = next[key];
    }
    changed(ctx, { catchUp: resumes || e.catchUp });
  };
  const applyFirst = !ctx.v2 && !e.step;
  if (applyFirst) apply();
  const own = e.unbounded || e.step;
  // Asked only for the workflow's own records, so runs that made none replay unchanged.
  const activities = own
    ? patched(LOCAL_OWN_RECORDS_PATCH)
      ? localOwnRecords
      : ladderActivities
    : commandActivities;
  let result: { contentHash: string | null };
  try {
    result = await activities.recordMeasureEvent({
      workflowId: ctx.workflowId,
      idempotencyKey: e.step?.idempotencyKey ?? `${ctx.workflowId}/event/${eventSeq}`,
      seq,
      kind: e.kind,
      level: e.step?.level ?? 0,
      occurredAt: e.step?.occurredAt ?? e.occurredAt ?? new Date().toISOString(),
      actor: e.actor,
      detail: e.occurredAt ? { ...e.detail, enteredLater: true } : e.detail,
      effects: { ...rowProjection(next), ...(e.signedOffAt ? { signedOffAt: e.signedOffAt } : {}) },
      notify: e.notify ?? [],
      hashApproved: e.hashApproved ?? false,
      ...(companions.length ? { companions } : {}),
    });
  } catch (err) {
    throw ctx.v2 ? recordingFailed(err) : err;
  }
  if (!applyFirst) apply();
  return result;
}

export function recordingFailed(err: unknown): ApplicationFailure {
  const cause = err instanceof ActivityFailure && err.cause ? err.cause : err;
  const message = cause instanceof Error ? cause.message : String(cause);
  return ApplicationFailure.create({
    type: RECORDING_FAILED,
    message: `the outcome could not be recorded, nothing changed: ${message}`,
    nonRetryable: true,
  });
}

// The state as the handler's draft: a shallow copy to change and hand to `commit`.
export function draft(ctx: MeasureContext): MeasureState {
  const next = { ...ctx.st };
  ctx.drafts.set(next, { ...ctx.st });
  return next;
}

// Registers a state-changing command: the guard (open plan, allowed status, actor) and its own
// validator run when the update arrives and again
// inside the lock (the state may have moved on while it waited); a retried update id that was
// applied by an earlier run answers with the state and changes nothing.
export function command<I extends { actor: string }>(
  ctx: MeasureContext,
  name: MeasureCommand,
  validate: (st: MeasureState, c: I) => void,
  run: (c: I) => Promise<unknown>,
): { handler: (c: I) => Promise<MeasureSnapshot>; validator: (c: I) => void } {
  const validator = (c: I) => {
    guard(ctx.st, name, c?.actor);
    validate(ctx.st, c);
  };
  const apply = async (c: I, updateId: string | undefined) => {
    if (ctx.v2) {
      if (updateId && ctx.st.updateIds.includes(updateId)) return snapshot(ctx);
      validator(c);
    }
    await run(c);
    if (ctx.v2 && updateId) ctx.st.updateIds = rememberUpdate(ctx.st, updateId);
    return snapshot(ctx);
  };
  return {
    validator,
    handler: (c: I) => {
      const updateId = currentUpdateInfo()?.id;
      return ctx.v2 ? ctx.lock.runExclusive(() => apply(c, updateId)) : apply(c, updateId);
    },
  };
}
