import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../../../../libs/domain/src/authorization';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import { RefreshTokenRepository } from '../../../../libs/persistence/src/repositories/refresh-token.repository';
import { UserRepository } from '../../../../libs/persistence/src/repositories/user.repository';
import { LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password-hasher';

export interface ChangePasswordCommand {
  readonly principal: Principal;
  readonly currentPassword: string;
  readonly newPassword: string;
  readonly ip: string;
}

// A new password ends every other sign-in of the account. Wrong current passwords count as failed
// sign-ins: a borrowed access token must not become a way to guess the password.
@Injectable()
export class ChangePasswordUseCase {
  constructor(
    @Inject(UserRepository) private readonly users: UserRepository,
    @Inject(RefreshTokenRepository) private readonly refreshTokens: RefreshTokenRepository,
    @Inject(LoginThrottle) private readonly throttle: LoginThrottle,
    @Inject(PasswordHasher) private readonly passwords: PasswordHasher,
  ) {}

  async execute(cmd: ChangePasswordCommand): Promise<void> {
    const user = cmd.principal.kind === 'user' ? await this.users.findById(cmd.principal.id) : null;
    if (!user) throw new DomainError('FORBIDDEN', 'only a signed-in account has a password');
    const now = new Date();
    await this.throttle.begin(user.email, cmd.ip, now);
    if (!(await this.passwords.verify(cmd.currentPassword, user.passwordHash))) {
      throw new DomainError('UNAUTHENTICATED', 'the current password is wrong');
    }
    await this.throttle.succeeded(user.email, cmd.ip);
    await this.users.setPasswordHash(user.id, await this.passwords.hash(cmd.newPassword));
    await this.refreshTokens.revokeAllOfUser(user.id, new Date());
  }
}
