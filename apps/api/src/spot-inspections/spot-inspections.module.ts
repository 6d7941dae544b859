import { Module } from '@nestjs/common';
import { SpotInspectionRepository } from '../../../../libs/persistence/src/repositories/spot-inspection.repository';
import { repositoryProvider } from '../../../../libs/persistence/src/repository.provider';
import { PlansModule } from '../plans/plans.module';
import { AddSpotFindingUseCase } from './add-spot-finding.use-case';
import { CreateSpotRoundUseCase } from './create-spot-round.use-case';
import { GetSpotRoundUseCase } from './get-spot-round.use-case';
import { IssueSpotNoticeUseCase } from './issue-spot-notice.use-case';
import { ListSpotRoundsUseCase } from './list-spot-rounds.use-case';
import { SpotInspectionsController } from './spot-inspections.controller';
import { VerifySpotDrawUseCase } from './verify-spot-draw.use-case';

// 暗访督查: rounds, their draw, findings, and the notices that become measures of the round's plan
// (imported through the plans module's import).
@Module({
  imports: [PlansModule],
  controllers: [SpotInspectionsController],
  providers: [
    CreateSpotRoundUseCase,
    ListSpotRoundsUseCase,
    GetSpotRoundUseCase,
    AddSpotFindingUseCase,
    IssueSpotNoticeUseCase,
    VerifySpotDrawUseCase,
    repositoryProvider(SpotInspectionRepository),
  ],
})
export class SpotInspectionsModule {}
