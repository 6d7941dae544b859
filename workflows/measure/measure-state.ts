// The measure workflow's state and the pure rules that read it. JSON only (it is carried across
// continue-as-new), no Temporal calls: the handlers and the escalation loop change it.
import type { MeasureEffects } from '../../activities/measure.activities';
import { LadderStep, planLadder } from '../../libs/domain/src/escalation-ladder';
import { isOpen, ladderRuns } from '../../libs/domain/src/measure-status';
import type {
  FiredStep,
  IndicatorState,
  LadderStepView,
  MeasureRunState,
  MeasureSnapshot,
  MeasureWorkflowInput,
} from './measure.contract';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
export type MeasureState = Mutable<Omit<MeasureSnapshot, 'nextStep'> & MeasureRunState>;

// Recent update ids kept for de-duplication across runs; older retries are long given up.
const KEPT_UPDATE_IDS = 200;

export function initialState(input: MeasureWorkflowInput): MeasureState {
  if (input.carried) {
    // Runs before v2 carried the whole snapshot, its next step included.
    const { nextStep: _, ...carried } = input.carried as typeof input.carried & { nextStep?: unknown };
    return {
      ...carried,
      calendar: carried.calendar ?? null,
      recordSeq: carried.recordSeq ?? carried.eventSeq + carried.firedSteps.length,
      planClosedBy: carried.planClosedBy ?? null,
      catchingUp: carried.catchingUp ?? true,
      parentToldOf: carried.parentToldOf ?? carried.status,
      updateIds: carried.updateIds ?? [],
    };
  }
  const milestones = [...(input.milestones ?? [])]
    .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt))
    .map((m) => ({ ...m, reachedAt: null }));
  return {
    status: 'assigned',
    track: input.track,
    dueAt: new Date(Date.parse(input.dueAt)).toISOString(),
    deadlineVersion: 1,
    policy: input.policy,
    calendar: input.calendar ?? null,
    leadUnitCode: input.leadUnitCode,
    leadLeader: input.leadLeader,
    overdueLevel: 0,
    indicators: [...(input.indicators ?? [])],
    milestones,
    referralItems: (input.referralItems ?? []).map((i) => ({ ...i, outcome: null })),
    firedSteps: [],
    skippedSteps: [],
    progressReports: 0,
    claim: null,
    signOff: null,
    extensionRequest: null,
    withdrawalRequest: null,
    lookBackDueAt: null,
    lookBackAnnounced: false,
    nextReviewAt: null,
    children: [],
    closedAt: null,
    eventSeq: 0,
    recordSeq: 0,
    planClosedBy: null,
    catchingUp: true,
    parentToldOf: null,
    updateIds: [],
  };
}

// The deadline the ladder runs against: the earliest unreached milestone, then the measure's own.
export interface LadderTarget {
  readonly target: string;
  readonly deadline: string;
  readonly dueAtMs: number;
  // Set for the final deadline only: milestone deadlines never move.
  readonly deadlineVersion?: number;
}

export function currentTarget(st: MeasureState, versioned: boolean): LadderTarget {
  const milestone = st.milestones.find((m) => m.reachedAt === null);
  if (milestone) {
    const dueAtMs = Date.parse(milestone.dueAt);
    return { target: milestone.code, deadline: new Date(dueAtMs).toISOString(), dueAtMs };
  }
  const dueAtMs = Date.parse(st.dueAt);
  return {
    target: 'final',
    deadline: new Date(dueAtMs).toISOString(),
    dueAtMs,
    ...(versioned ? { deadlineVersion: st.deadlineVersion } : {}),
  };
}

// A step's identity within the measure: target, then the deadline's version (the final deadline
// under engine v2) or its instant (milestones, and runs from before v2), then the step key.
export function stepIdentity(t: { target: string; deadline: string; deadlineVersion?: number }, key: string) {
  return t.deadlineVersion === undefined
    ? `${t.target}@${t.deadline}/${key}`
    : `${t.target}#v${t.deadlineVersion}/${key}`;
}

// Whether a recorded step belongs to the deadline now running. Steps recorded before engine v2
// carry no version and are matched by instant, so a run continued from one never fires them twice.
export function sameDeadline(s: LadderStepView, at: LadderTarget): boolean {
  if (s.target !== at.target) return false;
  return s.deadlineVersion !== undefined && at.deadlineVersion !== undefined
    ? s.deadlineVersion === at.deadlineVersion
    : s.deadline === at.deadline;
}

export function pendingSteps(
  st: MeasureState,
  versioned: boolean,
): { at: LadderTarget; steps: LadderStep[] } {
  const at = currentTarget(st, versioned);
  const done = new Set(
    [...st.firedSteps, ...st.skippedSteps].filter((s) => sameDeadline(s, at)).map((s) => s.key),
  );
  return { at, steps: planLadder(at.dueAtMs, st.policy, st.calendar).filter((s) => !done.has(s.key)) };
}

export function stepView(step: LadderStep, at: LadderTarget): LadderStepView {
  return {
    key: step.key,
    kind: step.kind,
    level: step.level,
    fireAt: new Date(step.fireAtMs).toISOString(),
    target: at.target,
    deadline: at.deadline,
    ...(at.deadlineVersion === undefined ? {} : { deadlineVersion: at.deadlineVersion }),
  };
}

export function snapshotOf(st: MeasureState, versioned: boolean): MeasureSnapshot {
  let nextStep: LadderStepView | null = null;
  if (ladderRuns(st.status)) {
    const { at, steps } = pendingSteps(st, versioned);
    if (steps.length) nextStep = stepView(steps[0], at);
  }
  const {
    recordSeq: _r,
    planClosedBy: _p,
    catchingUp: _c,
    parentToldOf: _t,
    updateIds: _u,
    ...snapshot
  } = st;
  return {
    ...snapshot,
    nextStep,
    firedSteps: [...st.firedSteps],
    skippedSteps: [...st.skippedSteps],
    acknowledgement: st.acknowledgement ?? null,
  };
}

// What every event sets on the measure's read-model row: the whole projection, so the newest
// event alone decides the row, whatever order the records arrive in.
export function rowProjection(st: MeasureState): MeasureEffects {
  return {
    status: st.status,
    overdueLevel: st.overdueLevel,
    dueAt: st.dueAt,
    leadUnitCode: st.leadUnitCode,
    leadLeader: st.leadLeader,
    policy: st.policy,
    indicators: st.indicators,
    // 签收: only on measures that need it, so the events of every other measure are as before.
    ...(st.acknowledgement
      ? { acknowledgement: st.acknowledgement.status, acknowledgeBy: st.acknowledgement.acknowledgeBy }
      : {}),
    // 亮灯 (lights.ts): none once the measure is no longer open; absent on runs that keep no light.
    ...(st.light === undefined ? {} : { light: carriesLight(st) ? st.light : null }),
  };
}

// 亮灯: a measure carries a light while it is open and has not ended with its plan.
export function carriesLight(st: Pick<MeasureState, 'status' | 'planClosedBy'>): boolean {
  return isOpen(st.status) && st.planClosedBy === null;
}

// What the next run needs and no more: steps of the deadline now running (older deadlines can
// never fire again), children that may still change, recent update ids. The rest is in the read model.
export function carriedState(st: MeasureState, versioned: boolean): MeasureState {
  const at = currentTarget(st, versioned);
  const current = (s: LadderStepView) => sameDeadline(s, at);
  return {
    ...st,
    firedSteps: st.firedSteps.filter(current) as FiredStep[],
    skippedSteps: st.skippedSteps.filter(current),
    children: st.children.filter((ch) => ch.status !== 'withdrawn'),
    updateIds: st.updateIds.slice(-KEPT_UPDATE_IDS),
  };
}

export function rememberUpdate(st: MeasureState, id: string): string[] {
  return [...st.updateIds, id].slice(-KEPT_UPDATE_IDS);
}

export function applyIndicatorValues(
  indicators: readonly IndicatorState[],
  values: readonly { code: string; current: number }[],
): IndicatorState[] {
  return indicators.map((ind) => {
    const v = values.find((x) => x.code === ind.code);
    return v ? { ...ind, current: v.current } : ind;
  });
}
