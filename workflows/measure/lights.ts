// 亮灯: the measure keeps its traffic light (libs/domain/src/measure-light.ts) as its state moves
// and as time passes. The escalation loop asks `keepLight` after its own due work: a light that
// differs from the one last recorded is recorded as one `light_changed` event (with a notice, as
// a ladder step has), otherwise the loop's one timer also waits for the instant the light would
// next change by time alone. Commands never record a light themselves: every change wakes the
// loop, which looks again. Runs from before the `measure-lights` patch keep no light.
import { patched } from '@temporalio/workflow';
import {
  checkLightRule,
  DEFAULT_LIGHT_RULE,
  LightRule,
  lightAt,
  MeasureLight,
  MeasureLightFacts,
  nextLightChangeAt,
  shareDone,
} from '../../libs/domain/src/measure-light';
import type { NotificationRequest } from '../../activities/measure.activities';
import { commit, CompanionRecord, draft, MeasureContext } from './measure-context';
import { carriesLight, MeasureState } from './measure-state';

export const LIGHTS_PATCH = 'measure-lights';
export const LIGHTS_ACTOR = 'rectify:lights';
// A ladder step that moves the light (the default rule's yellow and red fall when its reminder and
// 催办 do) records the change in the step's own record. Before it the loop found the change after
// the step and recorded it on its own: a second local activity, workflow activation and
// transaction for every such step. Runs without the marker replay that way.
export const STEP_RECORDS_LIGHT_PATCH = 'measure-step-records-light';

// When this run last looked at the light (workflow time): a ladder step fired since then told the
// unit at this moment already (the default rule's yellow and red fall when its reminder and 催办 do).
const lookedAt = new WeakMap<MeasureContext, number>();

// Called once as the run starts. A new measure starts with the light of its assignment, which its
// read-model row was given when it was created (lightOnAssignment), so nothing is recorded; a run
// continued from one that kept no light starts from none, and its first light is recorded.
export function startLights(ctx: MeasureContext): void {
  const { st } = ctx;
  lookedAt.set(ctx, Date.now());
  if (!patched(LIGHTS_PATCH) || st.light !== undefined) return;
  const now = Date.now();
  st.lightSpanFrom = new Date(now).toISOString();
  st.light = ctx.input.carried ? null : lightAt(ruleOf(st), lightFacts(st), now).light;
}

// The policy's rule, or the default one. A policy reaches a run only after checkLightRule passed
// (plan import, policy API, the applyPolicy validator); one that did not is never let stop the run.
export function ruleOf(st: Pick<MeasureState, 'policy'>): LightRule {
  const rule = st.policy.lights;
  return rule && checkLightRule(rule).length === 0 ? rule : DEFAULT_LIGHT_RULE;
}

// The measure as the rule reads it: open while assigned, in progress or claimed, and not ended
// with its plan; the span from the assignment to the final deadline; the share done of its
// indicators (an indicator without a value counts as nothing done) or milestones.
export function lightFacts(st: MeasureState): MeasureLightFacts {
  return {
    open: carriesLight(st),
    startMs: Date.parse(st.lightSpanFrom ?? st.dueAt),
    deadlineMs: Date.parse(st.dueAt),
    shareDone: shareDone(
      st.indicators.map((i) => ({ target: i.target, current: i.current ?? 0 })),
      { reached: st.milestones.filter((m) => m.reachedAt !== null).length, total: st.milestones.length },
    ),
  };
}

// The light change a ladder step brings about at this moment, to record with the step (as
// `keepLight` would record it right after, told by the step); `next` is the step's draft and takes
// the new light. Null when the light stays or the run keeps none.
export function lightMovedByStep(
  ctx: MeasureContext,
  next: MeasureState,
  toldBy: string,
): CompanionRecord | null {
  const { st } = ctx;
  if (st.light === undefined) return null;
  const rule = ruleOf(next);
  const facts = lightFacts(next);
  const now = Date.now();
  const { light, reason } = lightAt(rule, facts, now);
  if (light === null || light === st.light || !patched(STEP_RECORDS_LIGHT_PATCH)) return null;
  lookedAt.set(ctx, now);
  next.light = light;
  return {
    kind: 'light_changed',
    actor: LIGHTS_ACTOR,
    detail: { from: st.light, to: light, reason, dueAt: st.dueAt, rule: rule.version, toldBy },
  };
}

// Records the light if it moved; else the instant it would next move by time alone (null: never).
// A measure that is no longer open drops its light without an event: the status event that ended
// it already cleared the read model's light, and a reopened measure records its light anew.
export async function keepLight(ctx: MeasureContext): Promise<'acted' | number | null> {
  const { st } = ctx;
  if (st.light === undefined) return null;
  const rule = ruleOf(st);
  const facts = lightFacts(st);
  const now = Date.now();
  const since = lookedAt.get(ctx) ?? now;
  lookedAt.set(ctx, now);
  const { light, reason } = lightAt(rule, facts, now);
  if (light === null) {
    st.light = null;
    return null;
  }
  if (light === st.light) return nextLightChangeAt(rule, facts, now);
  // One moment, one notice: a change that comes with a ladder step is told by that step.
  const step = st.firedSteps.find((s) => Date.parse(s.firedAt) >= since);
  const next = draft(ctx);
  next.light = light;
  await commit(ctx, next, {
    kind: 'light_changed',
    actor: LIGHTS_ACTOR,
    detail: {
      from: st.light,
      to: light,
      reason,
      dueAt: st.dueAt,
      rule: rule.version,
      ...(step ? { toldBy: step.kind } : {}),
    },
    notify: step ? [] : [lightNotice(st, light, reason)],
    unbounded: true,
  });
  return 'acted';
}

// Like a ladder step below 督办, the notice goes to the responsible unit.
function lightNotice(st: MeasureState, light: MeasureLight, reason: string): NotificationRequest {
  return {
    addresseeKind: 'unit',
    addressee: st.leadUnitCode,
    subject: `light ${light} (${reason}, final due ${st.dueAt})`,
  };
}
