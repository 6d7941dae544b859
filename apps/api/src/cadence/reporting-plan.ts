import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import type { PlanEntity } from '../../../../libs/persistence/src/entities/plan.entity';
import { CadenceRepository } from '../../../../libs/persistence/src/repositories/cadence.repository';
import { PlanRepository } from '../../../../libs/persistence/src/repositories/plan.repository';

// A plan named by id or code, with its unit tree: what both reporting-period views start from.
@Injectable()
export class ReportingPlan {
  constructor(
    @Inject(PlanRepository) private readonly plans: PlanRepository,
    @Inject(CadenceRepository) private readonly cadence: CadenceRepository,
  ) {}

  async load(idOrCode: string): Promise<{
    plan: PlanEntity;
    units: { code: string; name: string; parent: string | null }[];
  }> {
    const plan = await this.plans.findByIdOrCode(idOrCode);
    if (!plan) throw new DomainError('NOT_FOUND', `no plan ${idOrCode}`);
    const units = (await this.cadence.units(plan.id)).map((u) => ({
      code: u.code,
      name: u.name,
      parent: u.parentCode,
    }));
    return { plan, units };
  }
}
