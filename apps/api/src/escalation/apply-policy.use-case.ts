import { Inject, Injectable } from '@nestjs/common';
import type { EscalationPolicy } from '../../../../libs/domain/src/escalation-ladder';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import { isOpen } from '../../../../libs/domain/src/measure-status';
import { MeasureRepository } from '../../../../libs/persistence/src/repositories/measure.repository';
import { PlanRepository } from '../../../../libs/persistence/src/repositories/plan.repository';
import { MeasureWorkflowGateway } from '../../../../libs/temporal/src/measure-workflow.gateway';
import { previewToken, refuseUncountable } from './policy-preview';

// Applies a previewed policy version to every open measure of a plan, and makes it the plan's
// default for measures added later. Refused without the token of a preview of the same policy.
@Injectable()
export class ApplyPolicyUseCase {
  constructor(
    @Inject(PlanRepository) private readonly plans: PlanRepository,
    @Inject(MeasureRepository) private readonly measures: MeasureRepository,
    @Inject(MeasureWorkflowGateway) private readonly workflows: MeasureWorkflowGateway,
  ) {}

  async execute(cmd: { planId: string; policy: EscalationPolicy; previewToken: string; actor: string }) {
    const plan = await this.plans.findById(cmd.planId);
    if (!plan) throw new DomainError('NOT_FOUND', `no plan ${cmd.planId}`);
    refuseUncountable(plan, cmd.policy);
    if (cmd.previewToken !== previewToken(plan.id, cmd.policy)) {
      throw new DomainError(
        'COMMAND_REFUSED',
        'preview this policy first (POST …/escalation-policy/preview) and send its previewToken',
      );
    }
    const open = (await this.measures.listByPlan(plan.id)).filter((m) => isOpen(m.status));
    const applied: string[] = [];
    const refused: { code: string; reason: string }[] = [];
    for (const m of open) {
      try {
        await this.workflows.applyPolicy(m.workflowId, { actor: cmd.actor, policy: cmd.policy });
        applied.push(m.code);
      } catch (e) {
        if (e instanceof DomainError && e.code === 'COMMAND_REFUSED')
          refused.push({ code: m.code, reason: e.message });
        else throw e;
      }
    }
    await this.plans.setDefaultPolicy(plan.id, cmd.policy);
    return { planId: plan.id, policyVersion: cmd.policy.version, applied, refused };
  }
}
