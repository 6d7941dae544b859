// The measure workflow's side effects: each records an outcome in the read model exactly once.
import { ApplicationFailure } from '@temporalio/common';
import type { MeasureEventKind } from '../libs/persistence/src/entities/measure-event.entity';
import {
  MeasureEventRepository,
  MeasureRowEffects,
  UnknownMeasureError,
} from '../libs/persistence/src/repositories/measure-event.repository';
import { MeasureRepository } from '../libs/persistence/src/repositories/measure.repository';

// What an event changes on the measure's read-model row.
export type MeasureEffects = MeasureRowEffects;

// A request to tell someone; delivery channels (inbox, e-mail, webhook) read these rows.
export interface NotificationRequest {
  readonly addresseeKind: 'unit' | 'leader' | 'verifier' | 'office' | 'discipline';
  readonly addressee: string;
  readonly subject: string;
}

export interface RecordMeasureEventInput {
  readonly workflowId: string;
  readonly idempotencyKey: string;
  readonly kind: string;
  readonly level: number;
  readonly occurredAt: string;
  readonly actor: string;
  readonly detail: Record<string, unknown>;
  readonly effects: MeasureEffects;
  readonly notify: readonly NotificationRequest[];
  // Sign-off: store the sha-256 of `detail.approved`, so what was approved can be proven later.
  readonly hashApproved: boolean;
}

export interface RegisterSubMeasuresInput {
  readonly parentWorkflowId: string;
  readonly planCode: string;
  readonly subMeasures: readonly {
    code: string;
    title: string;
    leadUnitCode: string;
    leadLeader: string;
    dueAt: string;
  }[];
}

export class MeasureActivities {
  constructor(
    private readonly events: MeasureEventRepository,
    private readonly measures: MeasureRepository,
  ) {}

  async recordMeasureEvent(
    input: RecordMeasureEventInput,
  ): Promise<{ recorded: boolean; contentHash: string | null }> {
    try {
      return await this.events.recordOnce({
        workflowId: input.workflowId,
        idempotencyKey: input.idempotencyKey,
        kind: input.kind as MeasureEventKind,
        level: input.level,
        occurredAt: new Date(input.occurredAt),
        actor: input.actor,
        detail: input.detail,
        effects: input.effects,
        notify: input.notify,
        hashApproved: input.hashApproved,
      });
    } catch (e) {
      // A workflow without its read-model row will not heal by retrying: stop and say so.
      if (e instanceof UnknownMeasureError)
        throw ApplicationFailure.nonRetryable(e.message, 'UNKNOWN_MEASURE');
      throw e;
    }
  }

  async registerSubMeasures(input: RegisterSubMeasuresInput): Promise<void> {
    try {
      await this.measures.registerSubMeasures(input.parentWorkflowId, input.subMeasures);
    } catch (e) {
      if (e instanceof UnknownMeasureError)
        throw ApplicationFailure.nonRetryable(e.message, 'UNKNOWN_MEASURE');
      throw e;
    }
  }
}

// The worker registers plain functions; binding keeps `this` when Temporal calls them.
export function measureActivityFunctions(
  a: MeasureActivities,
): Pick<MeasureActivities, 'recordMeasureEvent' | 'registerSubMeasures'> {
  return {
    recordMeasureEvent: a.recordMeasureEvent.bind(a),
    registerSubMeasures: a.registerSubMeasures.bind(a),
  };
}
