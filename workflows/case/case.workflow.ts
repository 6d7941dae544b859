// 问责案件的时限: a case's own clock. Reminds the body before the case's deadline, marks it overdue
// at the deadline, and tells the body of the level above when it stays open beyond that. The case
// file itself (persons, decisions, reviews) is kept by the API; this run ends when the case is
// concluded, which the API signals and each step's activity also reports.
import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { CaseActivities } from '../../activities/case.activities';
import { caseSteps } from '../../libs/domain/src/accountability';
import {
  caseClockQuery,
  CaseClockView,
  caseSettledSignal,
  caseWorkflowId,
  CaseWorkflowInput,
} from './case.contract';

export async function accountabilityCaseWorkflow(input: CaseWorkflowInput): Promise<CaseClockView> {
  // A step must be recorded however long the database is away: no attempt limit.
  const record = proxyActivities<CaseActivities>({
    startToCloseTimeout: '1 minute',
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
  });
  let settled = false;
  const fired: string[] = [];
  const view = (): CaseClockView => ({ dueAt: input.dueAt, fired: [...fired], settled });
  setHandler(caseSettledSignal, () => {
    settled = true;
  });
  setHandler(caseClockQuery, view);

  for (const step of caseSteps(Date.parse(input.dueAt), input.policy)) {
    const wait = step.fireAtMs - Date.now();
    if (wait > 0) await condition(() => settled, wait);
    if (settled) return view();
    const outcome = await record.recordCaseStep({
      caseId: input.caseId,
      idempotencyKey: `${caseWorkflowId(input.caseId)}/${step.key}`,
      kind: step.kind,
      occurredAt: new Date(step.fireAtMs).toISOString(),
    });
    fired.push(step.key);
    if (!outcome.open) {
      settled = true;
      return view();
    }
  }
  await condition(() => settled);
  return view();
}
