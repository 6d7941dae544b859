import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { z } from 'zod';
import type { Principal } from '../../../../libs/domain/src/authorization';
import { clientIp } from '../common/client-ip';
import { parseInput } from '../common/parse-input';
import { RateLimit } from '../rate-limit/rate-limit.decorator';
import { Allow, CurrentPrincipal, Public } from './auth.decorators';
import { apiTokenBody, loginBody, passwordBody, refreshBody, setupBody } from './auth.schemas';
import { ChangePasswordUseCase } from './change-password.use-case';
import { CreateApiTokenUseCase } from './create-api-token.use-case';
import { FirstAdmin } from './first-admin';
import { GetOwnAccountUseCase } from './get-own-account.use-case';
import { ListApiTokensUseCase } from './list-api-tokens.use-case';
import { LoginUseCase } from './login.use-case';
import { LogoutUseCase } from './logout.use-case';
import { RefreshSessionUseCase } from './refresh-session.use-case';
import { RevokeApiTokenUseCase } from './revoke-api-token.use-case';
import { SetupFirstAdminUseCase } from './setup-first-admin.use-case';

const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input' }) as Record<string, unknown>;

@ApiTags('auth')
@ApiBearerAuth()
@Controller('auth')
export class AuthController {
  constructor(
    @Inject(LoginUseCase) private readonly login: LoginUseCase,
    @Inject(RefreshSessionUseCase) private readonly refresh: RefreshSessionUseCase,
    @Inject(LogoutUseCase) private readonly logout: LogoutUseCase,
    @Inject(SetupFirstAdminUseCase) private readonly setup: SetupFirstAdminUseCase,
    @Inject(FirstAdmin) private readonly firstAdmin: FirstAdmin,
    @Inject(CreateApiTokenUseCase) private readonly createApiToken: CreateApiTokenUseCase,
    @Inject(ListApiTokensUseCase) private readonly listApiTokens: ListApiTokensUseCase,
    @Inject(RevokeApiTokenUseCase) private readonly revokeApiToken: RevokeApiTokenUseCase,
    @Inject(GetOwnAccountUseCase) private readonly ownAccount: GetOwnAccountUseCase,
    @Inject(ChangePasswordUseCase) private readonly changePassword: ChangePasswordUseCase,
  ) {}

  @Post('login')
  @HttpCode(200)
  @Public('auth:login')
  // Requests per address, on top of the lockout after failed attempts (LoginThrottle).
  @RateLimit('login')
  @ApiOperation({
    summary: 'Sign in: a 15-minute access token and a refresh token (429 while locked out or flooding)',
  })
  @ApiBody({ schema: schema(loginBody) })
  signIn(@Body() body: unknown, @Req() req: Request) {
    const b = parseInput(loginBody, body, 'body');
    return this.login.execute({ email: b.email, password: b.password, ip: clientIp(req) });
  }

  @Post('refresh')
  @HttpCode(200)
  @Public('auth:refresh')
  @ApiOperation({ summary: 'A new session for a refresh token; the presented token is spent' })
  @ApiBody({ schema: schema(refreshBody) })
  refreshSession(@Body() body: unknown) {
    return this.refresh.execute(parseInput(refreshBody, body, 'body').refreshToken);
  }

  @Post('logout')
  @HttpCode(204)
  @Public('auth:logout')
  @ApiOperation({ summary: 'End the sign-in this refresh token belongs to' })
  @ApiBody({ schema: schema(refreshBody) })
  async signOut(@Body() body: unknown): Promise<void> {
    await this.logout.execute(parseInput(refreshBody, body, 'body').refreshToken);
  }

  @Get('setup')
  @Public('auth:setup-status')
  @ApiOperation({ summary: 'Whether the first admin still has to be created with the boot-time setup token' })
  async setupStatus() {
    return { setupRequired: await this.firstAdmin.setupPending() };
  }

  @Post('setup')
  @HttpCode(201)
  @Public('auth:setup')
  @ApiOperation({ summary: 'Create the first admin with the one-time setup token logged at boot' })
  @ApiBody({ schema: schema(setupBody) })
  setUp(@Body() body: unknown) {
    return this.setup.execute(parseInput(setupBody, body, 'body'));
  }

  @Get('me')
  @Allow('account:self')
  @ApiOperation({ summary: 'The caller: role, scope and account' })
  me(@CurrentPrincipal() principal: Principal) {
    return this.ownAccount.execute(principal);
  }

  @Post('password')
  @HttpCode(204)
  @Allow('account:self')
  @ApiOperation({ summary: 'Change one’s own password; ends the account’s other sign-ins' })
  @ApiBody({ schema: schema(passwordBody) })
  async password(@CurrentPrincipal() principal: Principal, @Body() body: unknown, @Req() req: Request) {
    const b = parseInput(passwordBody, body, 'body');
    await this.changePassword.execute({ principal, ...b, ip: clientIp(req) });
  }

  @Post('api-tokens')
  @HttpCode(201)
  @Allow('token:manage')
  @ApiOperation({ summary: 'Create an API token for an integration; the token is in this answer only' })
  @ApiBody({ schema: schema(apiTokenBody) })
  createToken(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    return this.createApiToken.execute({ principal, ...parseInput(apiTokenBody, body, 'body') });
  }

  @Get('api-tokens')
  @Allow('token:manage')
  @ApiOperation({ summary: 'API tokens, without their secrets' })
  tokens() {
    return this.listApiTokens.execute();
  }

  @Delete('api-tokens/:id')
  @HttpCode(204)
  @Allow('token:manage')
  @ApiOperation({ summary: 'Revoke an API token' })
  async revokeToken(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.revokeApiToken.execute(principal, id);
  }
}
