import { Inject, Injectable } from '@nestjs/common';
import { readDeadline } from '../../../../libs/domain/src/deadline';
import { DomainError, type ErrorDetail } from '../../../../libs/domain/src/domain-error';
import { SpotInspectionRepository } from '../../../../libs/persistence/src/repositories/spot-inspection.repository';
import { validationFailed } from '../common/parse-input';
import { findingView } from './spot-round.view';
import type { AddSpotFindingBody } from './spot-inspection.schemas';

// Records what a group found at a place during the round, optionally tied to a problem of another
// plan (where the finding shows that problem is not rectified).
@Injectable()
export class AddSpotFindingUseCase {
  constructor(@Inject(SpotInspectionRepository) private readonly spot: SpotInspectionRepository) {}

  async execute(cmd: { roundCode: string; body: AddSpotFindingBody; actor: string }) {
    const round = await this.spot.findRound(cmd.roundCode);
    if (!round) throw new DomainError('NOT_FOUND', `no spot-inspection round ${cmd.roundCode}`);
    const b = cmd.body;
    const problems: ErrorDetail[] = [];
    const add = (path: string, message: string) => problems.push({ path: `body.${path}`, message });
    if (!round.groups.some((g) => g.code === b.group))
      add(
        'group',
        `round ${round.code} has no group ${b.group}; its groups: ${round.groups.map((g) => g.code).join(', ')}`,
      );
    if (!round.units.some((u) => u.code === b.place))
      add('place', `${b.place} is not a unit of round ${round.code}`);
    const found = readDeadline(b.foundOn, 'UTC');
    if (!found.ok) add('foundOn', found.message);
    else if (b.foundOn < round.startsOn || b.foundOn > round.endsOn)
      add('foundOn', `must lie within the round, ${round.startsOn} to ${round.endsOn}`);
    if (b.link) {
      if (b.link.planCode === round.code)
        add('link.planCode', "a finding's own notice is already a measure of the round's plan");
      else if (!(await this.spot.planExists(b.link.planCode)))
        add('link.planCode', `no plan ${b.link.planCode}`);
      else if (!(await this.spot.problemExists(b.link.planCode, b.link.problemCode)))
        add('link.problemCode', `plan ${b.link.planCode} has no problem ${b.link.problemCode}`);
    }
    if (problems.length) throw validationFailed('body', problems);
    const finding = await this.spot.addFinding({
      roundId: round.id,
      groupCode: b.group,
      unitCode: b.place,
      description: b.description,
      foundOn: b.foundOn,
      linkedPlanCode: b.link?.planCode ?? null,
      linkedProblemCode: b.link?.problemCode ?? null,
      createdBy: cmd.actor,
      createdAt: new Date(),
    });
    return findingView(finding, null, new Date());
  }
}
