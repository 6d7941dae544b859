// The instruction workflow's contract (批示落实时限): one run per 批示, shared by the worker and the
// API that records instructions and their answers.
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { InstructionStepKind } from '../../libs/domain/src/leader-instruction';

export const INSTRUCTION_WORKFLOW_TYPE = 'instructionWorkflow';

// From the instruction's id alone: recording it starts this run once, however often it is tried.
export const instructionWorkflowId = (instructionId: string) => `instruction:${instructionId}`;

export interface InstructionWorkflowInput {
  readonly instructionId: string;
  // As stored with the instruction: its limit is computed once, when it is recorded.
  readonly recordedAt: string;
  readonly dueAt: string;
}

export interface InstructionClockView {
  readonly dueAt: string;
  readonly fired: readonly InstructionStepKind[];
  // The clock stopped early: an answer arrived (or the instruction was taken back).
  readonly answered: boolean;
}

export interface InstructionStepInput {
  readonly instructionId: string;
  // `instruction:<id>/<step kind>`: a step is recorded once however often the activity runs.
  readonly idempotencyKey: string;
  readonly kind: InstructionStepKind;
  readonly occurredAt: string;
}

export interface InstructionStepOutcome {
  // False once the instruction is answered (or gone): its clock stops.
  readonly open: boolean;
}

// An answer was recorded: the clock has nothing more to do.
export const instructionAnsweredSignal = defineSignal('instructionAnswered');
export const instructionClockQuery = defineQuery<InstructionClockView>('instructionClock');
