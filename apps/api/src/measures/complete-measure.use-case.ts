import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import { MeasureRepository } from '../../../../libs/persistence/src/repositories/measure.repository';
import { MeasureWorkflowGateway } from '../../../../libs/temporal/src/measure-workflow.gateway';

export interface CompleteMeasureCommand {
  readonly measureId: string;
  readonly actor: string;
  readonly note: string;
}

// Asks the measure's workflow to record completion; the workflow refuses what its state forbids.
@Injectable()
export class CompleteMeasureUseCase {
  constructor(
    @Inject(MeasureRepository) private readonly measures: MeasureRepository,
    @Inject(MeasureWorkflowGateway) private readonly workflows: MeasureWorkflowGateway,
  ) {}

  async execute(cmd: CompleteMeasureCommand) {
    const m = await this.measures.findById(cmd.measureId);
    if (!m) throw new DomainError('NOT_FOUND', `no measure ${cmd.measureId}`);
    const state = await this.workflows.complete(m.workflowId, { actor: cmd.actor, note: cmd.note });
    return { id: m.id, code: m.code, workflow: state };
  }
}
