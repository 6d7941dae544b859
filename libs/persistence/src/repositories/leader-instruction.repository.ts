import { randomUUID } from 'node:crypto';
import { DataSource, In, IsNull } from 'typeorm';
import type { InstructionStepKind, InstructionTargetKind } from '../../../domain/src/leader-instruction';
import {
  InstructionAnswerEntity,
  InstructionEventEntity,
  LeaderInstructionEntity,
} from '../entities/leader-instruction.entity';
import { MeasureEntity } from '../entities/measure.entity';
import { NotificationRequestEntity } from '../entities/notification-request.entity';
import { ProblemEntity } from '../entities/problem.entity';
import { serializedTransaction } from '../serialized-write';

// Answers and clock steps of instructions are written one at a time, so a step never goes out
// beside an answer committed in the same moment.
const INSTRUCTIONS = 'leader-instructions';

// A measure a 批示 is about, and through which its notices reach the measure's lead unit.
export interface TargetMeasure {
  readonly id: string;
  readonly code: string;
  readonly leadUnitCode: string;
  readonly coUnitCodes: readonly string[];
}

export interface InstructionStepWrite {
  readonly kind: InstructionStepKind;
  readonly idempotencyKey: string;
  readonly actor: string;
  readonly detail: Record<string, unknown>;
  readonly occurredAt: Date;
  readonly notify: readonly {
    readonly addresseeKind: string;
    readonly addressee: string;
    readonly subject: string;
    // The measure the notice is delivered through; null: recorded, not delivered (no measure).
    readonly measureId: string | null;
  }[];
}

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

  // An instruction whose clock could not be started is taken back, so none is left without one.
  async delete(id: string): Promise<void> {
    await this.ds.getRepository(LeaderInstructionEntity).delete({ id });
  }

  async insertAnswer(row: InstructionAnswerEntity): Promise<void> {
    await serializedTransaction(this.ds, INSTRUCTIONS, (em) => em.insert(InstructionAnswerEntity, row));
  }

  // A step of the clock, once by its key, with its notification requests; nothing when the
  // instruction is answered already (its clock has stopped) or is gone.
  async recordStep(
    instructionId: string,
    step: InstructionStepWrite,
  ): Promise<{ open: boolean; requestIds: string[] }> {
    return serializedTransaction(this.ds, INSTRUCTIONS, async (em) => {
      if (!(await em.existsBy(LeaderInstructionEntity, { id: instructionId })))
        return { open: false, requestIds: [] };
      if (await em.existsBy(InstructionAnswerEntity, { instructionId }))
        return { open: false, requestIds: [] };
      const id = randomUUID();
      await em
        .createQueryBuilder()
        .insert()
        .into(InstructionEventEntity)
        .values({
          id,
          instructionId,
          kind: step.kind,
          idempotencyKey: step.idempotencyKey,
          actor: step.actor,
          detail: step.detail as never,
          occurredAt: step.occurredAt,
          recordedAt: new Date(),
        })
        .orIgnore()
        .updateEntity(false)
        .execute();
      const stored = await em.findOneOrFail(InstructionEventEntity, {
        where: { idempotencyKey: step.idempotencyKey },
      });
      if (stored.id === id) {
        const instruction = await em.findOneByOrFail(LeaderInstructionEntity, { id: instructionId });
        for (const n of step.notify)
          await em.insert(NotificationRequestEntity, {
            id: randomUUID(),
            measureId: n.measureId,
            eventId: null,
            planId: instruction.planId,
            cadenceEventId: null,
            caseEventId: null,
            leadEventId: null,
            instructionEventId: id,
            addresseeKind: n.addresseeKind,
            addressee: n.addressee,
            subject: n.subject,
            status: 'pending',
            createdAt: step.occurredAt,
          });
      }
      const requests = await em.find(NotificationRequestEntity, {
        where: { instructionEventId: stored.id },
        order: { id: 'ASC' },
      });
      // Only notices with a measure can be delivered (a delivery names the measure it is about).
      return { open: true, requestIds: requests.filter((r) => r.measureId !== null).map((r) => r.id) };
    });
  }

  answers(instructionIds: readonly string[]): Promise<InstructionAnswerEntity[]> {
    if (instructionIds.length === 0) return Promise.resolve([]);
    return this.ds
      .getRepository(InstructionAnswerEntity)
      .find({ where: { instructionId: In([...instructionIds]) }, order: { answeredAt: 'ASC', id: 'ASC' } });
  }

  events(instructionIds: readonly string[]): Promise<InstructionEventEntity[]> {
    if (instructionIds.length === 0) return Promise.resolve([]);
    return this.ds
      .getRepository(InstructionEventEntity)
      .find({ where: { instructionId: In([...instructionIds]) }, order: { occurredAt: 'ASC', id: 'ASC' } });
  }

  // The instructions a measure's timeline shows: on the measure, on its problem, on its plan.
  async forMeasure(
    m: Pick<MeasureEntity, 'planId' | 'code' | 'problemId'>,
  ): Promise<LeaderInstructionEntity[]> {
    const problem = m.problemId
      ? await this.ds
          .getRepository(ProblemEntity)
          .findOne({ where: { id: m.problemId }, select: { code: true } })
      : null;
    const planId = m.planId;
    const where = [
      { planId, targetKind: 'measure' as const, targetCode: m.code },
      { planId, targetKind: 'plan' as const },
      ...(problem ? [{ planId, targetKind: 'problem' as const, targetCode: problem.code }] : []),
    ];
    return this.ds
      .getRepository(LeaderInstructionEntity)
      .find({ where, order: { recordedAt: 'ASC', id: 'ASC' } });
  }

  // The lead units of a target as the read model has them now (a reassigned measure's new unit
  // answers); null when the plan has no such problem or measure. A plan has no lead units.
  async targetLeadUnits(planId: string, kind: InstructionTargetKind, code: string): Promise<string[] | null> {
    const measures = await this.targetMeasures(planId, kind, code);
    return measures && measures.map((m) => m.leadUnitCode);
  }

  // The measures a target is about: the measure, or the top-level measures of the problem, in
  // code order; none for the plan; null when the plan has no such problem or measure.
  async targetMeasures(
    planId: string,
    kind: InstructionTargetKind,
    code: string,
  ): Promise<TargetMeasure[] | null> {
    if (kind === 'plan') return [];
    const measures = this.ds.getRepository(MeasureEntity);
    const select = { id: true, code: true, leadUnitCode: true, coUnitCodes: true };
    if (kind === 'measure') {
      const m = await measures.findOne({ where: { planId, code }, select });
      return m ? [m] : null;
    }
    const problem = await this.ds.getRepository(ProblemEntity).findOneBy({ planId, code });
    if (!problem) return null;
    return measures.find({
      where: { planId, problemId: problem.id, parentMeasureId: IsNull() },
      select,
      order: { code: 'ASC' },
    });
  }
}
