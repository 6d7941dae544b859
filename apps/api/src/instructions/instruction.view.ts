import { instructionState, responsibleUnits } from '../../../../libs/domain/src/leader-instruction';
import type {
  InstructionAnswerEntity,
  LeaderInstructionEntity,
} from '../../../../libs/persistence/src/entities/leader-instruction.entity';

// An instruction as the API shows it: its state on the server's clock, who must answer, and
// every answer, oldest first (the first one decides whether it was answered in time).
export function instructionView(
  i: LeaderInstructionEntity,
  leadUnits: readonly string[],
  answers: readonly InstructionAnswerEntity[],
  now: Date,
) {
  const first = answers[0] ?? null;
  return {
    id: i.id,
    targetKind: i.targetKind,
    targetCode: i.targetCode,
    text: i.text,
    author: i.author,
    issuedOn: i.issuedOn,
    answerLimit: i.answerLimit,
    recordedAt: i.recordedAt.toISOString(),
    recordedBy: i.recordedBy,
    dueAt: i.dueAt.toISOString(),
    responsibleUnits: responsibleUnits({ kind: i.targetKind, measureLeadUnits: leadUnits }),
    state: instructionState(first ? first.answeredAt.getTime() : null, i.dueAt.getTime(), now.getTime()),
    answers: answers.map((a) => ({
      id: a.id,
      text: a.text,
      answeredBy: a.answeredBy,
      unitCode: a.answeredUnit,
      answeredAt: a.answeredAt.toISOString(),
      late: a.answeredAt.getTime() > i.dueAt.getTime(),
    })),
  };
}
