// A 批示's clock (批示落实时限): started once per instruction, told when it is answered.
import { Client } from '@temporalio/client';
import type { LeaderInstructionEntity } from '../../persistence/src/entities/leader-instruction.entity';
import {
  INSTRUCTION_WORKFLOW_TYPE,
  instructionAnsweredSignal,
  instructionWorkflowId,
  type InstructionWorkflowInput,
} from '../../../workflows/instruction/instruction.contract';
import { startOnce } from './start-once';

export class InstructionGateway {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
  ) {}

  // By the instruction's id: a second start finds the first run and changes nothing.
  async startClock(i: LeaderInstructionEntity): Promise<void> {
    const input: InstructionWorkflowInput = {
      instructionId: i.id,
      recordedAt: i.recordedAt.toISOString(),
      dueAt: i.dueAt.toISOString(),
    };
    await startOnce(this.client, INSTRUCTION_WORKFLOW_TYPE, {
      workflowId: instructionWorkflowId(i.id),
      taskQueue: this.taskQueue,
      args: [input],
    });
  }

  // Answered: the clock stops. The answer is committed already and each step's activity sees it
  // too, so a signal that does not arrive (the run is over, Temporal is away) only delays the
  // stop: it is not the caller's failure.
  async answered(instructionId: string): Promise<void> {
    await this.client.workflow
      .getHandle(instructionWorkflowId(instructionId))
      .signal(instructionAnsweredSignal)
      .catch(() => undefined);
  }
}
