// GET /plans/{planId}/instructions as the 批示 screen reads it.
import type {
  InstructionState,
  InstructionTargetKind,
} from '../../../../../libs/domain/src/leader-instruction';

export interface InstructionAnswer {
  readonly id: string;
  readonly text: string;
  readonly answeredBy: string;
  readonly unitCode: string | null;
  readonly answeredAt: string;
  readonly late: boolean;
}

export interface Instruction {
  readonly id: string;
  readonly targetKind: InstructionTargetKind;
  readonly targetCode: string;
  readonly text: string;
  readonly author: string;
  readonly issuedOn: string;
  readonly answerLimit: string;
  readonly recordedAt: string;
  readonly dueAt: string;
  readonly responsibleUnits: readonly string[];
  readonly state: InstructionState;
  readonly answers: readonly InstructionAnswer[];
  // Whether the signed-in caller may answer it.
  readonly mayAnswer: boolean;
}

export interface InstructionList {
  readonly plan: string;
  readonly items: readonly Instruction[];
}
