import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import { drawMatches, drawPlaces } from '../../../../libs/domain/src/spot-inspection';
import { SpotInspectionRepository } from '../../../../libs/persistence/src/repositories/spot-inspection.repository';

// Re-runs a round's draw from what was recorded with it (rule, seed, groups, candidates, places
// earlier rounds had visited) and shows whether it gives the recorded places.
@Injectable()
export class VerifySpotDrawUseCase {
  constructor(@Inject(SpotInspectionRepository) private readonly spot: SpotInspectionRepository) {}

  async execute(code: string) {
    const round = await this.spot.findRound(code);
    if (!round) throw new DomainError('NOT_FOUND', `no spot-inspection round ${code}`);
    if (!round.samplingRule || !round.draw || round.drawSeed === null)
      throw new DomainError('NOT_FOUND', `round ${code} was not planned by a sampling rule: it has no draw`);
    const input = {
      rule: round.samplingRule,
      seed: round.drawSeed,
      groups: round.draw.result.groups.map((g) => g.group),
      candidates: round.draw.candidates,
      visitedBefore: round.draw.visitedBefore,
    };
    const recomputed = drawPlaces(input);
    return {
      code: round.code,
      input,
      periodKey: round.draw.periodKey,
      recorded: round.draw.result,
      recomputed,
      matches: drawMatches(input, round.draw.result),
    };
  }
}
