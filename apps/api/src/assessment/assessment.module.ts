import { Module } from '@nestjs/common';
import { UnitAssessmentRepository } from '../../../../libs/persistence/src/repositories/unit-assessment.repository';
import { repositoryProvider } from '../../../../libs/persistence/src/repository.provider';
import { AssessmentController } from './assessment.controller';
import { GetUnitAssessmentUseCase } from './get-unit-assessment.use-case';

// Unit assessment and ranking (考评): the default rule applied to the read model per period.
@Module({
  controllers: [AssessmentController],
  providers: [repositoryProvider(UnitAssessmentRepository), GetUnitAssessmentUseCase],
})
export class AssessmentModule {}
