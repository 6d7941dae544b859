import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { FeedbackEntity } from '../../../../libs/persistence/src/entities/feedback.entity';
import { FeedbackRepository } from '../../../../libs/persistence/src/repositories/feedback.repository';
import { noteAudit } from '../audit/audit-context';
import { hashOpaqueToken } from '../auth/opaque-token';
import { newTrackingCode } from './tracking-code';

export interface SubmitFeedbackCommand {
  readonly message: string;
  readonly contact: string | null;
}

// 意见建议 from anyone, without an account. The tracking code is the submitter's only handle:
// it is returned once and kept only as a hash.
@Injectable()
export class SubmitFeedbackUseCase {
  constructor(@Inject(FeedbackRepository) private readonly feedback: FeedbackRepository) {}

  async execute(cmd: SubmitFeedbackCommand) {
    const trackingCode = newTrackingCode();
    const row = Object.assign(new FeedbackEntity(), {
      id: randomUUID(),
      trackingHash: hashOpaqueToken(trackingCode),
      message: cmd.message,
      contact: cmd.contact,
      status: 'received' as const,
      measureId: null,
      dismissReason: null,
      triagedBy: null,
      triagedAt: null,
      receivedAt: new Date(),
    });
    await this.feedback.insert(row);
    // The log keeps what was said, not how to reach the submitter.
    noteAudit({
      targets: { feedbackId: row.id },
      after: { message: cmd.message, contact: cmd.contact ? '[given]' : null },
    });
    return { trackingCode, status: row.status, receivedAt: row.receivedAt.toISOString() };
  }
}
