import { DataSource, In, IsNull } from 'typeorm';
import type { InstructionTargetKind } from '../../../domain/src/leader-instruction';
import { InstructionAnswerEntity, LeaderInstructionEntity } from '../entities/leader-instruction.entity';
import { MeasureEntity } from '../entities/measure.entity';
import { ProblemEntity } from '../entities/problem.entity';

// 批示 and their answers (落实情况), and the plan facts that say who must answer one.
export class LeaderInstructionRepository {
  constructor(private readonly ds: DataSource) {}

  async insert(row: LeaderInstructionEntity): Promise<void> {
    await this.ds.getRepository(LeaderInstructionEntity).insert(row);
  }

  find(id: string): Promise<LeaderInstructionEntity | null> {
    return this.ds.getRepository(LeaderInstructionEntity).findOneBy({ id });
  }

  list(planId: string): Promise<LeaderInstructionEntity[]> {
    return this.ds
      .getRepository(LeaderInstructionEntity)
      .find({ where: { planId }, order: { recordedAt: 'ASC', id: 'ASC' } });
  }

  async insertAnswer(row: InstructionAnswerEntity): Promise<void> {
    await this.ds.getRepository(InstructionAnswerEntity).insert(row);
  }

  answers(instructionIds: readonly string[]): Promise<InstructionAnswerEntity[]> {
    if (instructionIds.length === 0) return Promise.resolve([]);
    return this.ds
      .getRepository(InstructionAnswerEntity)
      .find({ where: { instructionId: In([...instructionIds]) }, order: { answeredAt: 'ASC', id: 'ASC' } });
  }

  // The lead units of a target as the read model has them now (a reassigned measure's new unit
  // answers); null when the plan has no such problem or measure. A plan has no lead units.
  async targetLeadUnits(planId: string, kind: InstructionTargetKind, code: string): Promise<string[] | null> {
    if (kind === 'plan') return [];
    const measures = this.ds.getRepository(MeasureEntity);
    if (kind === 'measure') {
      const m = await measures.findOne({ where: { planId, code }, select: { leadUnitCode: true } });
      return m ? [m.leadUnitCode] : null;
    }
    const problem = await this.ds.getRepository(ProblemEntity).findOneBy({ planId, code });
    if (!problem) return null;
    const rows = await measures.find({
      where: { planId, problemId: problem.id, parentMeasureId: IsNull() },
      select: { leadUnitCode: true },
    });
    return rows.map((r) => r.leadUnitCode);
  }
}
