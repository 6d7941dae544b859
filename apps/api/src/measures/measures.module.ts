import { Module } from '@nestjs/common';
import { LeaderInstructionRepository } from '../../../../libs/persistence/src/repositories/leader-instruction.repository';
import { PeopleRepository } from '../../../../libs/persistence/src/repositories/people.repository';
import { UnitRepository } from '../../../../libs/persistence/src/repositories/unit.repository';
import { UserRepository } from '../../../../libs/persistence/src/repositories/user.repository';
import { repositoryProvider } from '../../../../libs/persistence/src/repository.provider';
import { CarryOverRepository } from '../../../../libs/persistence/src/repositories/carry-over.repository';
import { EvidenceModule } from '../evidence/evidence.module';
import { RunMeasureCommandUseCase } from './run-measure-command.use-case';
import { GetMeasureUseCase } from './get-measure.use-case';
import { ListMeasuresUseCase } from './list-measures.use-case';
import { ExportMeasuresUseCase } from './export-measures.use-case';
import { MeasuresController } from './measures.controller';

@Module({
  imports: [EvidenceModule],
  controllers: [MeasuresController],
  providers: [
    ListMeasuresUseCase,
    ExportMeasuresUseCase,
    GetMeasureUseCase,
    RunMeasureCommandUseCase,
    repositoryProvider(UnitRepository),
    repositoryProvider(CarryOverRepository),
    repositoryProvider(PeopleRepository),
    repositoryProvider(UserRepository),
    repositoryProvider(LeaderInstructionRepository),
  ],
})
export class MeasuresModule {}
