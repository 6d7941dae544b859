import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../../../../libs/domain/src/authorization';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import { AccountabilityRepository } from '../../../../libs/persistence/src/repositories/accountability.repository';
import { bodyNotice } from '../../../../libs/temporal/src/accountability-case.gateway';
import { parseInput, validationFailed } from '../common/parse-input';
import { actorOf } from '../measures/run-measure-command.use-case';
import { decisionView } from './case-view';
import { CaseChanges } from './case-changes';
import { DisciplineAccess } from './discipline-access';
import { reviewSchema } from './discipline.schemas';

// 提级审核: the body the rules name confirms a provisional decision (it comes into force) or
// overturns it, with its reasons; the case then goes back to the deciding body, which decides
// again for that person.
@Injectable()
export class ReviewDecisionUseCase {
  constructor(
    @Inject(AccountabilityRepository) private readonly cases: AccountabilityRepository,
    @Inject(DisciplineAccess) private readonly access: DisciplineAccess,
    @Inject(CaseChanges) private readonly changes: CaseChanges,
  ) {}

  async execute(principal: Principal, caseId: string, decisionId: string, input: unknown) {
    await this.access.visibleCase(principal, caseId);
    const r = parseInput(reviewSchema, input, 'body');
    if (r.outcome === 'overturn' && !r.reasons)
      throw validationFailed('body', [
        { path: 'body.reasons', message: 'an overturn gives the reviewer’s reasons' },
      ]);
    const body = await this.access.actingBody(principal);
    const actor = actorOf(principal, undefined);
    const deciding = await this.changes.run(caseId, async (tx, cur) => {
      const d = cur.decisions.find((x) => x.id === decisionId);
      if (!d) throw new DomainError('NOT_FOUND', `no decision ${decisionId} in case ${caseId}`);
      if (d.state !== 'provisional')
        throw new DomainError(
          'COMMAND_REFUSED',
          `decision ${decisionId} is ${d.state}; only a provisional decision is reviewed`,
        );
      if (d.reviewBodyCode !== body.code)
        throw new DomainError(
          'FORBIDDEN',
          `decision ${decisionId} is reviewed by ${d.reviewBodyCode}, not by ${body.code}`,
        );
      const patch = {
        state: r.outcome === 'confirm' ? ('final' as const) : ('overturned' as const),
        reviewedBy: actor,
        reviewedAt: new Date(),
        reviewReasons: r.reasons ?? null,
      };
      await tx.updateDecision(d.id, patch);
      const decidingBody = await this.cases.body(d.bodyCode);
      await tx.event({
        kind: r.outcome === 'confirm' ? 'reviewed' : 'returned',
        actor,
        detail: { decisionId: d.id, outcome: r.outcome, reasons: r.reasons ?? null, reviewBody: body.code },
        notify:
          r.outcome === 'overturn'
            ? [bodyNotice(decidingBody, 'accountability decision overturned on review (提级审核未通过)')]
            : [],
      });
      return { ...d, ...patch };
    });
    return decisionView(deciding);
  }
}
