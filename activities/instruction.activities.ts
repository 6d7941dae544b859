// The instruction workflow's side effects: each step of a 批示's clock (the answer reminder, the
// overdue notice) recorded once with its notices to whoever must answer, and the notices' delivery
// started through the same path as a ladder step's: a notice names the measure the unit leads.
import {
  type InstructionStepKind,
  instructionStepAddressees,
  responsibleUnits,
} from '../libs/domain/src/leader-instruction';
import { LeaderInstructionRepository } from '../libs/persistence/src/repositories/leader-instruction.repository';
import { PlanRepository } from '../libs/persistence/src/repositories/plan.repository';
import type {
  InstructionStepInput,
  InstructionStepOutcome,
} from '../workflows/instruction/instruction.contract';
import { nonRetryableIfPermanent, type NoticeDispatcher } from './measure.activities';

const ACTOR = 'rectify:instruction-clock';

const SUBJECT: Record<InstructionStepKind, string> = {
  answer_reminder: 'leader instruction to answer soon (批示落实情况待报)',
  answer_overdue: 'leader instruction not answered in time (批示逾期未落实)',
};

export class InstructionActivities {
  constructor(
    private readonly instructions: LeaderInstructionRepository,
    private readonly plans: PlanRepository,
    private readonly dispatcher?: NoticeDispatcher,
  ) {}

  // An instruction that is gone (its clock could not start and it was taken back) closes the
  // clock like an answer: there is nobody to remind about it.
  async recordInstructionStep(input: InstructionStepInput): Promise<InstructionStepOutcome> {
    const instruction = await this.instructions.find(input.instructionId);
    if (!instruction) return { open: false };
    const plan = await this.plans.findById(instruction.planId);
    const measures =
      (await this.instructions.targetMeasures(
        instruction.planId,
        instruction.targetKind,
        instruction.targetCode,
      )) ?? [];
    const responsible = responsibleUnits({
      kind: instruction.targetKind,
      measureLeadUnits: measures.map((m) => m.leadUnitCode),
    });
    // A unit hears through the first of the target's measures it leads; the office through the
    // target's first measure (none for a 批示 on the plan: recorded, not delivered).
    const through = (unit: string | null) =>
      (unit === null ? measures[0] : measures.find((m) => m.leadUnitCode === unit))?.id ?? null;
    const target = `${instruction.targetKind} ${instruction.targetCode}`;
    const subject = `${SUBJECT[input.kind]}: ${target}, due ${instruction.dueAt.toISOString()}`;
    try {
      const outcome = await this.instructions.recordStep(instruction.id, {
        kind: input.kind,
        idempotencyKey: input.idempotencyKey,
        actor: ACTOR,
        // `deadline` is what a notice shows as its due time: the limit to answer.
        detail: { deadline: instruction.dueAt.toISOString(), target, responsibleUnits: responsible },
        occurredAt: new Date(input.occurredAt),
        notify: instructionStepAddressees(input.kind, responsible, plan?.code ?? instruction.planId).map(
          (a) => ({
            ...a,
            subject,
            measureId: through(a.addresseeKind === 'unit' ? a.addressee : null),
          }),
        ),
      });
      // Also on a retry that found the step recorded: its deliveries may not have started yet.
      if (this.dispatcher && outcome.requestIds.length) await this.dispatcher.dispatch(outcome.requestIds);
      return { open: outcome.open };
    } catch (e) {
      throw nonRetryableIfPermanent(e);
    }
  }
}

// The worker registers plain functions; binding keeps `this` when Temporal calls them.
export function instructionActivityFunctions(
  a: InstructionActivities,
): Pick<InstructionActivities, 'recordInstructionStep'> {
  return { recordInstructionStep: a.recordInstructionStep.bind(a) };
}
