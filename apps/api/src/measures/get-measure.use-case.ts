import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Principal } from '../../../../libs/domain/src/authorization';
import { DomainError, type ErrorCode } from '../../../../libs/domain/src/domain-error';
import { indicatorHistory } from '../../../../libs/domain/src/indicator-history';
import { LeaderInstructionRepository } from '../../../../libs/persistence/src/repositories/leader-instruction.repository';
import { MeasureEventRepository } from '../../../../libs/persistence/src/repositories/measure-event.repository';
import { MeasureRepository } from '../../../../libs/persistence/src/repositories/measure.repository';
import { UserRepository } from '../../../../libs/persistence/src/repositories/user.repository';
import { MeasureWorkflowGateway } from '../../../../libs/temporal/src/measure-workflow.gateway';
import { MeasureAccess } from '../auth/measure-access';
import { instructionTimeline, mergeTimeline } from '../instructions/instruction-timeline';
import { measureSummary } from './list-measures.use-case';
import { CarryOverRepository } from '../../../../libs/persistence/src/repositories/carry-over.repository';
import { carriedOverView } from './earlier-measures';

// The recorded history comes from the read model; what happens next comes from the workflow itself.
@Injectable()
export class GetMeasureUseCase {
  private readonly logger = new Logger(GetMeasureUseCase.name);

  constructor(
    @Inject(MeasureRepository) private readonly measures: MeasureRepository,
    @Inject(MeasureEventRepository) private readonly events: MeasureEventRepository,
    @Inject(MeasureWorkflowGateway) private readonly workflows: MeasureWorkflowGateway,
    @Inject(MeasureAccess) private readonly access: MeasureAccess,
    @Inject(UserRepository) private readonly users: UserRepository,
    @Inject(LeaderInstructionRepository) private readonly instructions: LeaderInstructionRepository,
    @Inject(CarryOverRepository) private readonly earlier: CarryOverRepository,
  ) {}

  async execute(id: string, principal: Principal) {
    const record = await this.events.recordOf(id);
    if (!record) throw new DomainError('NOT_FOUND', `no measure ${id}`);
    const { measure: m, events: recorded, notifications } = record;
    await this.access.assertCanAct(principal, 'measure:read', m);
    const [units, children, instructions, carriedOver] = await Promise.all([
      this.measures.units(m.id),
      this.measures.children(m.id),
      instructionTimeline(this.instructions, m),
      carriedOverView(this.earlier, m),
    ]);
    const events = mergeTimeline(
      recorded.map((e) => ({
        id: e.id,
        kind: e.kind,
        level: e.level,
        occurredAt: e.occurredAt.toISOString(),
        recordedAt: e.recordedAt.toISOString(),
        actor: e.actor,
        detail: e.detail,
      })),
      instructions,
    );
    // Who acted, by the names of their accounts: an event records `role:user:<id>` (actorOf).
    const people = await this.users.displayNames([
      ...new Set(events.flatMap((e) => /^[a-z_]+:user:([0-9a-f-]{36})\b/.exec(e.actor)?.[1] ?? [])),
    ]);
    let workflow: unknown = null;
    let workflowError: { code: ErrorCode; message: string } | null = null;
    try {
      workflow = await this.workflows.state(m.workflowId);
    } catch (e) {
      // The record is still worth showing when Temporal is away; say that the live part is missing
      // by a code, and keep the server's own text for the log.
      const errorId = randomUUID();
      workflowError = {
        code: 'MEASURE_STATE_UNAVAILABLE',
        message: `the live state of the measure's workflow could not be read (error ${errorId})`,
      };
      this.logger.warn(`error ${errorId}: state of ${m.workflowId} unavailable: ${(e as Error).message}`);
    }
    return {
      ...measureSummary(m),
      method: m.method,
      requirements: m.requirements,
      indicators: m.indicators,
      milestones: m.milestones,
      escalationPolicy: m.escalationPolicy,
      units: units.map((u) => ({ code: u.unitCode, role: u.role })),
      referralItems: m.referralItems,
      children: children.map((c) => measureSummary(c)),
      // 承接: the earlier plan's problem this measure's problem carries over, its measures and history.
      carriedOver,
      notifications: notifications.map((n) => ({
        addresseeKind: n.addresseeKind,
        addressee: n.addressee,
        subject: n.subject,
        status: n.status,
        createdAt: n.createdAt.toISOString(),
      })),
      // With the 批示 on the measure, its problem and its plan (instruction_* kinds). A 补录 entry
      // has `detail.enteredLater`: `occurredAt` is when it happened, `recordedAt` when it was entered.
      events,
      // Every value each indicator was given, in the order they apply (指标值历史).
      indicatorHistory: indicatorHistory(recorded),
      // Account id → display name, for the accounts named in `events[].actor`.
      people: Object.fromEntries(people),
      workflow,
      workflowError,
    };
  }
}
