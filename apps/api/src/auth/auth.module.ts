import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { RECTIFY_CONFIG } from '../../../../libs/config/src/config.module';
import type { RectifyConfig } from '../../../../libs/config/src/rectify-config';
import { repositoryProvider } from '../../../../libs/persistence/src/repository.provider';
import { ApiTokenRepository } from '../../../../libs/persistence/src/repositories/api-token.repository';
import { LoginThrottleRepository } from '../../../../libs/persistence/src/repositories/login-throttle.repository';
import { RefreshTokenRepository } from '../../../../libs/persistence/src/repositories/refresh-token.repository';
import { PasswordHasher } from './password-hasher';
import { SetupTokenRepository } from '../../../../libs/persistence/src/repositories/setup-token.repository';
import { UnitRepository } from '../../../../libs/persistence/src/repositories/unit.repository';
import { UserRepository } from '../../../../libs/persistence/src/repositories/user.repository';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { AccessTokens } from './access-token';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { ChangePasswordUseCase } from './change-password.use-case';
import { CreateApiTokenUseCase } from './create-api-token.use-case';
import { CreateUserUseCase } from './create-user.use-case';
import { DisableUserUseCase } from './disable-user.use-case';
import { FirstAdmin } from './first-admin';
import { GetOwnAccountUseCase } from './get-own-account.use-case';
import { JwksController } from './jwks.controller';
import { ListApiTokensUseCase } from './list-api-tokens.use-case';
import { ListUsersUseCase } from './list-users.use-case';
import { LoginThrottle } from './login-throttle';
import { LoginUseCase } from './login.use-case';
import { LogoutUseCase } from './logout.use-case';
import { MeasureAccess } from './measure-access';
import { PrincipalResolver } from './principal-resolver';
import { RefreshSessionUseCase } from './refresh-session.use-case';
import { RevokeApiTokenUseCase } from './revoke-api-token.use-case';
import { SessionIssuer } from './session-issuer';
import { SetupFirstAdminUseCase } from './setup-first-admin.use-case';
import { UsersController } from './users.controller';

const USE_CASES = [
  LoginUseCase,
  RefreshSessionUseCase,
  LogoutUseCase,
  SetupFirstAdminUseCase,
  CreateApiTokenUseCase,
  ListApiTokensUseCase,
  RevokeApiTokenUseCase,
  GetOwnAccountUseCase,
  ChangePasswordUseCase,
  CreateUserUseCase,
  ListUsersUseCase,
  DisableUserUseCase,
];

// Sign-in, tokens, accounts, and the guard in front of every route. Global, so any feature module
// can ask for MeasureAccess to check one measure.
@Global()
@Module({
  imports: [RateLimitModule],
  controllers: [AuthController, UsersController, JwksController],
  providers: [
    repositoryProvider(UserRepository),
    repositoryProvider(RefreshTokenRepository),
    repositoryProvider(ApiTokenRepository),
    repositoryProvider(SetupTokenRepository),
    PasswordHasher,
    repositoryProvider(LoginThrottleRepository),
    repositoryProvider(UnitRepository),
    {
      provide: AccessTokens,
      inject: [RECTIFY_CONFIG],
      useFactory: (config: RectifyConfig) =>
        AccessTokens.create({ ...config.auth.jwt, secret: config.auth.jwtSecret }),
    },
    PrincipalResolver,
    SessionIssuer,
    LoginThrottle,
    FirstAdmin,
    MeasureAccess,
    ...USE_CASES,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [MeasureAccess],
})
export class AuthModule {}
