import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import { UserRepository } from '../../../../libs/persistence/src/repositories/user.repository';
import { noteAudit } from '../audit/audit-context';
import { LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password-hasher';
import { SessionIssuer } from './session-issuer';

export interface LoginCommand {
  readonly email: string;
  readonly password: string;
  readonly ip: string;
}

// One answer for every failure (unknown account, wrong password, disabled account), at the same
// cost, so sign-in does not reveal which accounts exist.
@Injectable()
export class LoginUseCase {
  constructor(
    @Inject(UserRepository) private readonly users: UserRepository,
    @Inject(LoginThrottle) private readonly throttle: LoginThrottle,
    @Inject(SessionIssuer) private readonly sessions: SessionIssuer,
    @Inject(PasswordHasher) private readonly passwords: PasswordHasher,
  ) {}

  async execute(cmd: LoginCommand) {
    const email = cmd.email.toLowerCase();
    const now = new Date();
    await this.throttle.begin(email, cmd.ip, now);
    const user = await this.users.findByEmail(email);
    const ok =
      user && !user.disabledAt
        ? await this.passwords.verify(cmd.password, user.passwordHash)
        : await this.passwords.verifyAgainstDecoy(cmd.password);
    if (!ok || !user) {
      throw new DomainError('UNAUTHENTICATED', 'wrong email or password');
    }
    await this.throttle.succeeded(email, cmd.ip);
    // The password is at hand only now: a hash made with weaker parameters is replaced by one
    // made with today's.
    if (this.passwords.needsRehash(user.passwordHash))
      await this.users.rehashPassword(user.id, user.passwordHash, await this.passwords.hash(cmd.password));
    noteAudit({ principal: { kind: 'user', id: user.id, role: user.role } });
    return this.sessions.issue(user);
  }
}
