// The measure workflow's side effects: each records an outcome in the read model, once.
import { ApplicationFailure } from '@temporalio/common';
import type { EscalationStepKind } from '../libs/domain/src/escalation-ladder';
import {
  MeasureEventRepository,
  UnknownMeasureError,
} from '../libs/persistence/src/repositories/measure-event.repository';

export interface RecordEscalationStepInput {
  readonly workflowId: string;
  readonly dueAt: string;
  readonly step: { readonly key: string; readonly kind: EscalationStepKind; readonly level: number };
  readonly fireAt: string;
  readonly catchUp: boolean;
  readonly skipped: readonly string[];
  readonly leadUnitCode: string;
  readonly leadLeader: string;
}

export interface RecordCompletionInput {
  readonly workflowId: string;
  readonly completedAt: string;
  readonly actor: string;
  readonly note: string;
}

export class MeasureActivities {
  constructor(private readonly events: MeasureEventRepository) {}

  async recordEscalationStep(input: RecordEscalationStepInput): Promise<{ recorded: boolean }> {
    return this.record(() =>
      this.events.recordOnce({
        workflowId: input.workflowId,
        // The deadline is part of the key: after an extension the same step of the new deadline is a new event.
        idempotencyKey: `${input.workflowId}/due@${input.dueAt}/${input.step.key}`,
        kind: input.step.kind,
        level: input.step.level,
        occurredAt: new Date(input.fireAt),
        actor: 'rectify:escalation-ladder',
        detail: {
          stepKey: input.step.key,
          dueAt: input.dueAt,
          addressee:
            input.step.kind === 'reminder' || input.step.kind === 'overdue_notice'
              ? input.leadUnitCode
              : input.leadLeader,
          ...(input.catchUp ? { catchUp: true, skipped: input.skipped } : {}),
        },
      }),
    );
  }

  async recordCompletion(input: RecordCompletionInput): Promise<{ recorded: boolean }> {
    return this.record(() =>
      this.events.recordOnce({
        workflowId: input.workflowId,
        idempotencyKey: `${input.workflowId}/completed`,
        kind: 'completed',
        level: 0,
        occurredAt: new Date(input.completedAt),
        actor: input.actor,
        detail: { note: input.note },
      }),
    );
  }

  private async record(write: () => Promise<{ recorded: boolean }>): Promise<{ recorded: boolean }> {
    try {
      const { recorded } = await write();
      return { recorded };
    } catch (e) {
      // A workflow without its read-model row will not heal by retrying: stop and say so.
      if (e instanceof UnknownMeasureError)
        throw ApplicationFailure.nonRetryable(e.message, 'UNKNOWN_MEASURE');
      throw e;
    }
  }
}

// The worker registers plain functions; binding keeps `this` when Temporal calls them.
export function measureActivityFunctions(
  a: MeasureActivities,
): Pick<MeasureActivities, 'recordEscalationStep' | 'recordCompletion'> {
  return {
    recordEscalationStep: a.recordEscalationStep.bind(a),
    recordCompletion: a.recordCompletion.bind(a),
  };
}
