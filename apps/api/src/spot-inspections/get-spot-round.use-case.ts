import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import { roundFigures } from '../../../../libs/domain/src/spot-inspection';
import { SpotInspectionRepository } from '../../../../libs/persistence/src/repositories/spot-inspection.repository';
import { findingView, roundSummary } from './spot-round.view';

// A round with its groups and places, its findings with their notices, and its figures: findings,
// notices issued, rectified, in progress and overdue, from the read model of the notices' measures
// as of now (the server's clock).
@Injectable()
export class GetSpotRoundUseCase {
  constructor(@Inject(SpotInspectionRepository) private readonly spot: SpotInspectionRepository) {}

  async execute(code: string) {
    const round = await this.spot.findRound(code);
    if (!round) throw new DomainError('NOT_FOUND', `no spot-inspection round ${code}`);
    const [findings, measures] = await Promise.all([
      this.spot.findings(round.id),
      this.spot.noticeMeasures(round.code),
    ]);
    const now = new Date();
    const measureOf = (f: (typeof findings)[number]) =>
      (f.measureCode && measures.get(f.measureCode)) || null;
    const names = new Map(round.units.map((u) => [u.code, u.name]));
    const households = new Map(
      (round.draw?.result.groups ?? []).flatMap((g) =>
        g.places.map((p) => [`${g.group}/${p.unit}`, p.households]),
      ),
    );
    return {
      ...roundSummary(round),
      escalationPolicy: round.escalationPolicy,
      samplingRule: round.samplingRule,
      draw: round.draw && {
        seed: round.drawSeed,
        algorithm: round.draw.result.algorithm,
        periodKey: round.draw.periodKey,
        excluded: round.draw.result.excluded,
      },
      groups: round.groups.map((g) => ({
        code: g.code,
        name: g.name,
        places: g.places.map((unit) => ({
          unit,
          name: names.get(unit) ?? unit,
          households: households.get(`${g.code}/${unit}`) ?? null,
        })),
      })),
      findings: findings.map((f) => findingView(f, measureOf(f), now)),
      figures: roundFigures(
        findings.map((f) => ({ noticeKind: f.noticeKind, measure: measureOf(f) })),
        now,
      ),
      asOf: now.toISOString(),
      createdBy: round.createdBy,
      createdAt: round.createdAt.toISOString(),
    };
  }
}
