// The plan-cadence workflow's contract, shared by the worker and its callers (API, tests): one
// run per plan (`plan-cadence:<plan code>`) that enforces the plan's reporting cadence. The task
// queue is configuration (TEMPORAL_TASK_QUEUE), the same as the measures'.
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { ReportingCadence } from '../../libs/domain/src/reporting-period';
import type { ReportingRules } from '../../libs/domain/src/reporting-rules';

export const PLAN_CADENCE_WORKFLOW_TYPE = 'planCadenceWorkflow';

// From the plan code alone, so importing the plan again finds the running workflow.
export const planCadenceWorkflowId = (planCode: string) => `plan-cadence:${planCode}`;

export interface PlanCadenceInput {
  readonly planCode: string;
  readonly timeZone: string;
  readonly cadence: ReportingCadence;
  // Defaults filled in (reportingRulesOf): the reminder lead and the missed-report ladder.
  readonly rules: ReportingRules;
  // Continue as new after this many closed periods (default 100); tests lower it.
  readonly periodsPerRun?: number;
  // State carried over by continue-as-new.
  readonly carried?: PlanCadenceState;
}

// JSON only: it crosses continue-as-new.
export interface PlanCadenceState {
  // The period being followed; the first is the one the workflow started in, or the next when the
  // reminder time of that one had passed (firstPeriod).
  readonly periodKey: string;
  // Whether this period's reminders went out (or their time passed while nobody was running).
  readonly reminded: boolean;
  // 漏报 in a row by unit; a unit that reported or owes nothing is absent.
  readonly consecutiveMisses: Readonly<Record<string, number>>;
  // Who closed the plan: the workflow ends.
  readonly closedBy: string | null;
  // Periods closed since the first run.
  readonly periodsClosed: number;
}

export interface PlanCadenceSnapshot extends PlanCadenceState {
  readonly cadence: ReportingCadence;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly remindAt: string;
}

export interface PlanCadenceOutcome {
  readonly closedBy: string | null;
  readonly periodsClosed: number;
}

export const cadenceStateQuery = defineQuery<PlanCadenceSnapshot>('cadenceState');
// The plan is closed: no more periods are judged; the workflow ends.
export const cadencePlanClosedSignal = defineSignal<[{ actor: string }]>('planClosed');
