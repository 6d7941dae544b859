import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../../../../libs/domain/src/authorization';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import { FeedbackRepository } from '../../../../libs/persistence/src/repositories/feedback.repository';
import { MeasureRepository } from '../../../../libs/persistence/src/repositories/measure.repository';
import { MeasureWorkflowGateway } from '../../../../libs/temporal/src/measure-workflow.gateway';
import { noteAudit } from '../audit/audit-context';
import { actorOf } from '../measures/run-measure-command.use-case';

export type TriageDecision =
  | { readonly measureId: string; readonly upheld?: boolean }
  | { readonly dismissReason: string };

export interface TriageFeedbackCommand {
  readonly principal: Principal;
  readonly feedbackId: string;
  readonly decision: TriageDecision;
}

// The office forwards feedback to the measure it concerns, or dismisses it with a reason the
// submitter will read. Once: a second triage is refused.
@Injectable()
export class TriageFeedbackUseCase {
  constructor(
    @Inject(FeedbackRepository) private readonly feedback: FeedbackRepository,
    @Inject(MeasureRepository) private readonly measures: MeasureRepository,
    @Inject(MeasureWorkflowGateway) private readonly workflows: MeasureWorkflowGateway,
  ) {}

  async execute(cmd: TriageFeedbackCommand) {
    const f = await this.feedback.findById(cmd.feedbackId);
    if (!f) throw new DomainError('NOT_FOUND', `no feedback ${cmd.feedbackId}`);
    let measureId: string | null = null;
    if ('measureId' in cmd.decision) {
      const m = await this.measures.findById(cmd.decision.measureId);
      if (!m) throw new DomainError('NOT_FOUND', `no measure ${cmd.decision.measureId}`);
      measureId = m.id;
      // Upheld feedback on a signed-off measure is a material change: it is verified again.
      if (cmd.decision.upheld && (m.status === 'verified' || m.status === 'closed')) {
        if (f.status !== 'received')
          throw new DomainError('COMMAND_REFUSED', `feedback ${f.id} was triaged already`);
        await this.workflows.reportMaterialChange(m.workflowId, {
          actor: actorOf(cmd.principal, undefined),
          kind: 'feedback_upheld',
          description: `public feedback ${f.id}: ${f.message.slice(0, 500)}`,
        });
      }
    }
    const triagedAt = new Date();
    const done = await this.feedback.triage(f.id, {
      status: measureId ? 'forwarded' : 'dismissed',
      measureId,
      dismissReason: 'dismissReason' in cmd.decision ? cmd.decision.dismissReason : null,
      triagedBy: cmd.principal.id,
      triagedAt,
    });
    if (!done) throw new DomainError('COMMAND_REFUSED', `feedback ${f.id} was triaged already`);
    noteAudit({ before: { status: f.status }, targets: measureId ? { measureId } : {} });
    const after = await this.feedback.findById(f.id);
    return {
      id: f.id,
      status: after?.status,
      measureId,
      dismissReason: after?.dismissReason ?? null,
      triagedAt: triagedAt.toISOString(),
    };
  }
}
