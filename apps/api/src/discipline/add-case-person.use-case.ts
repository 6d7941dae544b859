import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../../../../libs/domain/src/authorization';
import { parseInput } from '../common/parse-input';
import { actorOf } from '../measures/run-measure-command.use-case';
import { personView } from './case-view';
import { assertHolds, assertOpen } from './case-rules';
import { CaseChanges } from './case-changes';
import { DisciplineAccess } from './discipline-access';
import { personSchema } from './discipline.schemas';

// 问事必问人: the body holding the case names a person concerned and how they relate to it.
@Injectable()
export class AddCasePersonUseCase {
  constructor(
    @Inject(DisciplineAccess) private readonly access: DisciplineAccess,
    @Inject(CaseChanges) private readonly changes: CaseChanges,
  ) {}

  async execute(principal: Principal, caseId: string, input: unknown) {
    await this.access.visibleCase(principal, caseId);
    const p = parseInput(personSchema, input, 'body');
    const body = await this.access.actingBody(principal);
    const actor = actorOf(principal, undefined);
    const person = await this.changes.run(caseId, async (tx, cur) => {
      assertOpen(cur.case);
      assertHolds(body, cur.case);
      const row = await tx.insertPerson({ ...p, addedBy: actor, addedAt: new Date() });
      await tx.event({
        kind: 'person_added',
        actor,
        detail: { personId: row.id, name: p.name, post: p.post },
      });
      return row;
    });
    return personView(person);
  }
}
