import { Body, Controller, Delete, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { Principal } from '../../../../libs/domain/src/authorization';
import { Allow, CurrentPrincipal } from '../auth/auth.decorators';
import { parseInput } from '../common/parse-input';
import { actorOf } from '../measures/run-measure-command.use-case';
import { PublishPlanUseCase } from './publish-plan.use-case';
import { WithdrawPublicationUseCase } from './withdraw-publication.use-case';

const publicationBody = z.strictObject({
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD'),
});

@ApiTags('reports')
@Controller('plans/:id/publication')
export class PublicationController {
  constructor(
    private readonly publish: PublishPlanUseCase,
    private readonly withdraw: WithdrawPublicationUseCase,
  ) {}

  @Post()
  @HttpCode(200)
  @Allow('plan:publish')
  @ApiOperation({
    summary:
      'Publish (公开) the plan’s public bulletin as of a day; anonymous callers read that edition only',
  })
  @ApiResponse({ status: 200, description: '`{ planId, code, asOf, publishedAt, publishedBy }`' })
  publishPlan(@Param('id') id: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    const b = parseInput(publicationBody, body, 'body');
    return this.publish.execute({ plan: id, asOf: b.asOf, actor: actorOf(principal, undefined) });
  }

  @Delete()
  @HttpCode(204)
  @Allow('plan:publish')
  @ApiOperation({ summary: 'Withdraw the public bulletin: anonymous callers get 404 again' })
  async withdrawPublication(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    await this.withdraw.execute({ plan: id, actor: actorOf(principal, undefined) });
  }
}
