import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { Principal } from '../../../../libs/domain/src/authorization';
import { parseInput } from '../common/parse-input';
import { Allow, CurrentPrincipal } from './auth.decorators';
import { userBody } from './auth.schemas';
import { CreateUserUseCase } from './create-user.use-case';
import { DisableUserUseCase } from './disable-user.use-case';
import { ListUsersUseCase } from './list-users.use-case';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(
    @Inject(CreateUserUseCase) private readonly createUser: CreateUserUseCase,
    @Inject(ListUsersUseCase) private readonly listUsers: ListUsersUseCase,
    @Inject(DisableUserUseCase) private readonly disableUser: DisableUserUseCase,
  ) {}

  @Post()
  @HttpCode(201)
  @Allow('user:manage')
  @ApiOperation({ summary: 'Create an account with a role and its scope (units, or the leader name)' })
  @ApiBody({ schema: z.toJSONSchema(userBody, { io: 'input' }) as Record<string, unknown> })
  create(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    return this.createUser.execute({ principal, ...parseInput(userBody, body, 'body') });
  }

  @Get()
  @Allow('user:manage')
  @ApiOperation({ summary: 'Accounts' })
  list() {
    return this.listUsers.execute();
  }

  @Post(':id/disable')
  @HttpCode(200)
  @Allow('user:manage')
  @ApiOperation({ summary: 'Disable an account: no more sign-ins, its refresh tokens are revoked' })
  disable(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.disableUser.execute(principal, id);
  }
}
