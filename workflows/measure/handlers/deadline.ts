// 延期, deadline changes, policy versions and working calendars: everything that moves when the
// ladder fires.
import { setHandler } from '@temporalio/workflow';
import { checkEscalationPolicy } from '../../../libs/domain/src/escalation-ladder';
import { checkLightRule } from '../../../libs/domain/src/measure-light';
import { validateCalendar, WorkingCalendar } from '../../../libs/domain/src/working-calendar';
import {
  ApplyCalendarInput,
  applyCalendarUpdate,
  ApplyPolicyInput,
  applyPolicyUpdate,
  ChangeDeadlineInput,
  changeDeadlineUpdate,
  DecisionInput,
  decideExtensionUpdate,
  RequestExtensionInput,
  requestExtensionUpdate,
} from '../measure.contract';
import { acknowledgementProblem } from '../acknowledgement';
import { command, commit, draft, MeasureContext } from '../measure-context';
import { MeasureState } from '../measure-state';
import { invalid, refuse, requireInstant, requireText } from '../measure-validators';

// A new deadline: a new version, and the ladder starts again from level 0 (catching up on what is past).
export function movedDeadline(next: MeasureState, dueAt: string): void {
  next.dueAt = new Date(Date.parse(dueAt)).toISOString();
  next.deadlineVersion++;
  next.overdueLevel = 0;
}

export const validateRequestExtension = (st: MeasureState, c: RequestExtensionInput) => {
  if (st.extensionRequest) refuse('an extension request is already waiting for a decision');
  const ms = requireInstant('requestedDueAt', c.requestedDueAt);
  if (ms <= Date.parse(st.dueAt))
    invalid('requestedDueAt', `must be later than the current deadline ${st.dueAt}`);
  requireText('reason', c.reason);
};

export const validateDecideExtension = (st: MeasureState, c: DecisionInput) => {
  if (!st.extensionRequest) refuse('there is no extension request to decide');
  if (typeof c.approve !== 'boolean') invalid('approve', 'must be true or false');
  if (!c.approve) requireText('reason', c.reason);
};

export const validateChangeDeadline = (_: MeasureState, c: ChangeDeadlineInput) => {
  requireInstant('dueAt', c.dueAt);
  requireText('reason', c.reason);
};

export const validateApplyPolicy = (st: MeasureState, c: ApplyPolicyInput) => {
  if (
    !c.policy ||
    typeof c.policy.version !== 'string' ||
    !Array.isArray(c.policy.steps) ||
    !c.policy.steps.length
  )
    invalid('policy', 'must have a version and at least one step');
  const problem = checkEscalationPolicy(c.policy, { calendar: st.calendar !== null })[0];
  if (problem) invalid(`policy.steps[${problem.index}].${problem.field}`, problem.message);
  const ack = acknowledgementProblem(c.policy.acknowledgement, st.calendar !== null);
  if (ack) invalid(ack.path, ack.message);
  const light = c.policy.lights ? checkLightRule(c.policy.lights)[0] : undefined;
  if (light) invalid(`policy.lights.${light.field}`, light.message);
};

// The calendar as the validator accepted it (defaults filled in), or null for none.
function calendarOf(c: ApplyCalendarInput): WorkingCalendar | null {
  if (c.calendar === null) return null;
  const r = validateCalendar(c.calendar);
  if (!r.ok) {
    const [first] = r.problems;
    return invalid(first.path ? `calendar.${first.path}` : 'calendar', first.message);
  }
  return r.calendar;
}

export const validateApplyCalendar = (st: MeasureState, c: ApplyCalendarInput) => {
  if (c.calendar === undefined) invalid('calendar', 'must be a working calendar, or null for none');
  const calendar = calendarOf(c);
  // Taking the calendar away would leave working-day offsets with nothing to count on.
  const problem =
    checkEscalationPolicy(st.policy, { calendar: calendar !== null })[0] ??
    acknowledgementProblem(st.policy.acknowledgement, calendar !== null) ??
    acknowledgementProblem(st.acknowledgement?.policy, calendar !== null);
  if (problem)
    invalid('calendar', `policy ${st.policy.version} needs a working calendar: ${problem.message}`);
};

export function registerDeadlineHandlers(ctx: MeasureContext): void {
  // Asked by the unit, decided by the office; an approval moves every pending timer.
  const request = command(ctx, 'requestExtension', validateRequestExtension, async (c) => {
    const next = draft(ctx);
    next.extensionRequest = {
      actor: c.actor,
      requestedDueAt: new Date(Date.parse(c.requestedDueAt)).toISOString(),
      reason: c.reason.trim(),
    };
    await commit(ctx, next, {
      kind: 'extension_requested',
      actor: c.actor,
      detail: { ...next.extensionRequest },
      notify: [{ addresseeKind: 'office', addressee: ctx.input.planCode, subject: 'extension requested' }],
    });
  });
  setHandler(requestExtensionUpdate, request.handler, { validator: request.validator });

  const decide = command(ctx, 'decideExtension', validateDecideExtension, async (c) => {
    const asked = ctx.st.extensionRequest;
    const next = draft(ctx);
    next.extensionRequest = null;
    if (c.approve && asked) {
      movedDeadline(next, asked.requestedDueAt);
      await commit(ctx, next, {
        kind: 'extension_approved',
        actor: c.actor,
        detail: { from: asked, dueAt: next.dueAt, reason: c.reason?.trim() },
        notify: [
          {
            addresseeKind: 'unit',
            addressee: next.leadUnitCode,
            subject: `extension approved: due ${next.dueAt}`,
          },
        ],
        catchUp: true,
      });
    } else {
      await commit(ctx, next, {
        kind: 'extension_denied',
        actor: c.actor,
        detail: { request: asked, reason: c.reason?.trim() },
        notify: [{ addresseeKind: 'unit', addressee: next.leadUnitCode, subject: 'extension denied' }],
      });
    }
  });
  setHandler(decideExtensionUpdate, decide.handler, { validator: decide.validator });

  // The office moves the deadline directly, e.g. when a re-imported plan changed it.
  const change = command(ctx, 'changeDeadline', validateChangeDeadline, async (c) => {
    const from = ctx.st.dueAt;
    const next = draft(ctx);
    movedDeadline(next, c.dueAt);
    await commit(ctx, next, {
      kind: 'deadline_changed',
      actor: c.actor,
      detail: { from, dueAt: next.dueAt, reason: c.reason.trim() },
      notify: [
        {
          addresseeKind: 'unit',
          addressee: next.leadUnitCode,
          subject: `deadline changed: due ${next.dueAt}`,
        },
      ],
      catchUp: true,
    });
  });
  setHandler(changeDeadlineUpdate, change.handler, { validator: change.validator });

  // A new escalation policy version, applied only by an explicit command after a preview.
  const policy = command(ctx, 'applyPolicy', validateApplyPolicy, async (c) => {
    const from = ctx.st.policy.version;
    const next = draft(ctx);
    next.policy = c.policy;
    await commit(ctx, next, {
      kind: 'policy_applied',
      actor: c.actor,
      detail: { from, to: c.policy.version },
      catchUp: true,
    });
  });
  setHandler(applyPolicyUpdate, policy.handler, { validator: policy.validator });

  // The plan's calendar changed (the office edited it, or a re-import names another): pending
  // steps move to where the new calendar puts them, catching up on what is now past.
  const calendar = command(ctx, 'applyCalendar', validateApplyCalendar, async (c) => {
    const from = ctx.st.calendar?.code ?? null;
    const next = draft(ctx);
    next.calendar = calendarOf(c);
    await commit(ctx, next, {
      kind: 'calendar_applied',
      actor: c.actor,
      detail: { from, to: next.calendar?.code ?? null },
      catchUp: true,
    });
  });
  setHandler(applyCalendarUpdate, calendar.handler, { validator: calendar.validator });
}
