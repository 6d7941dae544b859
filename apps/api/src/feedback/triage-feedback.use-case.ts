import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../../../../libs/domain/src/authorization';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import { FeedbackRepository } from '../../../../libs/persistence/src/repositories/feedback.repository';
import { MeasureRepository } from '../../../../libs/persistence/src/repositories/measure.repository';
import { noteAudit } from '../audit/audit-context';

export type TriageDecision = { readonly measureId: string } | { readonly dismissReason: string };

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
  ) {}

  async execute(cmd: TriageFeedbackCommand) {
    const f = await this.feedback.findById(cmd.feedbackId);
    if (!f) throw new DomainError('NOT_FOUND', `no feedback ${cmd.feedbackId}`);
    let measureId: string | null = null;
    if ('measureId' in cmd.decision) {
      const m = await this.measures.findById(cmd.decision.measureId);
      if (!m) throw new DomainError('NOT_FOUND', `no measure ${cmd.decision.measureId}`);
      measureId = m.id;
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
