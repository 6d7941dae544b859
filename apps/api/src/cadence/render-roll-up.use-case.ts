import { Inject, Injectable } from '@nestjs/common';
import { Principal, visibleUnitRows } from '../../../../libs/domain/src/authorization';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import { CadenceRepository } from '../../../../libs/persistence/src/repositories/cadence.repository';
import type { DocumentFormat } from '../../../../libs/reporting/src/report-document';
import type { RollUp } from '../../../../libs/reporting/src/roll-up';
import { renderRollUp } from '../../../../libs/reporting/src/roll-up-renderer';
import { ReportingPlan } from './reporting-plan';

// A closed period's roll-up (旬报 / 月通报) as it was stored at the close, in Markdown or HTML,
// with the unit rows the principal may see: the office all, a unit its own and those below.
@Injectable()
export class RenderRollUpUseCase {
  constructor(
    @Inject(ReportingPlan) private readonly plans: ReportingPlan,
    @Inject(CadenceRepository) private readonly cadence: CadenceRepository,
  ) {}

  async execute(c: { plan: string; period: string; format: DocumentFormat; principal: Principal }) {
    const { plan, units } = await this.plans.load(c.plan);
    const closed = await this.cadence.closedPeriod(plan.id, c.period);
    if (!closed)
      throw new DomainError(
        'NOT_FOUND',
        `plan ${plan.code} has no closed reporting period ${c.period} (GET /plans/${plan.code}/reporting-periods lists them)`,
      );
    const rollUp = closed.detail as unknown as RollUp;
    const visible = { ...rollUp, units: visibleUnitRows(c.principal, rollUp.units, units) };
    return { text: renderRollUp(visible, c.format) };
  }
}
