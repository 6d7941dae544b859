import { createHash } from 'node:crypto';
import { checkAcknowledgementPolicy } from '../../../../libs/domain/src/acknowledgement-policy';
import type { EscalationPolicy } from '../../../../libs/domain/src/escalation-ladder';
import { checkEscalationPolicy, previewPolicyChange } from '../../../../libs/domain/src/escalation-ladder';
import { checkLightRule } from '../../../../libs/domain/src/measure-light';
import type { PlanEntity } from '../../../../libs/persistence/src/entities/plan.entity';
import { validationFailed } from '../common/parse-input';
import type { MeasureSnapshot } from '../../../../workflows/measure/measure.contract';

// Proof that the caller saw the preview of this policy for this plan before applying it.
export function previewToken(planId: string, policy: EscalationPolicy): string {
  return (
    createHash('sha256')
      // 签收 and the light rule only when present, so the token of a policy without them is as
      // before; with them, a rule changed after its preview needs a new preview.
      .update(
        JSON.stringify([
          planId,
          policy.version,
          policy.steps,
          ...(policy.acknowledgement ? [policy.acknowledgement] : []),
          ...(policy.lights ? [{ lights: policy.lights }] : []),
        ]),
      )
      .digest('hex')
      .slice(0, 32)
  );
}

// Working-day offsets count on the plan's calendar: refused, at their path, on a plan without one.
// A light rule (亮灯) is checked here too, every problem named at once.
export function refuseUncountable(plan: PlanEntity, policy: EscalationPolicy): void {
  const calendar = plan.calendarCode !== null;
  const problems = [
    ...checkEscalationPolicy(policy, { calendar }).map((p) => ({
      path: `body.policy.steps[${p.index}].${p.field}`,
      message: p.message,
    })),
    ...(policy.acknowledgement ? checkAcknowledgementPolicy(policy.acknowledgement, { calendar }) : []).map(
      (p) => ({ path: `body.policy.${p.path}`, message: p.message }),
    ),
  ];
  for (const p of policy.lights ? checkLightRule(policy.lights) : [])
    problems.push({ path: `body.policy.lights.${p.field}`, message: p.message });
  if (!problems.length) return;
  throw validationFailed('body', problems);
}

// The moves for one running measure, from its live state (its calendar included), by the same
// function its workflow uses.
export function measurePreview(state: MeasureSnapshot, policy: EscalationPolicy) {
  const target = state.nextStep?.target ?? 'final';
  const deadline = state.nextStep?.deadline ?? state.dueAt;
  const handled = new Set(
    [...state.firedSteps, ...state.skippedSteps]
      .filter((s) => s.target === target && s.deadline === deadline)
      .map((s) => s.key),
  );
  // Runs from before calendars report none.
  const calendar = state.calendar ?? null;
  return previewPolicyChange(Date.parse(deadline), state.policy, policy, handled, calendar).map((m) => ({
    kind: m.kind,
    ordinal: m.ordinal,
    from: m.fromMs === null ? null : new Date(m.fromMs).toISOString(),
    to: m.toMs === null ? null : new Date(m.toMs).toISOString(),
  }));
}
