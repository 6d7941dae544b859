// How callers (API, tests) reach a plan's reporting-cadence workflow: start it once per plan, tell
// it the plan closed, read where it stands.
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { reportingRulesOf, type PlanDefinition } from '../../domain/src/plan-definition';
import {
  cadencePlanClosedSignal,
  cadenceStateQuery,
  PLAN_CADENCE_WORKFLOW_TYPE,
  PlanCadenceInput,
  planCadenceWorkflowId,
  PlanCadenceSnapshot,
} from '../../../workflows/plan/plan-cadence.contract';
import { startOnce, StartOutcome, temporalUnavailable as unavailable } from './start-once';

// The workflow's input for a plan document, or null when the plan sets no reporting cadence.
export function planCadenceInput(
  plan: PlanDefinition,
  options: { periodsPerRun?: number } = {},
): PlanCadenceInput | null {
  const cadence = plan.plan.reportingCadence;
  if (!cadence) return null;
  return {
    planCode: plan.plan.code,
    timeZone: plan.plan.timeZone,
    cadence,
    rules: reportingRulesOf(plan.plan),
    ...(options.periodsPerRun ? { periodsPerRun: options.periodsPerRun } : {}),
  };
}

export class PlanCadenceWorkflowGateway {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
  ) {}

  // Idempotent: a running workflow is kept as it is (a re-import starts nothing new), a finished
  // one (its plan closed) is never started again.
  start(input: PlanCadenceInput): Promise<StartOutcome> {
    return startOnce(this.client, PLAN_CADENCE_WORKFLOW_TYPE, {
      workflowId: planCadenceWorkflowId(input.planCode),
      taskQueue: this.taskQueue,
      args: [input],
    });
  }

  // Safe to repeat, and a plan without a cadence has no workflow to tell.
  async planClosed(planCode: string, actor: string): Promise<void> {
    try {
      await this.client.workflow
        .getHandle(planCadenceWorkflowId(planCode))
        .signal(cadencePlanClosedSignal, { actor });
    } catch (e) {
      if (!(e instanceof WorkflowNotFoundError)) throw unavailable(e);
    }
  }

  async state(planCode: string): Promise<PlanCadenceSnapshot | null> {
    try {
      return await this.client.workflow.getHandle(planCadenceWorkflowId(planCode)).query(cadenceStateQuery);
    } catch (e) {
      if (e instanceof WorkflowNotFoundError) return null;
      throw unavailable(e);
    }
  }
}
