import { Module } from '@nestjs/common';
import { LeaderInstructionRepository } from '../../../../libs/persistence/src/repositories/leader-instruction.repository';
import { repositoryProvider } from '../../../../libs/persistence/src/repository.provider';
import { AnswerInstructionUseCase } from './answer-instruction.use-case';
import { InstructionsController } from './instructions.controller';
import { IssueInstructionUseCase } from './issue-instruction.use-case';
import { ListInstructionsUseCase } from './list-instructions.use-case';

// 批示: leaders' instructions on a plan, a problem or a measure and the units' answers (落实情况).
// Its own tables; it does not touch the measure workflow.
@Module({
  controllers: [InstructionsController],
  providers: [
    IssueInstructionUseCase,
    ListInstructionsUseCase,
    AnswerInstructionUseCase,
    repositoryProvider(LeaderInstructionRepository),
  ],
})
export class InstructionsModule {}
