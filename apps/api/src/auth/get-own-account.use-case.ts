import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../../../../libs/domain/src/authorization';
import { UserRepository } from '../../../../libs/persistence/src/repositories/user.repository';
import { accountView } from './session-issuer';

// Who the caller is and what its scope is: the account for a user, the principal for a token.
@Injectable()
export class GetOwnAccountUseCase {
  constructor(@Inject(UserRepository) private readonly users: UserRepository) {}

  async execute(principal: Principal) {
    const user = principal.kind === 'user' ? await this.users.findById(principal.id) : null;
    return {
      principal: {
        kind: principal.kind,
        id: principal.id,
        role: principal.role,
        units: principal.units,
        leaderName: principal.leaderName,
      },
      account: user ? accountView(user) : null,
    };
  }
}
