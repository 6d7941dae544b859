import { Inject, Injectable } from '@nestjs/common';
import { SpotInspectionRepository } from '../../../../libs/persistence/src/repositories/spot-inspection.repository';
import { roundSummary } from './spot-round.view';

@Injectable()
export class ListSpotRoundsUseCase {
  constructor(@Inject(SpotInspectionRepository) private readonly spot: SpotInspectionRepository) {}

  async execute() {
    return { items: (await this.spot.listRounds()).map(roundSummary) };
  }
}
