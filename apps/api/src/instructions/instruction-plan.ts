import { DomainError } from '../../../../libs/domain/src/domain-error';
import type { PlanEntity } from '../../../../libs/persistence/src/entities/plan.entity';
import type { PlanRepository } from '../../../../libs/persistence/src/repositories/plan.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// The plan a 批示 route names, by id or by code as the other plan routes accept.
export async function instructionPlan(plans: PlanRepository, idOrCode: string): Promise<PlanEntity> {
  const plan = UUID.test(idOrCode) ? await plans.findById(idOrCode) : await plans.findByCode(idOrCode);
  if (!plan) throw new DomainError('NOT_FOUND', `no plan ${idOrCode}`);
  return plan;
}
