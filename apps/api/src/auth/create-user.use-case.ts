import { Inject, Injectable } from '@nestjs/common';
import { Principal, Role, scopeProblem } from '../../../../libs/domain/src/authorization';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import { UserRepository } from '../../../../libs/persistence/src/repositories/user.repository';
import { noteAudit } from '../audit/audit-context';
import { newAccount } from './first-admin';
import { PasswordHasher } from './password-hasher';
import { accountView } from './session-issuer';

export interface CreateUserCommand {
  readonly principal: Principal;
  readonly email: string;
  readonly displayName: string;
  readonly password: string;
  readonly role: Exclude<Role, 'public'>;
  readonly units: string[];
  readonly leaderName: string | null;
}

@Injectable()
export class CreateUserUseCase {
  constructor(
    @Inject(UserRepository) private readonly users: UserRepository,
    @Inject(PasswordHasher) private readonly passwords: PasswordHasher,
  ) {}

  async execute(cmd: CreateUserCommand) {
    const problem = scopeProblem(cmd.role, cmd.units, cmd.leaderName);
    if (problem) throw new DomainError('VALIDATION_FAILED', problem, [{ path: 'body', message: problem }]);
    const user = await newAccount(cmd, this.passwords);
    if ((await this.users.create(user)) === 'exists') {
      throw new DomainError('COMMAND_REFUSED', `an account for ${user.email} exists already`);
    }
    noteAudit({ targets: { userId: user.id } });
    return accountView(user);
  }
}
