import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import { FeedbackRepository } from '../../../../libs/persistence/src/repositories/feedback.repository';
import { MeasureRepository } from '../../../../libs/persistence/src/repositories/measure.repository';
import { hashOpaqueToken } from '../auth/opaque-token';
import { normaliseTrackingCode } from './tracking-code';

// What the submitter may see: the status, and where the feedback went. Not the contact, not who
// triaged it.
@Injectable()
export class TrackFeedbackUseCase {
  constructor(
    @Inject(FeedbackRepository) private readonly feedback: FeedbackRepository,
    @Inject(MeasureRepository) private readonly measures: MeasureRepository,
  ) {}

  async execute(trackingCode: string) {
    const f = await this.feedback.findByTrackingHash(hashOpaqueToken(normaliseTrackingCode(trackingCode)));
    if (!f) throw new DomainError('NOT_FOUND', 'no feedback with this tracking code');
    const measure = f.measureId ? await this.measures.findById(f.measureId) : null;
    return {
      status: f.status,
      receivedAt: f.receivedAt.toISOString(),
      triagedAt: f.triagedAt ? f.triagedAt.toISOString() : null,
      forwardedTo: measure ? { measureCode: measure.code, title: measure.title } : null,
      dismissReason: f.dismissReason,
    };
  }
}
