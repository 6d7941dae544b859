// How callers (API, CLI) reach measure workflows: start, command and read them by contract.
import { Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { UpdateDefinition } from '@temporalio/common';
import { readDeadline } from '../../domain/src/deadline';
import { DomainError } from '../../domain/src/domain-error';
import type { WorkingCalendar } from '../../domain/src/working-calendar';
import type { MeasureEntity } from '../../persistence/src/entities/measure.entity';
import {
  AcknowledgeInput,
  acknowledgeUpdate,
  AdjustIndicatorTargetInput,
  adjustIndicatorTargetUpdate,
  ApplyCalendarInput,
  applyCalendarUpdate,
  applyPolicyUpdate,
  ApplyPolicyInput,
  changeDeadlineUpdate,
  ChangeDeadlineInput,
  claimCompletionUpdate,
  ClaimCompletionInput,
  closeUpdate,
  CloseInput,
  COMMAND_INVALID,
  COMMAND_REFUSED,
  ConfirmAssignmentInput,
  confirmAssignmentUpdate,
  decideExtensionUpdate,
  decideWithdrawalUpdate,
  DecisionInput,
  decomposeUpdate,
  DecomposeInput,
  materialChangeUpdate,
  MaterialChangeInput,
  MEASURE_WORKFLOW_TYPE,
  MeasureSnapshot,
  measureStateQuery,
  MeasureWorkflowInput,
  measureWorkflowId,
  planClosedSignal,
  RECORDING_FAILED,
  reassignUpdate,
  ReassignInput,
  recordLookBackUpdate,
  RecordLookBackInput,
  recordReferralOutcomeUpdate,
  RecordReferralOutcomeInput,
  recordReviewUpdate,
  RecordReviewInput,
  reportProgressUpdate,
  ReportProgressInput,
  requestExtensionUpdate,
  RequestExtensionInput,
  requestWithdrawalUpdate,
  RequestWithdrawalInput,
  ReturnAssignmentInput,
  returnAssignmentUpdate,
  scheduleLookBackUpdate,
  ScheduleLookBackInput,
  verifyUpdate,
  VerifyInput,
  withdrawUpdate,
  WithdrawInput,
} from '../../../workflows/measure/measure.contract';
import { inLanes } from './in-lanes';
import { plannedSubMeasureInputs } from './planned-sub-measure-inputs';
import { startOnce, StartOutcome, temporalUnavailable as unavailable } from './start-once';

export type { StartOutcome };

// Called after each workflow start: how many are done out of how many.
export type StartedCallback = (done: number, total: number) => void;

export interface GatewayOptions {
  // Continue-as-new threshold handed to new workflows (tests lower it to exercise continue-as-new).
  readonly historyLimit?: number;
  // Whether workflows upsert the Rectify* search attributes (the namespace must have them).
  readonly searchAttributes?: boolean;
}

export class MeasureWorkflowGateway {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
    private readonly options: GatewayOptions = {},
  ) {}

  // Idempotent: a running workflow is kept as it is, a closed one is never started again.
  start(input: MeasureWorkflowInput): Promise<StartOutcome> {
    return startOnce(this.client, MEASURE_WORKFLOW_TYPE, {
      workflowId: measureWorkflowId(input.planCode, input.measureCode),
      taskQueue: this.taskQueue,
      args: [input],
    });
  }

  // Follows every measure of a saved plan (bounded concurrency); counts per outcome. `calendar` is
  // the plan's working calendar, resolved from its code now: each run carries it as data.
  // Sub-measures among them (a plan's 各市州) start after every parent, each told of its parent,
  // and a parent starts knowing those of its sub-measures that are given with it.
  async startForMeasures(
    planCode: string,
    timeZone: string,
    measures: readonly MeasureEntity[],
    calendar: WorkingCalendar | null = null,
    onStarted?: StartedCallback,
  ): Promise<Record<StartOutcome, number>> {
    const inputs = plannedSubMeasureInputs(
      measures,
      measures.map((m) => measureWorkflowInput(planCode, timeZone, m, this.options, calendar)),
    );
    const parents = inputs.filter((i) => !i.parentWorkflowId);
    const subs = inputs.filter((i) => i.parentWorkflowId);
    const total = inputs.length;
    const first = await this.startAll(parents, 16, onStarted && ((done) => onStarted(done, total)));
    if (!subs.length) return first;
    const then = await this.startAll(
      subs,
      16,
      onStarted && ((done) => onStarted(parents.length + done, total)),
    );
    return { running: first.running + then.running, closed: first.closed + then.closed };
  }

  // Starts many with bounded concurrency; resolves to counts per outcome. `onStarted` hears of
  // each start as the server confirms it (progress for long imports).
  async startAll(
    inputs: readonly MeasureWorkflowInput[],
    concurrency = 16,
    onStarted?: StartedCallback,
  ): Promise<Record<StartOutcome, number>> {
    const counts: Record<StartOutcome, number> = { running: 0, closed: 0 };
    let done = 0;
    await inLanes(inputs, concurrency, async (input) => {
      counts[await this.start(input)]++;
      onStarted?.(++done, inputs.length);
    });
    return counts;
  }

  async state(workflowId: string): Promise<MeasureSnapshot | null> {
    try {
      return await this.client.workflow.getHandle(workflowId).query(measureStateQuery);
    } catch (e) {
      if (e instanceof WorkflowNotFoundError) return null;
      throw unavailable(e);
    }
  }

  reportProgress = (id: string, c: ReportProgressInput, key?: string) =>
    this.command(id, reportProgressUpdate, c, key);
  claimCompletion = (id: string, c: ClaimCompletionInput, key?: string) =>
    this.command(id, claimCompletionUpdate, c, key);
  verify = (id: string, c: VerifyInput, key?: string) => this.command(id, verifyUpdate, c, key);
  requestExtension = (id: string, c: RequestExtensionInput, key?: string) =>
    this.command(id, requestExtensionUpdate, c, key);
  decideExtension = (id: string, c: DecisionInput, key?: string) =>
    this.command(id, decideExtensionUpdate, c, key);
  requestWithdrawal = (id: string, c: RequestWithdrawalInput, key?: string) =>
    this.command(id, requestWithdrawalUpdate, c, key);
  decideWithdrawal = (id: string, c: DecisionInput, key?: string) =>
    this.command(id, decideWithdrawalUpdate, c, key);
  reassign = (id: string, c: ReassignInput, key?: string) => this.command(id, reassignUpdate, c, key);
  changeDeadline = (id: string, c: ChangeDeadlineInput, key?: string) =>
    this.command(id, changeDeadlineUpdate, c, key);
  withdraw = (id: string, c: WithdrawInput, key?: string) => this.command(id, withdrawUpdate, c, key);
  scheduleLookBack = (id: string, c: ScheduleLookBackInput, key?: string) =>
    this.command(id, scheduleLookBackUpdate, c, key);
  recordLookBack = (id: string, c: RecordLookBackInput, key?: string) =>
    this.command(id, recordLookBackUpdate, c, key);
  reportMaterialChange = (id: string, c: MaterialChangeInput, key?: string) =>
    this.command(id, materialChangeUpdate, c, key);
  recordReview = (id: string, c: RecordReviewInput, key?: string) =>
    this.command(id, recordReviewUpdate, c, key);
  recordReferralOutcome = (id: string, c: RecordReferralOutcomeInput, key?: string) =>
    this.command(id, recordReferralOutcomeUpdate, c, key);
  decompose = (id: string, c: DecomposeInput, key?: string) => this.command(id, decomposeUpdate, c, key);
  applyPolicy = (id: string, c: ApplyPolicyInput, key?: string) =>
    this.command(id, applyPolicyUpdate, c, key);
  applyCalendar = (id: string, c: ApplyCalendarInput, key?: string) =>
    this.command(id, applyCalendarUpdate, c, key);
  close = (id: string, c: CloseInput, key?: string) => this.command(id, closeUpdate, c, key);
  acknowledge = (id: string, c: AcknowledgeInput, key?: string) =>
    this.command(id, acknowledgeUpdate, c, key);
  returnAssignment = (id: string, c: ReturnAssignmentInput, key?: string) =>
    this.command(id, returnAssignmentUpdate, c, key);
  confirmAssignment = (id: string, c: ConfirmAssignmentInput, key?: string) =>
    this.command(id, confirmAssignmentUpdate, c, key);
  adjustIndicatorTarget = (id: string, c: AdjustIndicatorTargetInput, key?: string) =>
    this.command(id, adjustIndicatorTargetUpdate, c, key);

  async closePlan(workflowId: string, actor: string): Promise<void> {
    try {
      await this.client.workflow.getHandle(workflowId).signal(planClosedSignal, { actor });
    } catch (e) {
      if (!(e instanceof WorkflowNotFoundError)) throw unavailable(e);
    }
  }

  // Updates are validated by the workflow before anything is written: a refusal arrives at once.
  // With a key, the update id is derived from it: the same key sent again is answered once.
  private async command<I>(
    workflowId: string,
    update: UpdateDefinition<MeasureSnapshot, [I]>,
    input: I,
    key?: string,
  ): Promise<MeasureSnapshot> {
    try {
      return await this.client.workflow
        .getHandle(workflowId)
        .executeUpdate(update, { args: [input], ...(key ? { updateId: `${update.name}/${key}` } : {}) });
    } catch (e) {
      throw refusal(e);
    }
  }
}

// The workflow's input for a measure row: calendar dates were read in the plan's zone on import.
export function measureWorkflowInput(
  planCode: string,
  timeZone: string,
  m: MeasureEntity,
  options: GatewayOptions = {},
  calendar: WorkingCalendar | null = null,
): MeasureWorkflowInput {
  return {
    planCode,
    measureCode: m.code,
    title: m.title,
    track: m.track,
    leadUnitCode: m.leadUnitCode,
    leadLeader: m.leadLeader,
    dueAt: m.dueAt.toISOString(),
    policy: m.escalationPolicy,
    // Absent rather than null without one: the input of a plan without a calendar is as before.
    ...(calendar ? { calendar } : {}),
    indicators: m.indicators,
    milestones: m.milestones.map((ms) => {
      const r = readDeadline(ms.due, timeZone);
      return { code: ms.code, title: ms.title, dueAt: r.ok ? r.dueAt.toISOString() : m.dueAt.toISOString() };
    }),
    referralItems: m.referralItems ?? [],
    evidenceRules: m.evidenceRules ?? [],
    // Absent unless set, so the input of every other measure is as before.
    ...(m.reviewsOnly ? { reviewsOnly: true } : {}),
    searchAttributes: options.searchAttributes ?? false,
    ...(options.historyLimit ? { historyLimit: options.historyLimit } : {}),
  };
}

function refusal(e: unknown): Error {
  if (e instanceof WorkflowUpdateFailedError && e.cause instanceof ApplicationFailure) {
    if (e.cause.type === COMMAND_REFUSED) return new DomainError('COMMAND_REFUSED', e.cause.message);
    if (e.cause.type === COMMAND_INVALID) {
      const [path, ...rest] = e.cause.message.split(': ');
      return new DomainError('VALIDATION_FAILED', e.cause.message, [{ path, message: rest.join(': ') }]);
    }
    if (e.cause.type === RECORDING_FAILED) return new DomainError('RECORDING_FAILED', e.cause.message);
  }
  if (e instanceof WorkflowNotFoundError)
    return new DomainError('COMMAND_REFUSED', 'the measure is not being followed (no workflow)');
  return unavailable(e);
}
