import { Inject, Injectable } from '@nestjs/common';
import { bodyTreeProblems, casePolicyProblems } from '../../../../libs/domain/src/accountability';
import { AccountabilityRepository } from '../../../../libs/persistence/src/repositories/accountability.repository';
import { bodyFacts } from '../../../../libs/temporal/src/accountability-case.gateway';
import { parseInput, validationFailed } from '../common/parse-input';
import { bodyView } from './case-view';
import { bodySchema } from './discipline.schemas';

// The office keeps the discipline bodies (纪委监委, 组织部门): level, the level above, and the
// units each is competent for. A tree that would not hold (an unknown parent, a parent not above
// its child) is refused whole.
@Injectable()
export class PutDisciplineBodyUseCase {
  constructor(@Inject(AccountabilityRepository) private readonly cases: AccountabilityRepository) {}

  async execute(code: string, input: unknown) {
    const b = parseInput(bodySchema, input, 'body');
    if (b.code !== undefined && b.code !== code)
      throw validationFailed('body', [
        { path: 'body.code', message: `must be the code in the path (${code})` },
      ]);
    if (b.casePolicy) {
      const problems = casePolicyProblems(b.casePolicy);
      if (problems.length)
        throw validationFailed(
          'body',
          problems.map((p) => ({ path: `body.casePolicy.${p.path}`, message: p.message })),
        );
    }
    const others = (await this.cases.bodies()).filter((o) => o.code !== code).map(bodyFacts);
    const self = { code, kind: b.kind, level: b.level, parent: b.parent, jurisdiction: b.jurisdiction };
    if (b.parent === code)
      throw validationFailed('body', [{ path: 'body.parent', message: 'a body is not its own parent' }]);
    const problems = bodyTreeProblems([...others, self]);
    if (problems.length)
      throw validationFailed(
        'body',
        problems.map((p) => ({
          path: p.code === code ? 'body.parent' : `body (its child ${p.code})`,
          message: p.message,
        })),
      );
    const row = {
      code,
      name: b.name,
      kind: b.kind,
      level: b.level,
      parentCode: b.parent,
      jurisdiction: b.jurisdiction,
      casePolicy: b.casePolicy,
    };
    const outcome = await this.cases.putBody(row);
    return { outcome, body: bodyView({ ...row, createdAt: new Date() }) };
  }
}
