import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../../../../libs/domain/src/authorization';
import { Allow, CurrentPrincipal } from '../auth/auth.decorators';
import { GetPlanOverviewUseCase } from './get-plan-overview.use-case';

@ApiTags('plans')
@Controller('plans')
export class OverviewController {
  constructor(private readonly overview: GetPlanOverviewUseCase) {}

  @Get(':id/overview')
  // Every signed-in role reads plans; each counts only the measures its scope reaches.
  @Allow('plan:read')
  @ApiOperation({
    summary:
      'A plan at a glance (id or code): counts by track, status and problem, claims and sign-offs per week, ' +
      'overdue measures by unit and age, escalation levels, indicator progress, and the unit scorecard',
  })
  get(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.overview.execute(id, principal);
  }
}
