import { Inject, Injectable } from '@nestjs/common';
import { UserRepository } from '../../../../libs/persistence/src/repositories/user.repository';
import { accountView } from './session-issuer';

@Injectable()
export class ListUsersUseCase {
  constructor(@Inject(UserRepository) private readonly users: UserRepository) {}

  async execute() {
    return { items: (await this.users.list()).map(accountView) };
  }
}
