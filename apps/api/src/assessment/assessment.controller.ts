import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { Principal } from '../../../../libs/domain/src/authorization';
import { ASSESSMENT_COMPONENTS } from '../../../../libs/domain/src/unit-assessment';
import { Allow, CurrentPrincipal } from '../auth/auth.decorators';
import { parseInput } from '../common/parse-input';
import { actorOf } from '../measures/run-measure-command.use-case';
import { GetAssessmentRuleUseCase } from './get-assessment-rule.use-case';
import { GetUnitAssessmentUseCase } from './get-unit-assessment.use-case';
import { PublishAssessmentUseCase } from './publish-assessment.use-case';
import { PutAssessmentRuleUseCase } from './put-assessment-rule.use-case';
import { WithdrawAssessmentPublicationUseCase } from './withdraw-assessment-publication.use-case';

const periodFields = {
  period: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
};
const assessmentQuery = z.strictObject(periodFields);
const publicationBody = z.strictObject(periodFields);

const RULE_BODY: Record<string, unknown> = {
  type: 'object',
  additionalProperties: false,
  required: ['weights', 'overdueDaysCap', 'overdueLevelCap', 'countCap'],
  properties: {
    weights: {
      type: 'object',
      additionalProperties: false,
      description: 'points per component, not negative, adding up to 100',
      required: [...ASSESSMENT_COMPONENTS],
      properties: Object.fromEntries(ASSESSMENT_COMPONENTS.map((c) => [c, { type: 'number', minimum: 0 }])),
    },
    overdueDaysCap: { type: 'integer', minimum: 1, maximum: 3650, example: 30 },
    overdueLevelCap: { type: 'integer', minimum: 1, maximum: 10, example: 4 },
    countCap: { type: 'integer', minimum: 1, maximum: 1000, example: 5 },
  },
};

const PERIOD_BODY: Record<string, unknown> = {
  type: 'object',
  additionalProperties: false,
  properties: {
    period: { type: 'string', description: '2026-12 (month), 2026-Q4 (quarter) or 2026 (year)' },
    from: { type: 'string', format: 'date', description: 'instead of period, with to' },
    to: { type: 'string', format: 'date', description: 'included' },
  },
};

@ApiTags('plans')
@Controller('plans')
export class AssessmentController {
  constructor(
    private readonly assessment: GetUnitAssessmentUseCase,
    private readonly getRule: GetAssessmentRuleUseCase,
    private readonly putRule: PutAssessmentRuleUseCase,
    private readonly publishRanking: PublishAssessmentUseCase,
    private readonly withdrawRanking: WithdrawAssessmentPublicationUseCase,
  ) {}

  @Get(':id/assessment')
  // Read like the overview's scorecard: every signed-in role, each seeing the rows of its scope.
  @Allow('plan:read')
  @ApiOperation({
    summary:
      'Unit assessment and ranking (考评) of a period (id or code): per lead unit the facts, the seven ' +
      'components, the score by the plan’s rule (named with its version), the rank and its change ' +
      'since the previous period, and whether the period’s ranking is published',
  })
  @ApiQuery({
    name: 'period',
    required: false,
    description: '2026-12 (month), 2026-Q4 (quarter) or 2026 (year)',
  })
  @ApiQuery({
    name: 'from',
    required: false,
    description: 'YYYY-MM-DD in the plan’s time zone, instead of period',
  })
  @ApiQuery({ name: 'to', required: false, description: 'YYYY-MM-DD, included, with from' })
  get(
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.assessment.execute(id, parseInput(assessmentQuery, query, 'query'), principal);
  }

  @Get(':id/assessment/rule')
  // Units are scored by it: everyone who reads the plan may know how.
  @Allow('plan:read')
  @ApiOperation({
    summary: 'The assessment rule (考评办法) the plan uses: the office’s (version ≥ 1) or the default (0)',
  })
  rule(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.getRule.execute(id, principal);
  }

  @Put(':id/assessment/rule')
  @HttpCode(200)
  @Allow('assessment:manage')
  @ApiOperation({
    summary:
      'Set the plan’s assessment rule (weights adding up to 100, caps in range); every bad field is ' +
      'named and nothing is stored',
  })
  @ApiBody({ schema: RULE_BODY })
  setRule(@Param('id') id: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    return this.putRule.execute({ plan: id, body, actor: actorOf(principal, undefined) });
  }

  @Post(':id/assessment/publications')
  @HttpCode(200)
  @Allow('assessment:manage')
  @ApiOperation({
    summary:
      'Publish (公开) a period’s ranking, frozen as computed now; publishing the period again replaces ' +
      'it. The public bulletin carries published rankings only',
  })
  @ApiBody({ schema: PERIOD_BODY })
  publish(@Param('id') id: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    return this.publishRanking.execute({
      plan: id,
      period: parseInput(publicationBody, body ?? {}, 'body'),
      actor: actorOf(principal, undefined),
    });
  }

  @Delete(':id/assessment/publications/:period')
  @HttpCode(204)
  @Allow('assessment:manage')
  @ApiOperation({
    summary:
      'Withdraw a published ranking (period key as published: 2026-12, 2026-Q4, 2026 or ' +
      '2026-12-01..2026-12-10); the public bulletin leaves it out again',
  })
  async withdraw(@Param('id') id: string, @Param('period') period: string) {
    await this.withdrawRanking.execute({ plan: id, period });
  }
}
