// How the measure workflow refuses a command. Validators are synchronous and read-only; they run
// when the update arrives and again inside the handler's lock, where the state may have moved on.
import { ApplicationFailure } from '@temporalio/workflow';
import { backdateProblem } from '../../libs/domain/src/backdated-entry';
import { FIELD_LIMITS } from '../../libs/domain/src/field-limits';
import { isCommandAllowed, MeasureCommand } from '../../libs/domain/src/measure-status';
import { COMMAND_INVALID, COMMAND_REFUSED } from './measure.contract';
import type { MeasureState } from './measure-state';

// The measure's state does not allow it (409).
export function refuse(message: string): never {
  throw ApplicationFailure.create({ type: COMMAND_REFUSED, message, nonRetryable: true });
}

// Invalid input (400). The message starts with the offending field, so the API can name it.
export function invalid(field: string, message: string): never {
  throw ApplicationFailure.create({
    type: COMMAND_INVALID,
    message: `${field}: ${message}`,
    nonRetryable: true,
  });
}

export function requireText(field: string, value: unknown, maxLength = 10_000): void {
  if (typeof value !== 'string' || !value.trim()) invalid(field, 'must not be empty');
  if (value.length > maxLength) invalid(field, `must be at most ${maxLength} characters`);
}

export function requireInstant(field: string, value: unknown): number {
  const ms = typeof value === 'string' ? Date.parse(value) : NaN;
  if (typeof value !== 'string' || !/[zZ]|[+-]\d{2}:\d{2}$/.test(value) || Number.isNaN(ms)) {
    invalid(field, 'must be an instant with offset, e.g. 2026-12-31T16:00:00Z');
  }
  return ms;
}

// What every command must pass first: an open plan, a status that accepts it, a storable actor.
export function guard(st: MeasureState, command: MeasureCommand, actor: unknown): void {
  if (st.planClosedBy !== null) refuse('the plan is closed');
  if (!isCommandAllowed(st.status, command))
    refuse(`a measure in status ${st.status} cannot accept ${command}`);
  requireText('actor', actor, FIELD_LIMITS.actor);
}

export function checkIndicatorValues(
  indicators: readonly { code: string }[],
  values: readonly { code: string; current: number }[],
): void {
  if (!Array.isArray(values)) invalid('indicators', 'must be a list of {code, current}');
  values.forEach((v, i) => {
    if (!indicators.some((ind) => ind.code === v?.code))
      invalid(`indicators[${i}].code`, `unknown indicator ${String(v?.code)}`);
    if (typeof v.current !== 'number' || !Number.isFinite(v.current))
      invalid(`indicators[${i}].current`, 'must be a number');
  });
}

// 补录: a command's `occurredAt`, when given, must be a past instant by the workflow's own clock
// (and, for a verification, not before the claim it decides). The API checks the plan's feedback
// date and the server's clock first; this is the workflow's own word on "future".
export function checkOccurredAt(accepts: boolean, value: unknown, claimedAt?: string): void {
  if (value === undefined) return;
  if (!accepts) invalid('occurredAt', "this measure's workflow started before entries could be backdated");
  const problem = backdateProblem(value, {
    now: Date.now(),
    claimedAt: claimedAt === undefined ? undefined : Date.parse(claimedAt),
  });
  if (problem) invalid('occurredAt', problem.message);
}

// When a command happened: its `occurredAt` (补录), else now.
export function occurredAtOf(c: { occurredAt?: string }): string {
  return new Date(c.occurredAt === undefined ? Date.now() : Date.parse(c.occurredAt)).toISOString();
}
