import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import type { PlanDefinition } from '../../../../libs/domain/src/plan-definition';
import { PlanRepository } from '../../../../libs/persistence/src/repositories/plan.repository';

// 方案版本: the plan's content as each import or re-import that changed it applied it, oldest
// first, with the counts a reader compares at a glance and the whole definition.
@Injectable()
export class ListPlanVersionsUseCase {
  constructor(@Inject(PlanRepository) private readonly plans: PlanRepository) {}

  async execute(idOrCode: string) {
    const plan = await this.plans.findByIdOrCode(idOrCode);
    if (!plan) throw new DomainError('NOT_FOUND', `no plan ${idOrCode}`);
    const versions = await this.plans.versions(plan.id);
    return {
      planCode: plan.code,
      current: versions.at(-1)?.number ?? null,
      items: versions.map((v) => ({
        number: v.number,
        contentHash: v.contentHash,
        appliedAt: v.appliedAt.toISOString(),
        ...countsOf(v.definition),
        definition: v.definition,
      })),
    };
  }
}

function countsOf(def: PlanDefinition): { title: string; problems: number; measures: number } {
  const problems = def.categories.flatMap((c) => c.aspects.flatMap((a) => a.problems));
  return {
    title: def.plan.title,
    problems: problems.length,
    measures: problems.reduce((n, p) => n + p.measures.length, 0),
  };
}
