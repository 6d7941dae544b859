import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { MEASURE_STATUSES } from '../../../../libs/domain/src/measure-status';
import { parseInput } from '../common/parse-input';
import { CompleteMeasureUseCase } from './complete-measure.use-case';
import { GetMeasureUseCase } from './get-measure.use-case';
import { ListMeasuresUseCase } from './list-measures.use-case';

const listQuery = z.strictObject({
  plan: z.string().uuid('must be a plan id').optional(),
  status: z.enum(MEASURE_STATUSES).optional(),
  unit: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

const completionBody = z.strictObject({
  actor: z.string().trim().min(1, 'say who reports the completion').max(200),
  note: z.string().trim().min(1, 'say what was done').max(10_000),
});

@ApiTags('measures')
@Controller('measures')
export class MeasuresController {
  constructor(
    private readonly listMeasures: ListMeasuresUseCase,
    private readonly getMeasure: GetMeasureUseCase,
    private readonly completeMeasure: CompleteMeasureUseCase,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List measures, filtered by plan, status and unit (lead or co-unit)' })
  @ApiQuery({ name: 'plan', required: false })
  @ApiQuery({ name: 'status', required: false, enum: MEASURE_STATUSES })
  @ApiQuery({ name: 'unit', required: false })
  @ApiQuery({ name: 'limit', required: false, type: Number })
  @ApiQuery({ name: 'offset', required: false, type: Number })
  list(@Query() query: Record<string, unknown>) {
    const q = parseInput(listQuery, query, 'query');
    return this.listMeasures.execute({
      planId: q.plan,
      status: q.status,
      unit: q.unit,
      limit: q.limit,
      offset: q.offset,
    });
  }

  @Get(':id')
  @ApiOperation({ summary: 'A measure with its recorded events and its live workflow state' })
  get(@Param('id') id: string) {
    return this.getMeasure.execute(id);
  }

  @Post(':id/completion')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record that the measure is done; stops its escalation ladder' })
  @ApiBody({ schema: z.toJSONSchema(completionBody) as Record<string, unknown> })
  complete(@Param('id') id: string, @Body() body: unknown) {
    const c = parseInput(completionBody, body, 'body');
    return this.completeMeasure.execute({ measureId: id, actor: c.actor, note: c.note });
  }
}
