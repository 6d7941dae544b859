import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import { AccountabilityRepository } from '../../../../libs/persistence/src/repositories/accountability.repository';
import { ApiTokenRepository } from '../../../../libs/persistence/src/repositories/api-token.repository';
import { UserRepository } from '../../../../libs/persistence/src/repositories/user.repository';
import { parseInput, validationFailed } from '../common/parse-input';
import { membersSchema } from './discipline.schemas';

// Who acts for a body: accounts or API tokens of the discipline role. Each acts for one body; the
// list replaces the body's members, and a principal named here leaves any other body.
@Injectable()
export class SetBodyMembersUseCase {
  constructor(
    @Inject(AccountabilityRepository) private readonly cases: AccountabilityRepository,
    @Inject(UserRepository) private readonly users: UserRepository,
    @Inject(ApiTokenRepository) private readonly tokens: ApiTokenRepository,
  ) {}

  async execute(code: string, input: unknown) {
    const { principalIds } = parseInput(membersSchema, input, 'body');
    if (!(await this.cases.body(code))) throw new DomainError('NOT_FOUND', `no discipline body ${code}`);
    const problems = [];
    for (const [i, id] of principalIds.entries()) {
      const role = (await this.users.findById(id))?.role ?? (await this.tokens.findById(id))?.role ?? null;
      if (role === null)
        problems.push({ path: `body.principalIds.${i}`, message: `no account or API token ${id}` });
      else if (role !== 'discipline')
        problems.push({
          path: `body.principalIds.${i}`,
          message: `${id} has role ${role}; a body's members have role discipline`,
        });
    }
    if (new Set(principalIds).size !== principalIds.length)
      problems.push({ path: 'body.principalIds', message: 'names a principal twice' });
    if (problems.length) throw validationFailed('body', problems);
    await this.cases.setMembers(code, principalIds);
    return { body: code, principalIds: await this.cases.members(code) };
  }
}
