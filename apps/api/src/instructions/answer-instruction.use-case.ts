import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../../../../libs/domain/src/authorization';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import { mayAnswer, textProblems } from '../../../../libs/domain/src/leader-instruction';
import { LeaderInstructionRepository } from '../../../../libs/persistence/src/repositories/leader-instruction.repository';
import { validationFailed } from '../common/parse-input';
import type { AnswerInstructionBody } from './instruction.schemas';
import { instructionView } from './instruction.view';

// Records what was done about an instruction (落实情况). Only a unit responsible for its target
// now (or the office) may answer: anyone else is refused before anything is written.
@Injectable()
export class AnswerInstructionUseCase {
  constructor(
    @Inject(LeaderInstructionRepository) private readonly instructions: LeaderInstructionRepository,
  ) {}

  async execute(c: { id: string; body: AnswerInstructionBody; principal: Principal; actor: string }) {
    const instruction = await this.instructions.find(c.id);
    if (!instruction) throw new DomainError('NOT_FOUND', `no instruction ${c.id}`);
    const leadUnits =
      (await this.instructions.targetLeadUnits(
        instruction.planId,
        instruction.targetKind,
        instruction.targetCode,
      )) ?? [];
    if (!mayAnswer(c.principal, { kind: instruction.targetKind, measureLeadUnits: leadUnits })) {
      throw new DomainError(
        'FORBIDDEN',
        `only the units responsible for ${instruction.targetKind} ${instruction.targetCode} or the office may answer this instruction`,
      );
    }
    const problems = textProblems('body.text', c.body.text);
    if (problems.length) throw validationFailed('body', problems);
    const now = new Date();
    await this.instructions.insertAnswer({
      id: randomUUID(),
      instructionId: instruction.id,
      text: c.body.text,
      answeredBy: c.actor,
      answeredRole: c.principal.role,
      answeredAt: now,
    });
    return instructionView(instruction, leadUnits, await this.instructions.answers([instruction.id]), now);
  }
}
