import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import type { Principal } from '../../../../libs/domain/src/authorization';
import { DOCUMENT_FORMATS } from '../../../../libs/reporting/src/report-document';
import { Allow, CurrentPrincipal } from '../auth/auth.decorators';
import { parseInput } from '../common/parse-input';
import { ListReportingPeriodsUseCase } from './list-reporting-periods.use-case';
import { RenderRollUpUseCase } from './render-roll-up.use-case';

const rollUpQuery = z.strictObject({ format: z.enum(DOCUMENT_FORMATS).default('md') });
const ROLL_UP_TYPES = { md: 'text/markdown; charset=utf-8', html: 'text/html; charset=utf-8' } as const;

@ApiTags('reporting cadence')
@Controller('plans')
export class CadenceController {
  constructor(
    private readonly listPeriods: ListReportingPeriodsUseCase,
    private readonly renderRollUp: RenderRollUpUseCase,
  ) {}

  @Get(':id/reporting-periods')
  // Every signed-in role reads plans; each sees the rows of the units its scope reaches.
  @Allow('plan:read')
  @ApiOperation({
    summary:
      'Reporting periods (报告周期): the current one and every closed one, with who reported and who missed (漏报)',
  })
  periods(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.listPeriods.execute({ plan: id, principal });
  }

  @Get(':id/reporting-periods/:period/roll-up')
  @Allow('plan:read')
  @ApiOperation({
    summary: 'A closed period’s roll-up (旬报 / 月通报) as stored at its close, Markdown or HTML',
  })
  @ApiQuery({ name: 'format', required: false, enum: DOCUMENT_FORMATS })
  @ApiProduces(...Object.values(ROLL_UP_TYPES))
  async rollUp(
    @Param('id') id: string,
    @Param('period') period: string,
    @Query() query: Record<string, unknown>,
    @CurrentPrincipal() principal: Principal,
    @Res() res: Response,
  ) {
    const q = parseInput(rollUpQuery, query, 'query');
    const out = await this.renderRollUp.execute({ plan: id, period, format: q.format, principal });
    res.status(200).setHeader('Content-Type', ROLL_UP_TYPES[q.format]).send(out.text);
  }
}
