// The problem-lead workflow's contract (问题线索核实时限): one run per lead, shared by the worker and
// the API that registers and verifies leads.
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { LeadClockPolicy, LeadStepKind } from '../../libs/domain/src/problem-lead';

export const PROBLEM_LEAD_WORKFLOW_TYPE = 'problemLeadWorkflow';

// One per lead: a lead is registered once, so its clock is started once.
export const problemLeadWorkflowId = (leadId: string) => `lead:${leadId}`;

export interface ProblemLeadWorkflowInput {
  readonly leadId: string;
  readonly dueAt: string;
  readonly policy: LeadClockPolicy;
}

export interface LeadClockView {
  readonly dueAt: string;
  readonly fired: readonly string[];
  readonly verified: boolean;
}

export interface LeadStepInput {
  readonly leadId: string;
  // `lead:<id>/<step key>`: a step is recorded once however often the activity runs.
  readonly idempotencyKey: string;
  readonly kind: LeadStepKind;
  readonly occurredAt: string;
}

export interface LeadStepOutcome {
  // False once the lead is verified: its clock stops.
  readonly open: boolean;
}

// The lead was verified: its clock has nothing more to do.
export const leadVerifiedSignal = defineSignal('leadVerified');
export const leadClockQuery = defineQuery<LeadClockView>('leadClock');
