// 问题线索逐条核实的时限: a lead's own clock. Reminds the body it went to before the verification
// deadline, marks the lead overdue at the deadline, and tells the body of the level above when it
// stays unverified beyond that. The run ends when the lead is verified, which the API signals and
// each step's activity also reports.
import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { ProblemLeadActivities } from '../../activities/problem-lead.activities';
import { leadSteps } from '../../libs/domain/src/problem-lead';
import {
  leadClockQuery,
  LeadClockView,
  leadVerifiedSignal,
  problemLeadWorkflowId,
  ProblemLeadWorkflowInput,
} from './problem-lead.contract';

export async function problemLeadWorkflow(input: ProblemLeadWorkflowInput): Promise<LeadClockView> {
  // A step must be recorded however long the database is away: no attempt limit.
  const record = proxyActivities<ProblemLeadActivities>({
    startToCloseTimeout: '1 minute',
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
  });
  let verified = false;
  const fired: string[] = [];
  const view = (): LeadClockView => ({ dueAt: input.dueAt, fired: [...fired], verified });
  setHandler(leadVerifiedSignal, () => {
    verified = true;
  });
  setHandler(leadClockQuery, view);

  for (const step of leadSteps(Date.parse(input.dueAt), input.policy)) {
    const wait = step.fireAtMs - Date.now();
    if (wait > 0) await condition(() => verified, wait);
    if (verified) return view();
    const outcome = await record.recordLeadStep({
      leadId: input.leadId,
      idempotencyKey: `${problemLeadWorkflowId(input.leadId)}/${step.key}`,
      kind: step.kind,
      occurredAt: new Date(step.fireAtMs).toISOString(),
    });
    fired.push(step.key);
    if (!outcome.open) {
      verified = true;
      return view();
    }
  }
  await condition(() => verified);
  return view();
}
