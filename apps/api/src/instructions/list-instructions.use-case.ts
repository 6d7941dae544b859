import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../../../../libs/domain/src/authorization';
import { LeaderInstructionRepository } from '../../../../libs/persistence/src/repositories/leader-instruction.repository';
import { PlanRepository } from '../../../../libs/persistence/src/repositories/plan.repository';
import { UnitRepository } from '../../../../libs/persistence/src/repositories/unit.repository';
import { InstructionAccessReader } from './instruction-access';
import { instructionPlan } from './instruction-plan';
import { instructionView } from './instruction.view';

// A plan's instructions with their state and answers, oldest first. A unit account sees the ones on
// the plan as a whole and the ones it (or a unit below it) must answer; leaders and the office see all.
@Injectable()
export class ListInstructionsUseCase {
  constructor(
    @Inject(PlanRepository) private readonly plans: PlanRepository,
    @Inject(LeaderInstructionRepository) private readonly instructions: LeaderInstructionRepository,
    @Inject(InstructionAccessReader) private readonly reader: InstructionAccessReader,
    @Inject(UnitRepository) private readonly units: UnitRepository,
  ) {}

  async execute(c: { plan: string; principal: Principal }) {
    const plan = await instructionPlan(this.plans, c.plan);
    const now = new Date();
    const rows = await this.instructions.list(plan.id);
    const answers = await this.instructions.answers(rows.map((r) => r.id));
    const tree = rows.length ? await this.units.tree(plan.id) : [];
    const out = [];
    for (const r of rows) {
      const { access, facts } = await this.reader.access(c.principal, r, tree);
      if (access === 'hidden') continue;
      out.push({
        ...instructionView(
          r,
          facts.measureLeadUnits,
          answers.filter((a) => a.instructionId === r.id),
          now,
        ),
        // Whether the caller may answer it (the screens offer the answer only then).
        mayAnswer: access === 'answer',
      });
    }
    return { plan: plan.code, items: out };
  }
}
