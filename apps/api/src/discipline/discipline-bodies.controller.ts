import { Body, Controller, Get, HttpCode, Inject, Param, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/auth.decorators';
import { AccountabilityRepository } from '../../../../libs/persistence/src/repositories/accountability.repository';
import { ListDisciplineBodiesUseCase } from './list-discipline-bodies.use-case';
import { PutDisciplineBodyUseCase } from './put-discipline-body.use-case';
import { SetBodyMembersUseCase } from './set-body-members.use-case';

// 纪委监委 and 组织部门 as data: level, the level above, jurisdiction, who acts for each.
@ApiTags('discipline')
@Controller('discipline-bodies')
export class DisciplineBodiesController {
  constructor(
    @Inject(ListDisciplineBodiesUseCase) private readonly listBodies: ListDisciplineBodiesUseCase,
    @Inject(PutDisciplineBodyUseCase) private readonly putBody: PutDisciplineBodyUseCase,
    @Inject(SetBodyMembersUseCase) private readonly setMembers: SetBodyMembersUseCase,
    @Inject(AccountabilityRepository) private readonly cases: AccountabilityRepository,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Discipline bodies and organisation departments, with their jurisdiction' })
  @Allow('plan:read')
  list() {
    return this.listBodies.execute();
  }

  @Put(':code')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Store a body: kind, level, the body above it, the units it is competent for, its case clock',
  })
  @Allow('discipline:manage')
  put(@Param('code') code: string, @Body() body: unknown) {
    return this.putBody.execute(code, body);
  }

  @Get(':code/members')
  @ApiOperation({ summary: 'Accounts and API tokens that act for the body' })
  @Allow('discipline:manage')
  async members(@Param('code') code: string) {
    return { body: code, principalIds: await this.cases.members(code) };
  }

  @Put(':code/members')
  @HttpCode(200)
  @ApiOperation({ summary: 'Name who acts for the body (replaces the list; each acts for one body)' })
  @Allow('discipline:manage')
  putMembers(@Param('code') code: string, @Body() body: unknown) {
    return this.setMembers.execute(code, body);
  }
}
