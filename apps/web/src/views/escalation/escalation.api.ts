// The answers the escalation screen reads: a plan's policy, the preview and the application of a
// new policy version, and the measures of its queue.
import type { EscalationPolicy, EscalationStepKind } from '../../../../../libs/domain/src/escalation-ladder';
import type { MeasureStatus } from '../../../../../libs/domain/src/measure-status';

export interface PlanPolicy {
  readonly id: string;
  readonly code: string;
  readonly timeZone: string;
  // null: the plan runs on the built-in default.
  readonly escalationPolicy: EscalationPolicy | null;
}

export interface StepMove {
  readonly kind: EscalationStepKind;
  // The n-th step of its kind on the ladder.
  readonly ordinal: number;
  // null: the step is new (from) or dropped (to).
  readonly from: string | null;
  readonly to: string | null;
}

export interface PolicyPreview {
  readonly planId: string;
  readonly policyVersion: string;
  readonly previewToken: string;
  readonly affected: number;
  readonly measures: readonly {
    readonly id: string;
    readonly code: string;
    readonly currentPolicy: string;
    readonly moves: readonly StepMove[];
  }[];
}

export interface PolicyApplied {
  readonly policyVersion: string;
  readonly applied: readonly string[];
  readonly refused: readonly { readonly code: string; readonly reason: string }[];
}

export interface QueueMeasure {
  readonly id: string;
  readonly code: string;
  readonly title: string;
  readonly leadUnit: string;
  readonly leadLeader: string;
  readonly dueAt: string;
  readonly due: string;
  readonly status: MeasureStatus;
  readonly overdueLevel: number;
}

export interface MeasurePage {
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
  readonly items: readonly QueueMeasure[];
}
