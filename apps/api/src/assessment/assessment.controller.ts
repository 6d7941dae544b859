import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { Principal } from '../../../../libs/domain/src/authorization';
import { Allow, CurrentPrincipal } from '../auth/auth.decorators';
import { parseInput } from '../common/parse-input';
import { GetUnitAssessmentUseCase } from './get-unit-assessment.use-case';

const assessmentQuery = z.strictObject({
  period: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
});

@ApiTags('plans')
@Controller('plans')
export class AssessmentController {
  constructor(private readonly assessment: GetUnitAssessmentUseCase) {}

  @Get(':id/assessment')
  // Read like the overview's scorecard: every signed-in role, each seeing the rows of its scope.
  @Allow('plan:read')
  @ApiOperation({
    summary:
      'Unit assessment and ranking (考评) of a period (id or code): per lead unit the facts, the seven ' +
      'components, the score by the default rule, the rank and its change since the previous period',
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
}
