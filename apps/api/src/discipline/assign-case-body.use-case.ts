import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../../../../libs/domain/src/authorization';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import { AccountabilityRepository } from '../../../../libs/persistence/src/repositories/accountability.repository';
import { bodyNotice } from '../../../../libs/temporal/src/accountability-case.gateway';
import { parseInput, validationFailed } from '../common/parse-input';
import { actorOf } from '../measures/run-measure-command.use-case';
import { caseSummary } from './case-view';
import { CaseChanges } from './case-changes';
import { assertOpen } from './case-rules';
import { assignBodySchema } from './discipline.schemas';

// The office names the body of a case no discipline commission was competent for (or moves a
// case whose body cannot decide yet). A case with decisions stays where it is.
@Injectable()
export class AssignCaseBodyUseCase {
  constructor(
    @Inject(AccountabilityRepository) private readonly cases: AccountabilityRepository,
    @Inject(CaseChanges) private readonly changes: CaseChanges,
  ) {}

  async execute(principal: Principal, caseId: string, input: unknown) {
    const { bodyCode } = parseInput(assignBodySchema, input, 'body');
    const body = await this.cases.body(bodyCode);
    if (!body)
      throw validationFailed('body', [{ path: 'body.bodyCode', message: `no discipline body ${bodyCode}` }]);
    if (body.kind !== 'discipline_commission')
      throw validationFailed('body', [
        { path: 'body.bodyCode', message: `${bodyCode} is not a discipline commission` },
      ]);
    const actor = actorOf(principal, undefined);
    const updated = await this.changes.run(caseId, async (tx, cur) => {
      assertOpen(cur.case);
      if (cur.decisions.length)
        throw new DomainError(
          'COMMAND_REFUSED',
          `case ${caseId} has decisions by ${cur.case.bodyCode}; it stays there`,
        );
      const patch = {
        bodyCode,
        unitLineage: [...new Set([...cur.case.unitLineage, ...body.jurisdiction])],
      };
      await tx.updateCase(patch);
      await tx.event({
        kind: 'body_assigned',
        actor,
        detail: { from: cur.case.bodyCode, to: bodyCode },
        notify: [bodyNotice(body, 'accountability case assigned (问责案件)')],
      });
      return { ...cur.case, ...patch };
    });
    return caseSummary(updated);
  }
}
