import { Inject, Injectable } from '@nestjs/common';
import {
  actsForLeadUnit,
  MEASURE_COMMAND_ACTION,
  measureScope,
  Principal,
} from '../../../../libs/domain/src/authorization';
import { backdateProblem } from '../../../../libs/domain/src/backdated-entry';
import { startOfDayInZone } from '../../../../libs/domain/src/deadline';
import { decompositionIssues } from '../../../../libs/domain/src/decomposition-rules';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import { FIELD_LIMITS } from '../../../../libs/domain/src/field-limits';
import { EvidenceRepository } from '../../../../libs/persistence/src/repositories/evidence.repository';
import type { MeasureEntity } from '../../../../libs/persistence/src/entities/measure.entity';
import { MeasureRepository } from '../../../../libs/persistence/src/repositories/measure.repository';
import { PeopleRepository } from '../../../../libs/persistence/src/repositories/people.repository';
import { PlanRepository } from '../../../../libs/persistence/src/repositories/plan.repository';
import { UnitRepository } from '../../../../libs/persistence/src/repositories/unit.repository';
import { MeasureWorkflowGateway } from '../../../../libs/temporal/src/measure-workflow.gateway';
import type { MeasureSnapshot } from '../../../../workflows/measure/measure.contract';
import { MeasureAccess } from '../auth/measure-access';
import { validationFailed } from '../common/parse-input';
import type { MeasureCommandBody, MeasureCommandName } from './measure-command.schemas';

export interface MeasureCommand<C extends MeasureCommandName = MeasureCommandName> {
  readonly principal: Principal;
  readonly measureId: string;
  readonly name: C;
  readonly body: MeasureCommandBody<C>;
  // From the Idempotency-Key header: a retry with the same key is applied once.
  readonly idempotencyKey?: string;
}

// Sends one command to the measure's workflow. The workflow validates it against its state and
// refuses at once (409/400) or records the outcome before answering with its new state.
@Injectable()
export class RunMeasureCommandUseCase {
  constructor(
    @Inject(MeasureRepository) private readonly measures: MeasureRepository,
    @Inject(MeasureWorkflowGateway) private readonly workflows: MeasureWorkflowGateway,
    @Inject(MeasureAccess) private readonly access: MeasureAccess,
    @Inject(EvidenceRepository) private readonly evidence: EvidenceRepository,
    @Inject(UnitRepository) private readonly units: UnitRepository,
    @Inject(PeopleRepository) private readonly people: PeopleRepository,
    @Inject(PlanRepository) private readonly plans: PlanRepository,
  ) {}

  async execute<C extends MeasureCommandName>(
    cmd: MeasureCommand<C>,
  ): Promise<{ id: string; code: string; workflow: MeasureSnapshot }> {
    const m = await this.measures.findById(cmd.measureId);
    if (!m) throw new DomainError('NOT_FOUND', `no measure ${cmd.measureId}`);
    // Outside the caller's scope the measure does not exist for them (404); see MeasureAccess.
    await this.access.assertCanAct(cmd.principal, MEASURE_COMMAND_ACTION[cmd.name], m);
    // 签收/退回: the lead unit's own word; a co-unit or a unit above it sees the measure but may not.
    if (
      MEASURE_COMMAND_ACTION[cmd.name] === 'measure:acknowledge' &&
      !actsForLeadUnit(cmd.principal, m.leadUnitCode)
    )
      throw new DomainError('FORBIDDEN', `only lead unit ${m.leadUnitCode} may ${cmd.name} this measure`);
    const occurredAt = (cmd.body as { occurredAt?: unknown }).occurredAt;
    if (occurredAt !== undefined) await this.assertMayBackdate(m, occurredAt);
    if (cmd.name === 'decompose')
      await this.assertMayDecompose(cmd.principal, m, cmd.body as MeasureCommandBody<'decompose'>);
    const body =
      cmd.name === 'claimCompletion'
        ? await this.withFileHashes(m.id, cmd.body as MeasureCommandBody<'claimCompletion'>)
        : cmd.body;
    const send = this.workflows[cmd.name] as (
      workflowId: string,
      body: MeasureCommandBody<C>,
      key?: string,
    ) => Promise<MeasureSnapshot>;
    // The record names who really acted; what the caller wrote as `actor` is kept beside it.
    const actor = actorOf(cmd.principal, cmd.body.actor);
    if (actor.length > FIELD_LIMITS.actor) {
      const message = `with the caller's own name (${actor.length - (cmd.body.actor?.length ?? 0)} characters) it must be at most ${FIELD_LIMITS.actor} characters`;
      throw new DomainError('VALIDATION_FAILED', `body.actor: ${message}`, [{ path: 'body.actor', message }]);
    }
    // A key is the caller's own: the same key from someone else is another command.
    const key = cmd.idempotencyKey && `${cmd.principal.kind}:${cmd.principal.id}:${cmd.idempotencyKey}`;
    const workflow = await send(m.workflowId, { ...(body as MeasureCommandBody<C>), actor }, key);
    return { id: m.id, code: m.code, workflow };
  }

  // 补录: nothing is entered as happening in the future (by the server's clock) or before the
  // inspection's feedback day (in the plan's zone). The workflow checks the future again by its own
  // clock; this makes the refusal a clean 400 before anything is sent.
  private async assertMayBackdate(m: MeasureEntity, occurredAt: unknown): Promise<void> {
    const plan = await this.plans.findById(m.planId);
    const definition = plan && (await this.plans.definitionOf(plan));
    const [y, mo, d] = (definition?.inspection.feedbackDate ?? '').split('-').map(Number);
    const notBefore = definition && y ? startOfDayInZone(y, mo, d, definition.plan.timeZone) : undefined;
    const problem = backdateProblem(occurredAt, { now: Date.now(), notBefore });
    if (problem)
      throw new DomainError('VALIDATION_FAILED', `body.occurredAt: ${problem.message}`, [
        { path: 'body.occurredAt', message: problem.message },
      ]);
  }

  // The workflow checks a decomposition against the measure's state only; who the sub-measures
  // may go to, and by when, depends on the plan's unit tree, its people and the caller (see
  // decomposition-rules.ts), so it is checked here, before anything is written or started.
  private async assertMayDecompose(
    principal: Principal,
    m: MeasureEntity,
    body: MeasureCommandBody<'decompose'>,
  ): Promise<void> {
    const any = measureScope(principal).kind === 'all';
    const [tree, posts, persons] = await Promise.all([
      this.units.tree(m.planId),
      any ? [] : this.people.listPosts(),
      any ? [] : this.people.listPersons(),
    ]);
    const issues = decompositionIssues(body.subMeasures, {
      now: Date.now(),
      parentDueAt: m.dueAt.getTime(),
      parentLeader: m.leadLeader,
      tree,
      callerUnits: any ? 'any' : principal.units,
      posts,
      persons: persons.filter((p) => !p.disabledAt),
    });
    if (issues.length)
      throw validationFailed(
        'body',
        issues.map((i) => ({ ...i, path: `body.${i.path}` })),
      );
  }

  // A claim may cite only files uploaded for this measure; each cited file's sha-256 goes into the
  // claim, so the sign-off hash covers the files' content and not just their ids.
  private async withFileHashes(measureId: string, body: MeasureCommandBody<'claimCompletion'>) {
    const evidence = [];
    for (const [i, e] of body.evidence.entries()) {
      if (!e.fileId) {
        evidence.push(e);
        continue;
      }
      const file = await this.evidence.findById(e.fileId);
      if (!file || file.measureId !== measureId) {
        const message = `no evidence file ${e.fileId} was uploaded for this measure`;
        throw new DomainError('VALIDATION_FAILED', `body.evidence[${i}].fileId: ${message}`, [
          { path: `body.evidence[${i}].fileId`, message },
        ]);
      }
      evidence.push({ ...e, sha256: file.sha256 });
    }
    return { ...body, evidence };
  }
}

export function actorOf(principal: Principal, written: string | undefined): string {
  const who = `${principal.role}:${principal.kind}:${principal.id}`;
  return written && written !== who ? `${who} (${written})` : who;
}
