import { Inject, Injectable } from '@nestjs/common';
import { measureScope, Principal } from '../../../../libs/domain/src/authorization';
import { MeasureRepository } from '../../../../libs/persistence/src/repositories/measure.repository';
import { PlanRepository } from '../../../../libs/persistence/src/repositories/plan.repository';

// The plans a principal may know of: the office and admins every plan, everyone else the plans
// holding at least one measure in their scope.
@Injectable()
export class ListPlansUseCase {
  constructor(
    @Inject(PlanRepository) private readonly plans: PlanRepository,
    @Inject(MeasureRepository) private readonly measures: MeasureRepository,
  ) {}

  async execute(principal: Principal) {
    const scope = measureScope(principal);
    const all = await this.plans.list();
    const reached = scope.kind === 'all' ? null : new Set(await this.measures.planIdsInScope(scope));
    const plans = reached ? all.filter((p) => reached.has(p.id)) : all;
    return {
      items: plans.map((p) => ({
        id: p.id,
        code: p.code,
        title: p.title,
        timeZone: p.timeZone,
        importedAt: p.importedAt.toISOString(),
      })),
    };
  }
}
