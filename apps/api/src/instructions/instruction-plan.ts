import { DomainError } from '../../../../libs/domain/src/domain-error';
import type { PlanEntity } from '../../../../libs/persistence/src/entities/plan.entity';
import type { PlanRepository } from '../../../../libs/persistence/src/repositories/plan.repository';

// The plan a 批示 route names, by id or by code as the other plan routes accept.
export async function instructionPlan(plans: PlanRepository, idOrCode: string): Promise<PlanEntity> {
  const plan = await plans.findByIdOrCode(idOrCode);
  if (!plan) throw new DomainError('NOT_FOUND', `no plan ${idOrCode}`);
  return plan;
}
