import { Module } from '@nestjs/common';
import { EvidenceModule } from '../evidence/evidence.module';
import { RunMeasureCommandUseCase } from './run-measure-command.use-case';
import { GetMeasureUseCase } from './get-measure.use-case';
import { ListMeasuresUseCase } from './list-measures.use-case';
import { MeasuresController } from './measures.controller';

@Module({
  imports: [EvidenceModule],
  controllers: [MeasuresController],
  providers: [ListMeasuresUseCase, GetMeasureUseCase, RunMeasureCommandUseCase],
})
export class MeasuresModule {}
