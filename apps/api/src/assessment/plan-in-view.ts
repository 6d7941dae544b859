import { measureScope, type Principal, visibleMeasures } from '../../../../libs/domain/src/authorization';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import type { PlanAssessedView } from '../../../../libs/persistence/src/repositories/plan.repository';

// A plan holding none of the principal's measures is no plan to it (404), as on GET /plans/:id.
export function assertPlanInView(
  principal: Principal,
  whole: Pick<PlanAssessedView, 'units' | 'measures'>,
  idOrCode: string,
): void {
  if (measureScope(principal).kind === 'all') return;
  const unitTree = whole.units.map((u) => ({ code: u.code, parent: u.parentCode }));
  if (visibleMeasures(principal, whole.measures, unitTree).length === 0)
    throw new DomainError('NOT_FOUND', `no plan ${idOrCode}`);
}
