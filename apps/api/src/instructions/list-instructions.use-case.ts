import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../../../../libs/domain/src/authorization';
import { mayAnswer } from '../../../../libs/domain/src/leader-instruction';
import { LeaderInstructionRepository } from '../../../../libs/persistence/src/repositories/leader-instruction.repository';
import { PlanRepository } from '../../../../libs/persistence/src/repositories/plan.repository';
import { instructionPlan } from './instruction-plan';
import { instructionView } from './instruction.view';

// A plan's instructions with their state and answers, oldest first. A unit account sees the ones on
// the plan as a whole and the ones it must answer; leaders and the office see all.
@Injectable()
export class ListInstructionsUseCase {
  constructor(
    @Inject(PlanRepository) private readonly plans: PlanRepository,
    @Inject(LeaderInstructionRepository) private readonly instructions: LeaderInstructionRepository,
  ) {}

  async execute(c: { plan: string; principal: Principal }) {
    const plan = await instructionPlan(this.plans, c.plan);
    const now = new Date();
    const rows = await this.instructions.list(plan.id);
    const answers = await this.instructions.answers(rows.map((r) => r.id));
    const out = [];
    for (const r of rows) {
      const leadUnits = (await this.instructions.targetLeadUnits(plan.id, r.targetKind, r.targetCode)) ?? [];
      const target = { kind: r.targetKind, measureLeadUnits: leadUnits };
      if (c.principal.role === 'unit' && r.targetKind !== 'plan' && !mayAnswer(c.principal, target)) continue;
      out.push(
        instructionView(
          r,
          leadUnits,
          answers.filter((a) => a.instructionId === r.id),
          now,
        ),
      );
    }
    return { plan: plan.code, items: out };
  }
}
