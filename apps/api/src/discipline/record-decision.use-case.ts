import { Inject, Injectable } from '@nestjs/common';
import {
  bodyAtLevel,
  decisionProblems,
  DEFAULT_REVIEW_RULES,
  DEFAULT_TOLERATED_ERROR_REASONS,
  type DecisionForm,
} from '../../../../libs/domain/src/accountability';
import type { Principal } from '../../../../libs/domain/src/authorization';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import type { CaseDecisionEntity } from '../../../../libs/persistence/src/entities/accountability-case.entity';
import type { DisciplineBodyEntity } from '../../../../libs/persistence/src/entities/discipline-body.entity';
import {
  AccountabilityRepository,
  type CaseTransaction,
} from '../../../../libs/persistence/src/repositories/accountability.repository';
import { bodyFacts, bodyNotice } from '../../../../libs/temporal/src/accountability-case.gateway';
import { parseInput, validationFailed } from '../common/parse-input';
import { actorOf } from '../measures/run-measure-command.use-case';
import { decisionView } from './case-view';
import { assertHolds, assertOpen } from './case-rules';
import { CaseChanges } from './case-changes';
import { DisciplineAccess } from './discipline-access';
import { decisionSchema } from './discipline.schemas';
import { reviewLevelFor } from '../../../../libs/domain/src/accountability';
import type { z } from 'zod';

type DecisionInput = Omit<z.output<typeof decisionSchema>, 'personId'>;

// One decision per person and kind of body (the discipline commission's, the organisation
// department's 组织处理): a second one is a correction. A decision the review rules name (提级审核)
// is provisional until the body of that level confirms it.
@Injectable()
export class RecordDecisionUseCase {
  constructor(
    @Inject(AccountabilityRepository) private readonly cases: AccountabilityRepository,
    @Inject(DisciplineAccess) private readonly access: DisciplineAccess,
    @Inject(CaseChanges) private readonly changes: CaseChanges,
  ) {}

  async execute(principal: Principal, caseId: string, input: unknown) {
    await this.access.visibleCase(principal, caseId);
    const d = parseInput(decisionSchema, input, 'body');
    checkDecision(d);
    const body = await this.access.actingBody(principal);
    const bodies = await this.cases.bodies();
    const actor = actorOf(principal, undefined);
    const row = await this.changes.run(caseId, async (tx, cur) => {
      assertOpen(cur.case);
      if (d.form === 'organisational_handling' && body.kind === 'organisation_department') {
        if (!cur.case.unitLineage.some((u) => body.jurisdiction.includes(u)))
          throw new DomainError('FORBIDDEN', `${body.code} has no jurisdiction over case ${caseId}`);
      } else {
        if (body.kind === 'organisation_department')
          throw new DomainError(
            'FORBIDDEN',
            `an organisation department decides 组织处理 only, not ${d.form}`,
          );
        assertHolds(body, cur.case);
      }
      const person = cur.persons.find((p) => p.id === d.personId);
      if (!person)
        throw validationFailed('body', [
          { path: 'body.personId', message: `no person ${d.personId} in case ${caseId}` },
        ]);
      const inForce = cur.decisions.find(
        (x) =>
          x.personId === person.id &&
          (x.state === 'final' || x.state === 'provisional') &&
          bodies.find((b) => b.code === x.bodyCode)?.kind === body.kind,
      );
      if (inForce)
        throw new DomainError(
          'COMMAND_REFUSED',
          `${person.name} already has decision ${inForce.id} (${inForce.form}, ${inForce.state}) by ${inForce.bodyCode}; correct it instead`,
        );
      return decide(tx, bodies, body, person.id, person.cadreLevel, d, actor, null);
    });
    return decisionView(row);
  }
}

export function checkDecision(d: DecisionInput): void {
  const problems = decisionProblems(d, DEFAULT_TOLERATED_ERROR_REASONS);
  if (d.decidedOn > new Date().toISOString().slice(0, 10))
    problems.push({ path: 'decidedOn', message: `${d.decidedOn} is in the future` });
  if (problems.length)
    throw validationFailed(
      'body',
      problems.map((p) => ({ ...p, path: `body.${p.path}` })),
    );
}

// Writes a decision (provisional when a review is due) and its event, telling the reviewer.
export async function decide(
  tx: CaseTransaction,
  bodies: readonly DisciplineBodyEntity[],
  body: DisciplineBodyEntity,
  personId: string,
  cadreLevel: Parameters<typeof reviewLevelFor>[1],
  d: DecisionInput,
  actor: string,
  corrects: { readonly id: string; readonly reason: string } | null,
): Promise<CaseDecisionEntity> {
  const form = d.form as DecisionForm;
  const level = reviewLevelFor(DEFAULT_REVIEW_RULES, cadreLevel, form, body.level);
  const reviewer = level ? bodyAtLevel(bodies.map(bodyFacts), body.code, level) : null;
  if (level && !reviewer)
    throw new DomainError(
      'COMMAND_REFUSED',
      `a ${form} decision on a ${cadreLevel} cadre is reviewed by a ${level} body (提级审核), and no ${level} body is above ${body.code}`,
    );
  const row = await tx.insertDecision({
    personId,
    form,
    subForm: d.subForm ?? null,
    reasonCode: d.reasonCode ?? null,
    statement: d.statement ?? null,
    decidedOn: d.decidedOn,
    bodyCode: body.code,
    documentNumber: d.documentNumber ?? null,
    state: reviewer ? 'provisional' : 'final',
    reviewBodyCode: reviewer?.code ?? null,
    reviewedBy: null,
    reviewedAt: null,
    reviewReasons: null,
    correctsId: corrects?.id ?? null,
    correctionReason: corrects?.reason ?? null,
    recordedBy: actor,
    recordedAt: new Date(),
  });
  const reviewerRow = reviewer ? (bodies.find((b) => b.code === reviewer.code) ?? null) : null;
  await tx.event({
    kind: corrects ? 'corrected' : 'decided',
    actor,
    detail: {
      decisionId: row.id,
      personId,
      form,
      subForm: row.subForm,
      state: row.state,
      reviewBody: row.reviewBodyCode,
      ...(corrects ? { corrects: corrects.id, reason: corrects.reason } : {}),
    },
    notify: reviewerRow ? [bodyNotice(reviewerRow, 'accountability decision to review (提级审核)')] : [],
  });
  return row;
}
