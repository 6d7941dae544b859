// The measure workflow's contract, shared by the worker and every caller (API, CLI, tests).
// The task queue is configuration (TEMPORAL_TASK_QUEUE, default `rectify`).
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { EscalationPolicy, EscalationStepKind } from '../../libs/domain/src/escalation-ladder';
import type { MeasureStatus } from '../../libs/domain/src/measure-status';

export { measureWorkflowId } from '../../libs/domain/src/measure-identity';

export const MEASURE_WORKFLOW_TYPE = 'measureWorkflow';

export interface MeasureWorkflowInput {
  readonly planCode: string;
  readonly measureCode: string;
  readonly title: string;
  readonly leadUnitCode: string;
  readonly leadLeader: string;
  // ISO-8601 UTC instant; calendar deadlines were read in the plan's zone before starting.
  readonly dueAt: string;
  readonly policy: EscalationPolicy;
}

export interface LadderStepView {
  readonly key: string;
  readonly kind: EscalationStepKind;
  readonly level: number;
  readonly fireAt: string;
}

export interface FiredStep extends LadderStepView {
  readonly firedAt: string;
  // Fired at start because the measure was first followed after this step's time.
  readonly catchUp: boolean;
}

export interface MeasureSnapshot {
  readonly status: MeasureStatus;
  readonly dueAt: string;
  readonly policyVersion: string;
  readonly overdueLevel: number;
  readonly firedSteps: readonly FiredStep[];
  readonly skippedSteps: readonly LadderStepView[];
  readonly nextStep: LadderStepView | null;
  readonly completedAt: string | null;
}

export interface CompletionInput {
  readonly actor: string;
  // What was done: recorded with the completion.
  readonly note: string;
}

export interface MeasureOutcome {
  readonly status: 'completed';
  readonly completedAt: string;
}

// ApplicationFailure type of refusals from update validators; the API maps it to 409.
export const COMMAND_REFUSED = 'COMMAND_REFUSED';
export const COMMAND_INVALID = 'COMMAND_INVALID';

export const measureStateQuery = defineQuery<MeasureSnapshot>('state');
export const completeMeasureUpdate = defineUpdate<MeasureSnapshot, [CompletionInput]>('complete');
