import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import { UserRepository } from '../../../../libs/persistence/src/repositories/user.repository';
import { noteAudit } from '../audit/audit-context';
import { FirstAdmin, newAccount } from './first-admin';
import { PasswordHasher } from './password-hasher';
import { SessionIssuer } from './session-issuer';

export interface SetupCommand {
  readonly setupToken: string;
  readonly email: string;
  readonly password: string;
  readonly displayName: string;
}

// Creates the first admin with the setup token written at boot, and signs them in.
@Injectable()
export class SetupFirstAdminUseCase {
  constructor(
    @Inject(FirstAdmin) private readonly firstAdmin: FirstAdmin,
    @Inject(UserRepository) private readonly users: UserRepository,
    @Inject(SessionIssuer) private readonly sessions: SessionIssuer,
    @Inject(PasswordHasher) private readonly passwords: PasswordHasher,
  ) {}

  async execute(cmd: SetupCommand) {
    if (!(await this.firstAdmin.consumeSetupToken(cmd.setupToken))) {
      throw new DomainError('UNAUTHENTICATED', 'wrong setup token, or the first admin exists already');
    }
    const user = await newAccount(
      { email: cmd.email, password: cmd.password, displayName: cmd.displayName },
      this.passwords,
    );
    if ((await this.users.createFirst(user)) === 'taken') {
      throw new DomainError('COMMAND_REFUSED', 'an account exists already: sign in instead');
    }
    noteAudit({ principal: { kind: 'user', id: user.id, role: user.role }, targets: { userId: user.id } });
    return this.sessions.issue(user);
  }
}
