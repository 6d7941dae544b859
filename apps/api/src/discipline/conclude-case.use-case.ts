import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../../../../libs/domain/src/authorization';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import { AccountabilityCaseGateway } from '../../../../libs/temporal/src/accountability-case.gateway';
import { actorOf } from '../measures/run-measure-command.use-case';
import { caseSummary } from './case-view';
import { CaseChanges } from './case-changes';
import { assertHolds, assertOpen } from './case-rules';
import { DisciplineAccess } from './discipline-access';

// 问责必到底: a case concludes when every person concerned has a decision in force and none waits
// for review. Its clock stops.
@Injectable()
export class ConcludeCaseUseCase {
  constructor(
    @Inject(DisciplineAccess) private readonly access: DisciplineAccess,
    @Inject(CaseChanges) private readonly changes: CaseChanges,
    @Inject(AccountabilityCaseGateway) private readonly gateway: AccountabilityCaseGateway,
  ) {}

  async execute(principal: Principal, caseId: string) {
    await this.access.visibleCase(principal, caseId);
    const body = await this.access.actingBody(principal);
    const actor = actorOf(principal, undefined);
    const concluded = await this.changes.run(caseId, async (tx, cur) => {
      assertOpen(cur.case);
      assertHolds(body, cur.case);
      if (!cur.persons.length)
        throw new DomainError('COMMAND_REFUSED', `case ${caseId} names no person concerned (问事必问人)`);
      const waiting = cur.decisions.filter((d) => d.state === 'provisional');
      if (waiting.length)
        throw new DomainError(
          'COMMAND_REFUSED',
          `decisions ${waiting.map((d) => d.id).join(', ')} wait for review by ${waiting.map((d) => d.reviewBodyCode).join(', ')}`,
        );
      const undecided = cur.persons.filter(
        (p) => !cur.decisions.some((d) => d.personId === p.id && d.state === 'final'),
      );
      if (undecided.length)
        throw new DomainError(
          'COMMAND_REFUSED',
          `no decision in force for ${undecided.map((p) => `${p.name} (${p.id})`).join(', ')}`,
        );
      const patch = { status: 'concluded' as const, concludedAt: new Date() };
      await tx.updateCase(patch);
      await tx.event({
        kind: 'concluded',
        actor,
        detail: { persons: cur.persons.length, decisions: cur.decisions.length },
      });
      return { ...cur.case, ...patch };
    });
    await this.gateway.settle(concluded);
    return caseSummary(concluded);
  }
}
