import { Module } from '@nestjs/common';
import { UnitAssessmentRepository } from '../../../../libs/persistence/src/repositories/unit-assessment.repository';
import { repositoryProvider } from '../../../../libs/persistence/src/repository.provider';
import { AssessmentController } from './assessment.controller';
import { AssessmentRankingSource } from './assessment-ranking.source';
import { GetAssessmentRuleUseCase } from './get-assessment-rule.use-case';
import { GetUnitAssessmentUseCase } from './get-unit-assessment.use-case';
import { PublishAssessmentUseCase } from './publish-assessment.use-case';
import { PutAssessmentRuleUseCase } from './put-assessment-rule.use-case';
import { WithdrawAssessmentPublicationUseCase } from './withdraw-assessment-publication.use-case';

// Unit assessment and ranking (考评): the plan's rule (office-edited, default otherwise) applied to
// the read model per period, and the rankings the office published. The bulletin reads rankings
// through the exported source.
@Module({
  controllers: [AssessmentController],
  providers: [
    repositoryProvider(UnitAssessmentRepository),
    AssessmentRankingSource,
    GetUnitAssessmentUseCase,
    GetAssessmentRuleUseCase,
    PutAssessmentRuleUseCase,
    PublishAssessmentUseCase,
    WithdrawAssessmentPublicationUseCase,
  ],
  exports: [AssessmentRankingSource, UnitAssessmentRepository],
})
export class AssessmentModule {}
