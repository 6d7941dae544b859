import { Inject, Injectable } from '@nestjs/common';
import type { FeedbackStatus } from '../../../../libs/persistence/src/entities/feedback.entity';
import { FeedbackRepository } from '../../../../libs/persistence/src/repositories/feedback.repository';

export interface ListFeedbackQuery {
  readonly status?: FeedbackStatus;
  readonly limit: number;
  readonly offset: number;
}

// The office's triage queue, oldest first.
@Injectable()
export class ListFeedbackUseCase {
  constructor(@Inject(FeedbackRepository) private readonly feedback: FeedbackRepository) {}

  async execute(q: ListFeedbackQuery) {
    const { items, total } = await this.feedback.list(q);
    return {
      total,
      limit: q.limit,
      offset: q.offset,
      items: items.map((f) => ({
        id: f.id,
        message: f.message,
        contact: f.contact,
        status: f.status,
        measureId: f.measureId,
        dismissReason: f.dismissReason,
        triagedBy: f.triagedBy,
        triagedAt: f.triagedAt ? f.triagedAt.toISOString() : null,
        receivedAt: f.receivedAt.toISOString(),
      })),
    };
  }
}
