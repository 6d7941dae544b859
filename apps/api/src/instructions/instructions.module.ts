import { Module } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { RECTIFY_CONFIG } from '../../../../libs/config/src/config.module';
import type { RectifyConfig } from '../../../../libs/config/src/rectify-config';
import { LeaderInstructionRepository } from '../../../../libs/persistence/src/repositories/leader-instruction.repository';
import { UnitRepository } from '../../../../libs/persistence/src/repositories/unit.repository';
import { repositoryProvider } from '../../../../libs/persistence/src/repository.provider';
import { InstructionGateway } from '../../../../libs/temporal/src/instruction.gateway';
import { AnswerInstructionUseCase } from './answer-instruction.use-case';
import { InstructionAccessReader } from './instruction-access';
import { InstructionsController } from './instructions.controller';
import { IssueInstructionUseCase } from './issue-instruction.use-case';
import { ListInstructionsUseCase } from './list-instructions.use-case';

// 批示: leaders' instructions on a plan, a problem or a measure and the units' answers (落实情况).
// Its own tables and its own clock (the instruction workflow); it does not touch the measure workflow.
@Module({
  controllers: [InstructionsController],
  providers: [
    IssueInstructionUseCase,
    ListInstructionsUseCase,
    AnswerInstructionUseCase,
    InstructionAccessReader,
    repositoryProvider(LeaderInstructionRepository),
    repositoryProvider(UnitRepository),
    {
      provide: InstructionGateway,
      inject: [Client, RECTIFY_CONFIG],
      useFactory: (client: Client, config: RectifyConfig) =>
        new InstructionGateway(client, config.temporal.taskQueue),
    },
  ],
  exports: [LeaderInstructionRepository],
})
export class InstructionsModule {}
