import { Inject, Injectable } from '@nestjs/common';
import { type Principal, unitLineage } from '../../../../libs/domain/src/authorization';
import {
  instructionAccess,
  type InstructionAccess,
  type InstructionTargetFacts,
} from '../../../../libs/domain/src/leader-instruction';
import type { LeaderInstructionEntity } from '../../../../libs/persistence/src/entities/leader-instruction.entity';
import { LeaderInstructionRepository } from '../../../../libs/persistence/src/repositories/leader-instruction.repository';
import { UnitRepository } from '../../../../libs/persistence/src/repositories/unit.repository';

// The facts that say who sees and who answers an instruction, read as the measure routes read
// theirs (MeasureAccess): the target's measures' units now, with their ancestors in the unit tree.
@Injectable()
export class InstructionAccessReader {
  constructor(
    @Inject(LeaderInstructionRepository) private readonly instructions: LeaderInstructionRepository,
    @Inject(UnitRepository) private readonly units: UnitRepository,
  ) {}

  // `tree`: the plan's unit tree when the caller has it already (a list reads it once).
  async facts(
    i: Pick<LeaderInstructionEntity, 'planId' | 'targetKind' | 'targetCode'>,
    tree?: readonly { code: string; parent: string | null }[],
  ): Promise<InstructionTargetFacts> {
    const measures = (await this.instructions.targetMeasures(i.planId, i.targetKind, i.targetCode)) ?? [];
    const leadUnits = measures.map((m) => m.leadUnitCode);
    const allUnits = measures.flatMap((m) => [m.leadUnitCode, ...m.coUnitCodes]);
    tree ??= measures.length ? await this.units.tree(i.planId) : [];
    return {
      kind: i.targetKind,
      measureLeadUnits: leadUnits,
      responsibleLineage: unitLineage(leadUnits, tree),
      scopeLineage: unitLineage(allUnits, tree),
    };
  }

  async access(
    principal: Principal,
    i: Pick<LeaderInstructionEntity, 'planId' | 'targetKind' | 'targetCode'>,
    tree?: readonly { code: string; parent: string | null }[],
  ): Promise<{ access: InstructionAccess; facts: InstructionTargetFacts }> {
    const facts = await this.facts(i, tree);
    return { access: instructionAccess(principal, facts), facts };
  }
}
