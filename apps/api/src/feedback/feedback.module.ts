import { Module } from '@nestjs/common';
import { RECTIFY_CONFIG } from '../../../../libs/config/src/config.module';
import type { RectifyConfig } from '../../../../libs/config/src/rectify-config';
import { FeedbackRepository } from '../../../../libs/persistence/src/repositories/feedback.repository';
import { repositoryProvider } from '../../../../libs/persistence/src/repository.provider';
import { FeedbackController } from './feedback.controller';
import { FEEDBACK_LIMITER } from './feedback.tokens';
import { ListFeedbackUseCase } from './list-feedback.use-case';
import { SubmitFeedbackUseCase } from './submit-feedback.use-case';
import { TokenBucketLimiter } from './token-bucket-limiter';
import { TrackFeedbackUseCase } from './track-feedback.use-case';
import { TriageFeedbackUseCase } from './triage-feedback.use-case';

// Enough distinct clients for a province-wide campaign, in a few megabytes at most.
const MAX_TRACKED_CLIENTS = 50_000;

@Module({
  controllers: [FeedbackController],
  providers: [
    repositoryProvider(FeedbackRepository),
    {
      provide: FEEDBACK_LIMITER,
      inject: [RECTIFY_CONFIG],
      useFactory: (config: RectifyConfig) =>
        new TokenBucketLimiter({
          capacity: config.feedback.burst,
          refillMs: config.feedback.refillMs,
          maxKeys: MAX_TRACKED_CLIENTS,
        }),
    },
    SubmitFeedbackUseCase,
    TrackFeedbackUseCase,
    ListFeedbackUseCase,
    TriageFeedbackUseCase,
  ],
})
export class FeedbackModule {}
