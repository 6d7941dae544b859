// The accountability case workflow's contract (问责案件): one run per case, shared by the worker,
// the measure activities that open cases and the API that settles them.
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { CaseClockPolicy, CaseStepKind } from '../../libs/domain/src/accountability';

export const CASE_WORKFLOW_TYPE = 'accountabilityCaseWorkflow';

// One per case: a case is opened once, so its clock is started once.
export const caseWorkflowId = (caseId: string) => `case:${caseId}`;

export interface CaseWorkflowInput {
  readonly caseId: string;
  readonly dueAt: string;
  readonly policy: CaseClockPolicy;
}

export interface CaseClockView {
  readonly dueAt: string;
  readonly fired: readonly string[];
  readonly settled: boolean;
}

export interface CaseStepInput {
  readonly caseId: string;
  // `case:<id>/<step key>`: a step is recorded once however often the activity runs.
  readonly idempotencyKey: string;
  readonly kind: CaseStepKind;
  readonly occurredAt: string;
}

export interface CaseStepOutcome {
  // False once the case is concluded: its clock stops.
  readonly open: boolean;
}

// The case was concluded: its clock has nothing more to do.
export const caseSettledSignal = defineSignal('caseSettled');
export const caseClockQuery = defineQuery<CaseClockView>('caseClock');
