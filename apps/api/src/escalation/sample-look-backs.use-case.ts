import { Inject, Injectable } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import { MeasureRepository } from '../../../../libs/persistence/src/repositories/measure.repository';
import { PlanRepository } from '../../../../libs/persistence/src/repositories/plan.repository';
import { MeasureWorkflowGateway } from '../../../../libs/temporal/src/measure-workflow.gateway';

// 抽查: a random share of a plan's signed-off measures is chosen for a look-back after a delay.
// The draw uses a cryptographic generator so no one can predict or steer which measures are chosen.
@Injectable()
export class SampleLookBacksUseCase {
  constructor(
    @Inject(PlanRepository) private readonly plans: PlanRepository,
    @Inject(MeasureRepository) private readonly measures: MeasureRepository,
    @Inject(MeasureWorkflowGateway) private readonly workflows: MeasureWorkflowGateway,
  ) {}

  async execute(cmd: { planId: string; share: number; after: string; actor: string }) {
    const plan = await this.plans.findById(cmd.planId);
    if (!plan) throw new DomainError('NOT_FOUND', `no plan ${cmd.planId}`);
    const verified = (await this.measures.listByPlan(plan.id)).filter((m) => m.status === 'verified');
    const count = Math.ceil(verified.length * cmd.share);
    const pool = [...verified];
    for (let i = pool.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [pool[i], pool[j]] = [pool[j], pool[i]];
    }
    const chosen = pool.slice(0, count);
    for (const m of chosen)
      await this.workflows.scheduleLookBack(m.workflowId, { actor: cmd.actor, after: cmd.after });
    return {
      planId: plan.id,
      verified: verified.length,
      chosen: chosen.map((m) => ({ id: m.id, code: m.code })),
    };
  }
}
