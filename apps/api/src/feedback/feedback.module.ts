import { Module } from '@nestjs/common';
import { FeedbackRepository } from '../../../../libs/persistence/src/repositories/feedback.repository';
import { repositoryProvider } from '../../../../libs/persistence/src/repository.provider';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { FeedbackController } from './feedback.controller';
import { ListFeedbackUseCase } from './list-feedback.use-case';
import { SubmitFeedbackUseCase } from './submit-feedback.use-case';
import { TrackFeedbackUseCase } from './track-feedback.use-case';
import { TriageFeedbackUseCase } from './triage-feedback.use-case';

@Module({
  imports: [RateLimitModule],
  controllers: [FeedbackController],
  providers: [
    repositoryProvider(FeedbackRepository),
    SubmitFeedbackUseCase,
    TrackFeedbackUseCase,
    ListFeedbackUseCase,
    TriageFeedbackUseCase,
  ],
})
export class FeedbackModule {}
