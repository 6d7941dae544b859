import { Inject, Injectable } from '@nestjs/common';
import { oversees } from '../../../../libs/domain/src/accountability';
import type { Principal } from '../../../../libs/domain/src/authorization';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import { AccountabilityRepository } from '../../../../libs/persistence/src/repositories/accountability.repository';
import { bodyFacts } from '../../../../libs/temporal/src/accountability-case.gateway';
import { parseInput } from '../common/parse-input';
import { actorOf } from '../measures/run-measure-command.use-case';
import { decisionView } from './case-view';
import { CaseChanges } from './case-changes';
import { DisciplineAccess } from './discipline-access';
import { correctionSchema } from './discipline.schemas';
import { checkDecision, decide } from './record-decision.use-case';

// 纠正: a decision in force is replaced, with a reason, by the body that made it or a body above
// it (对下级做出的错误问责决定，及时予以纠正). The original stays on record as corrected; the new
// decision goes through review like any other. Also after the case is concluded.
@Injectable()
export class CorrectDecisionUseCase {
  constructor(
    @Inject(AccountabilityRepository) private readonly cases: AccountabilityRepository,
    @Inject(DisciplineAccess) private readonly access: DisciplineAccess,
    @Inject(CaseChanges) private readonly changes: CaseChanges,
  ) {}

  async execute(principal: Principal, caseId: string, decisionId: string, input: unknown) {
    await this.access.visibleCase(principal, caseId);
    const { reason, ...d } = parseInput(correctionSchema, input, 'body');
    checkDecision(d);
    const body = await this.access.actingBody(principal);
    const bodies = await this.cases.bodies();
    const actor = actorOf(principal, undefined);
    const row = await this.changes.run(caseId, async (tx, cur) => {
      const original = cur.decisions.find((x) => x.id === decisionId);
      if (!original) throw new DomainError('NOT_FOUND', `no decision ${decisionId} in case ${caseId}`);
      if (original.state !== 'final')
        throw new DomainError(
          'COMMAND_REFUSED',
          `decision ${decisionId} is ${original.state}; only a decision in force is corrected`,
        );
      if (!oversees(bodies.map(bodyFacts), body.code, original.bodyCode))
        throw new DomainError(
          'FORBIDDEN',
          `decision ${decisionId} was made by ${original.bodyCode}; only it or a body above it corrects it, not ${body.code}`,
        );
      const person = cur.persons.find((p) => p.id === original.personId)!;
      await tx.updateDecision(original.id, { state: 'corrected' });
      return decide(tx, bodies, body, person.id, person.cadreLevel, d, actor, { id: original.id, reason });
    });
    return decisionView(row);
  }
}
