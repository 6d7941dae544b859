import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import { MeasureRepository } from '../../../../libs/persistence/src/repositories/measure.repository';
import { PlanRepository } from '../../../../libs/persistence/src/repositories/plan.repository';
import { MeasureWorkflowGateway } from '../../../../libs/temporal/src/measure-workflow.gateway';
import { PlanCadenceWorkflowGateway } from '../../../../libs/temporal/src/plan-cadence-workflow.gateway';

// Closes a plan: recorded once, then every measure's workflow (sub-measures included) is told and
// ends where it stands; mechanism measures stop their periodic reviews, and the plan's reporting
// cadence stops judging periods. Telling is idempotent, so
// closing again after a Temporal outage reaches whatever was missed.
@Injectable()
export class ClosePlanUseCase {
  constructor(
    @Inject(PlanRepository) private readonly plans: PlanRepository,
    @Inject(MeasureRepository) private readonly measures: MeasureRepository,
    @Inject(MeasureWorkflowGateway) private readonly workflows: MeasureWorkflowGateway,
    @Inject(PlanCadenceWorkflowGateway) private readonly cadence: PlanCadenceWorkflowGateway,
  ) {}

  async execute(cmd: { planId: string; actor: string }) {
    const plan = await this.plans.findById(cmd.planId);
    if (!plan) throw new DomainError('NOT_FOUND', `no plan ${cmd.planId}`);
    const closedAt = plan.closedAt ?? new Date();
    if (!plan.closedAt) await this.plans.markClosed(plan.id, closedAt, cmd.actor);
    const measures = await this.measures.listByPlan(plan.id);
    for (const m of measures) await this.workflows.closePlan(m.workflowId, cmd.actor);
    await this.cadence.planClosed(plan.code, cmd.actor);
    return { planId: plan.id, code: plan.code, closedAt: closedAt.toISOString(), measures: measures.length };
  }
}
