import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../../../../libs/domain/src/authorization';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import { UserRepository } from '../../../../libs/persistence/src/repositories/user.repository';
import { accountView } from './session-issuer';

// The account signs in no more and its refresh tokens die; an access token already out expires
// within 15 minutes.
@Injectable()
export class DisableUserUseCase {
  constructor(@Inject(UserRepository) private readonly users: UserRepository) {}

  async execute(principal: Principal, id: string) {
    if (principal.kind === 'user' && principal.id === id) {
      throw new DomainError('COMMAND_REFUSED', 'an admin cannot disable their own account');
    }
    const user = await this.users.findById(id);
    if (!user) throw new DomainError('NOT_FOUND', `no account ${id}`);
    await this.users.disable(id, new Date());
    return accountView((await this.users.findById(id)) ?? user);
  }
}
