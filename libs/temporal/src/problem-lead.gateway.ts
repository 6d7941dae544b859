// A problem lead's verification clock: started once per lead, told when the lead is verified.
import { Client } from '@temporalio/client';
import type { ProblemLeadEntity } from '../../persistence/src/entities/problem-lead.entity';
import {
  leadVerifiedSignal,
  PROBLEM_LEAD_WORKFLOW_TYPE,
  type ProblemLeadWorkflowInput,
} from '../../../workflows/case/problem-lead.contract';
import { startOnce } from './start-once';

export class ProblemLeadGateway {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
  ) {}

  async startClock(lead: ProblemLeadEntity): Promise<void> {
    const input: ProblemLeadWorkflowInput = {
      leadId: lead.id,
      dueAt: lead.dueAt.toISOString(),
      policy: lead.policy,
    };
    await startOnce(this.client, PROBLEM_LEAD_WORKFLOW_TYPE, {
      workflowId: lead.workflowId,
      taskQueue: this.taskQueue,
      args: [input],
    });
  }

  // The lead is verified: its clock stops. The verification is committed already and the next
  // step's activity sees it too, so a signal that does not arrive only delays the stop: it is
  // not the caller's failure.
  async verified(lead: ProblemLeadEntity): Promise<void> {
    await this.client.workflow
      .getHandle(lead.workflowId)
      .signal(leadVerifiedSignal)
      .catch(() => undefined);
  }
}
