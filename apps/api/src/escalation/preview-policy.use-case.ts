import { Inject, Injectable } from '@nestjs/common';
import type { EscalationPolicy } from '../../../../libs/domain/src/escalation-ladder';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import { isOpen } from '../../../../libs/domain/src/measure-status';
import { MeasureRepository } from '../../../../libs/persistence/src/repositories/measure.repository';
import { PlanRepository } from '../../../../libs/persistence/src/repositories/plan.repository';
import { MeasureWorkflowGateway } from '../../../../libs/temporal/src/measure-workflow.gateway';
import { measurePreview, previewToken, refuseUncountable } from './policy-preview';

// Before a new escalation policy version reaches running measures: which steps of which measure
// would move, and to when. Nothing changes; the answer carries the token `apply` requires.
@Injectable()
export class PreviewPolicyUseCase {
  constructor(
    @Inject(PlanRepository) private readonly plans: PlanRepository,
    @Inject(MeasureRepository) private readonly measures: MeasureRepository,
    @Inject(MeasureWorkflowGateway) private readonly workflows: MeasureWorkflowGateway,
  ) {}

  async execute(planId: string, policy: EscalationPolicy) {
    const plan = await this.plans.findById(planId);
    if (!plan) throw new DomainError('NOT_FOUND', `no plan ${planId}`);
    refuseUncountable(plan, policy);
    const open = (await this.measures.listByPlan(plan.id)).filter((m) => isOpen(m.status));
    const items = [];
    for (const m of open) {
      const state = await this.workflows.state(m.workflowId);
      if (!state) continue;
      items.push({
        id: m.id,
        code: m.code,
        currentPolicy: state.policy.version,
        moves: measurePreview(state, policy),
      });
    }
    return {
      planId: plan.id,
      policyVersion: policy.version,
      previewToken: previewToken(plan.id, policy),
      affected: items.filter((i) => i.moves.length > 0).length,
      measures: items,
    };
  }
}
