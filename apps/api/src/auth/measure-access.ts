import { Inject, Injectable } from '@nestjs/common';
import {
  Action,
  can,
  MeasureFacts,
  measureInScope,
  MeasureScope,
  measureScope,
  Principal,
} from '../../../../libs/domain/src/authorization';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import type { MeasureEntity } from '../../../../libs/persistence/src/entities/measure.entity';
import { UnitRepository } from '../../../../libs/persistence/src/repositories/unit.repository';

// Row-level authorization for one measure, for reads and for every command that reaches its
// workflow. A measure outside the caller's scope answers 404, exactly like one that does not
// exist, so ids cannot be probed; inside the scope, an action the role lacks answers 403.
@Injectable()
export class MeasureAccess {
  constructor(@Inject(UnitRepository) private readonly units: UnitRepository) {}

  scope(principal: Principal): MeasureScope {
    return measureScope(principal);
  }

  async facts(
    m: Pick<MeasureEntity, 'planId' | 'leadLeader' | 'leadUnitCode' | 'coUnitCodes'>,
  ): Promise<MeasureFacts> {
    return {
      leadLeader: m.leadLeader,
      unitLineage: await this.units.lineage(m.planId, [m.leadUnitCode, ...m.coUnitCodes]),
    };
  }

  async assertCanAct(principal: Principal, action: Action, m: MeasureEntity): Promise<void> {
    const scope = measureScope(principal);
    // Office and admin reach everything: no lineage to look up.
    const facts = scope.kind === 'all' ? { leadLeader: m.leadLeader, unitLineage: [] } : await this.facts(m);
    if (!measureInScope(scope, facts)) throw new DomainError('NOT_FOUND', `no measure ${m.id}`);
    if (!can(principal, action, facts))
      throw new DomainError('FORBIDDEN', `role ${principal.role} may not ${action}`);
  }
}
