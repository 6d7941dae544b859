// 批示落实时限: an instruction's own clock. Reminds whoever must answer when a fifth of the time is
// left and sends the overdue notice at the limit, each only while no answer exists. The run ends
// at the first answer, which the API signals and each step's activity also sees in the database.
import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { InstructionActivities } from '../../activities/instruction.activities';
import { instructionSteps, type InstructionStepKind } from '../../libs/domain/src/leader-instruction';
import {
  instructionAnsweredSignal,
  instructionClockQuery,
  type InstructionClockView,
  instructionWorkflowId,
  type InstructionWorkflowInput,
} from './instruction.contract';

export async function instructionWorkflow(input: InstructionWorkflowInput): Promise<InstructionClockView> {
  // A step must be recorded however long the database is away: no attempt limit.
  const record = proxyActivities<InstructionActivities>({
    startToCloseTimeout: '1 minute',
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
  });
  let answered = false;
  const fired: InstructionStepKind[] = [];
  const view = (): InstructionClockView => ({ dueAt: input.dueAt, fired: [...fired], answered });
  // Handlers first: an answer signalled before the first task is taken as the handler is set.
  setHandler(instructionAnsweredSignal, () => {
    answered = true;
  });
  setHandler(instructionClockQuery, view);

  for (const step of instructionSteps(Date.parse(input.recordedAt), Date.parse(input.dueAt))) {
    const wait = step.fireAtMs - Date.now();
    if (wait > 0) await condition(() => answered, wait);
    if (answered) return view();
    const outcome = await record.recordInstructionStep({
      instructionId: input.instructionId,
      idempotencyKey: `${instructionWorkflowId(input.instructionId)}/${step.kind}`,
      kind: step.kind,
      occurredAt: new Date(step.fireAtMs).toISOString(),
    });
    if (!outcome.open) {
      answered = true;
      return view();
    }
    fired.push(step.kind);
  }
  return view();
}
