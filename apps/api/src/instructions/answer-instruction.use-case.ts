import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../../../../libs/domain/src/authorization';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import { textProblems } from '../../../../libs/domain/src/leader-instruction';
import { LeaderInstructionRepository } from '../../../../libs/persistence/src/repositories/leader-instruction.repository';
import { InstructionGateway } from '../../../../libs/temporal/src/instruction.gateway';
import { validationFailed } from '../common/parse-input';
import { InstructionAccessReader } from './instruction-access';
import type { AnswerInstructionBody } from './instruction.schemas';
import { instructionView } from './instruction.view';

// Records what was done about an instruction (落实情况), then stops its clock. Only a unit
// responsible for its target now, a unit above one in the unit tree, or the office may answer:
// anyone else is refused before anything is written.
@Injectable()
export class AnswerInstructionUseCase {
  constructor(
    @Inject(LeaderInstructionRepository) private readonly instructions: LeaderInstructionRepository,
    @Inject(InstructionAccessReader) private readonly reader: InstructionAccessReader,
    @Inject(InstructionGateway) private readonly gateway: InstructionGateway,
  ) {}

  async execute(c: { id: string; body: AnswerInstructionBody; principal: Principal; actor: string }) {
    const instruction = await this.instructions.find(c.id);
    if (!instruction) throw new DomainError('NOT_FOUND', `no instruction ${c.id}`);
    const { access, facts } = await this.reader.access(c.principal, instruction);
    // Outside the caller's scope it answers exactly like an instruction that does not exist, as a
    // measure outside the scope does (MeasureAccess), so ids cannot be probed; one the caller may
    // see but not answer (a unit on a plan-wide 批示) is a refusal of the action: 403.
    if (access === 'hidden') throw new DomainError('NOT_FOUND', `no instruction ${c.id}`);
    if (access !== 'answer') {
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
      // The caller's first unit that reaches the target; the office answers as itself.
      answeredUnit:
        c.principal.role === 'unit'
          ? (c.principal.units.find((u) => facts.responsibleLineage.includes(u)) ?? null)
          : null,
      answeredAt: now,
    });
    await this.gateway.answered(instruction.id);
    return instructionView(
      instruction,
      facts.measureLeadUnits,
      await this.instructions.answers([instruction.id]),
      now,
    );
  }
}
