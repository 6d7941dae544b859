import { Module } from '@nestjs/common';
import { CompleteMeasureUseCase } from './complete-measure.use-case';
import { GetMeasureUseCase } from './get-measure.use-case';
import { ListMeasuresUseCase } from './list-measures.use-case';
import { MeasuresController } from './measures.controller';

@Module({
  controllers: [MeasuresController],
  providers: [ListMeasuresUseCase, GetMeasureUseCase, CompleteMeasureUseCase],
})
export class MeasuresModule {}
