import { Module } from '@nestjs/common';
import { ApplyPolicyUseCase } from './apply-policy.use-case';
import { EscalationController } from './escalation.controller';
import { PreviewPolicyUseCase } from './preview-policy.use-case';
import { SampleLookBacksUseCase } from './sample-look-backs.use-case';

@Module({
  controllers: [EscalationController],
  providers: [PreviewPolicyUseCase, ApplyPolicyUseCase, SampleLookBacksUseCase],
})
export class EscalationModule {}
