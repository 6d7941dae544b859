// The measure workflow's side effects: each records an outcome in the read model exactly once.
import { ApplicationFailure } from '@temporalio/common';
import type { MeasureEventKind } from '../libs/persistence/src/entities/measure-event.entity';
import {
  MeasureEventRepository,
  MeasureRowEffects,
  RecordedMeasureEvent,
  UnknownMeasureError,
} from '../libs/persistence/src/repositories/measure-event.repository';
import {
  MeasureRepository,
  SubMeasureCodeTakenError,
} from '../libs/persistence/src/repositories/measure.repository';
import { isDataError } from '../libs/persistence/src/data-errors';
import { isLadderStep, LadderMetrics } from '../libs/observability/src/ladder-metrics';
import { DATA_REFUSED, SUB_MEASURE_CODE_TAKEN } from '../workflows/measure/measure.contract';

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
  // The workflow's count of recorded events; absent from runs before engine v2's sequence.
  readonly seq?: number;
  readonly kind: string;
  readonly level: number;
  readonly occurredAt: string;
  readonly actor: string;
  readonly detail: Record<string, unknown>;
  readonly effects: MeasureEffects;
  readonly notify: readonly NotificationRequest[];
  // Sign-off: store the sha-256 of `detail.approved`, so what was approved can be proven later.
  readonly hashApproved: boolean;
  // Events recorded in the same transaction after this one (a ladder step's light change).
  readonly companions?: readonly CompanionEventInput[];
}

type CompanionEventInput = Pick<
  RecordMeasureEventInput,
  'idempotencyKey' | 'seq' | 'kind' | 'level' | 'occurredAt' | 'actor' | 'detail'
>;

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

// Test-only fault injection (RECTIFY_FAULT_KILL_AFTER_COMMIT): called after an event's transaction
// committed and before the activity completes, so a crash there loses only the completion.
export type AfterCommitHook = (input: RecordMeasureEventInput) => void;

// Starts the delivery of an event's notification requests once they are committed.
export interface NoticeDispatcher {
  dispatch(requestIds: readonly string[]): Promise<void>;
}

// Opens the accountability case a 问责移送 step names (once per step key) and starts its clock.
export interface ReferralCaseOpener {
  openForLadderReferral(r: {
    readonly workflowId: string;
    readonly idempotencyKey: string;
    readonly occurredAt: string;
    readonly stepKey?: string;
  }): Promise<unknown>;
}

// What the worker adds to the bare recording: delivery of notices, cases for 问责移送, metrics,
// and the crash tests' fault hook.
export interface MeasureActivityOptions {
  readonly afterCommit?: AfterCommitHook;
  readonly dispatcher?: NoticeDispatcher;
  readonly requestIdsOfEvent?: (eventId: string) => Promise<string[]>;
  readonly cases?: ReferralCaseOpener;
  readonly ladderMetrics?: LadderMetrics;
}

export class MeasureActivities {
  private readonly afterCommit?: AfterCommitHook;
  private readonly dispatcher?: NoticeDispatcher;
  private readonly requestIdsOfEvent?: (eventId: string) => Promise<string[]>;
  private readonly cases?: ReferralCaseOpener;
  private readonly ladderMetrics?: LadderMetrics;

  constructor(
    private readonly events: MeasureEventRepository,
    private readonly measures: MeasureRepository,
    o: MeasureActivityOptions = {},
  ) {
    this.afterCommit = o.afterCommit;
    this.dispatcher = o.dispatcher;
    this.requestIdsOfEvent = o.requestIdsOfEvent;
    this.cases = o.cases;
    this.ladderMetrics = o.ladderMetrics;
  }

  async recordMeasureEvent(
    input: RecordMeasureEventInput,
  ): Promise<{ recorded: boolean; contentHash: string | null }> {
    let result: RecordedMeasureEvent;
    try {
      result = await this.events.recordOnce({
        workflowId: input.workflowId,
        idempotencyKey: input.idempotencyKey,
        seq: input.seq,
        kind: input.kind as MeasureEventKind,
        level: input.level,
        occurredAt: new Date(input.occurredAt),
        actor: input.actor,
        detail: input.detail,
        effects: input.effects,
        notify: input.notify,
        hashApproved: input.hashApproved,
        companions: input.companions?.map((c) => ({
          ...c,
          kind: c.kind as MeasureEventKind,
          occurredAt: new Date(c.occurredAt),
        })),
      });
    } catch (e) {
      throw nonRetryableIfPermanent(e);
    }
    // Only a step this attempt recorded: a retry that found it recorded fired nothing new.
    if (result.recorded && isLadderStep(input.kind))
      this.ladderMetrics?.stepRecorded(
        input.kind,
        input.level,
        new Date(input.occurredAt),
        result.recordedAt,
      );
    this.afterCommit?.(input);
    // Also on a retry that found the event recorded: its deliveries may not have started yet.
    // Its requests are read back only then; a fresh record names the ones it wrote.
    if (this.dispatcher && this.requestIdsOfEvent && input.notify.length)
      await this.dispatcher.dispatch(result.requestIds ?? (await this.requestIdsOfEvent(result.eventId)));
    // Also on a retry: the first attempt may have died between the event and its case. The case
    // is keyed by the step's idempotency key, so it is opened once however often this runs.
    if (input.kind === 'accountability_referral' && this.cases)
      await this.cases.openForLadderReferral({
        workflowId: input.workflowId,
        idempotencyKey: input.idempotencyKey,
        occurredAt: input.occurredAt,
        stepKey: typeof input.detail.stepKey === 'string' ? input.detail.stepKey : undefined,
      });
    return { recorded: result.recorded, contentHash: result.contentHash };
  }

  async registerSubMeasures(input: RegisterSubMeasuresInput): Promise<void> {
    try {
      await this.measures.registerSubMeasures(input.parentWorkflowId, input.subMeasures);
    } catch (e) {
      if (e instanceof SubMeasureCodeTakenError)
        throw ApplicationFailure.nonRetryable(e.message, SUB_MEASURE_CODE_TAKEN);
      throw nonRetryableIfPermanent(e);
    }
  }
}

// Errors that retrying cannot clear end the attempt at once: a workflow without its read-model
// row, or a value the database refuses to store. Anything else (the database away) is retried.
export function nonRetryableIfPermanent(e: unknown): unknown {
  if (e instanceof UnknownMeasureError) return ApplicationFailure.nonRetryable(e.message, 'UNKNOWN_MEASURE');
  if (isDataError(e))
    return ApplicationFailure.nonRetryable(
      `the database refused the record: ${(e as Error).message}`,
      DATA_REFUSED,
    );
  return e;
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
