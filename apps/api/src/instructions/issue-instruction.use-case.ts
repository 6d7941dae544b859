import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { zoneOffsetMs } from '../../../../libs/domain/src/deadline';
import {
  answerDueAt,
  DEFAULT_ANSWER_LIMIT,
  instructionProblems,
  type InstructionTargetKind,
} from '../../../../libs/domain/src/leader-instruction';
import { LeaderInstructionRepository } from '../../../../libs/persistence/src/repositories/leader-instruction.repository';
import { PlanRepository } from '../../../../libs/persistence/src/repositories/plan.repository';
import { InstructionGateway } from '../../../../libs/temporal/src/instruction.gateway';
import { validationFailed } from '../common/parse-input';
import { instructionPlan } from './instruction-plan';
import type { IssueInstructionBody } from './instruction.schemas';
import { instructionView } from './instruction.view';

// Records a leader's instruction (批示) on a plan, a problem or a measure of the plan, and starts
// its clock (the reminder, the overdue notice). Its limit to answer runs from now and is stored
// once; nothing is written when any field is wrong.
@Injectable()
export class IssueInstructionUseCase {
  constructor(
    @Inject(PlanRepository) private readonly plans: PlanRepository,
    @Inject(LeaderInstructionRepository) private readonly instructions: LeaderInstructionRepository,
    @Inject(InstructionGateway) private readonly gateway: InstructionGateway,
  ) {}

  async execute(c: { plan: string; body: IssueInstructionBody; actor: string }) {
    const plan = await instructionPlan(this.plans, c.plan);
    const b = c.body;
    const now = new Date();
    const today = new Date(now.getTime() + zoneOffsetMs(plan.timeZone, now.getTime()))
      .toISOString()
      .slice(0, 10);
    const problems = instructionProblems(b, today).map((p) => ({
      path: `body.${p.path}`,
      message: p.message,
    }));
    let leadUnits: string[] | null = [];
    if (problems.length === 0) {
      const kind = b.targetKind as InstructionTargetKind;
      leadUnits = await this.instructions.targetLeadUnits(plan.id, kind, b.targetCode);
      // As elsewhere for codes named in a body (a finding's linked problem): the field is wrong.
      if (leadUnits === null) {
        problems.push({
          path: 'body.targetCode',
          message: `plan ${plan.code} has no ${kind} ${b.targetCode}`,
        });
      } else if (kind === 'plan' && b.targetCode !== plan.code) {
        problems.push({ path: 'body.targetCode', message: `must be the plan's own code, ${plan.code}` });
      }
    }
    if (problems.length) throw validationFailed('body', problems);
    const answerLimit = b.answerLimit ?? DEFAULT_ANSWER_LIMIT;
    const row = {
      id: randomUUID(),
      planId: plan.id,
      targetKind: b.targetKind as InstructionTargetKind,
      targetCode: b.targetCode,
      text: b.text,
      author: b.author,
      issuedOn: b.issuedOn,
      answerLimit,
      recordedAt: now,
      dueAt: new Date(answerDueAt(now.getTime(), answerLimit)),
      recordedBy: c.actor,
    };
    // The row first, so the clock's first step finds it; the clock by the instruction's id, so a
    // start that reached Temporal but not us is found again, never doubled. When the clock cannot
    // start (Temporal away), the row is taken back and the caller told (503): no 批示 is left
    // without its reminder, and trying again records it whole. A run started by a start whose
    // answer was lost finds no row at its first step and ends.
    await this.instructions.insert(row);
    try {
      await this.gateway.startClock(row);
    } catch (e) {
      await this.instructions.delete(row.id);
      throw e;
    }
    return instructionView(row, leadUnits ?? [], [], now);
  }
}
