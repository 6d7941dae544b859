import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { measureScope, Principal } from '../../../../libs/domain/src/authorization';
import { MEASURE_STATUSES } from '../../../../libs/domain/src/measure-status';
import { Allow, CurrentPrincipal } from '../auth/auth.decorators';
import { parseInput } from '../common/parse-input';
import { MEASURE_COMMAND_BODIES, MeasureCommandName } from './measure-command.schemas';
import { RunMeasureCommandUseCase } from './run-measure-command.use-case';
import { GetMeasureUseCase } from './get-measure.use-case';
import { ListMeasuresUseCase } from './list-measures.use-case';

const listQuery = z.strictObject({
  plan: z.string().uuid('must be a plan id').optional(),
  status: z.enum(MEASURE_STATUSES).optional(),
  unit: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

@ApiTags('measures')
@Controller('measures')
export class MeasuresController {
  constructor(
    private readonly listMeasures: ListMeasuresUseCase,
    private readonly getMeasure: GetMeasureUseCase,
    private readonly runCommand: RunMeasureCommandUseCase,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List measures, filtered by plan, status and unit (lead or co-unit)' })
  @ApiQuery({ name: 'plan', required: false })
  @ApiQuery({ name: 'status', required: false, enum: MEASURE_STATUSES })
  @ApiQuery({ name: 'unit', required: false })
  @ApiQuery({ name: 'limit', required: false, type: Number })
  @ApiQuery({ name: 'offset', required: false, type: Number })
  @Allow('measure:read')
  list(@Query() query: Record<string, unknown>, @CurrentPrincipal() principal: Principal) {
    const q = parseInput(listQuery, query, 'query');
    return this.listMeasures.execute({
      scope: measureScope(principal),
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

  private command(name: MeasureCommandName, id: string, body: unknown) {
    return this.runCommand.execute({ measureId: id, name, body: parseInput(MEASURE_COMMAND_BODIES[name], body, 'body') });
  }

  @Post(':id/progress-reports')
  @HttpCode(200)
  @ApiOperation({ summary: '进展报告: report progress, indicator values, milestones reached' })
  @ApiBody({ schema: schemaOf('reportProgress') })
  reportProgress(@Param('id') id: string, @Body() body: unknown) {
    return this.command('reportProgress', id, body);
  }

  @Post(':id/completion-claims')
  @HttpCode(200)
  @ApiOperation({ summary: '申请销号: claim completion with evidence; pauses the escalation ladder' })
  @ApiBody({ schema: schemaOf('claimCompletion') })
  claimCompletion(@Param('id') id: string, @Body() body: unknown) {
    return this.command('claimCompletion', id, body);
  }

  @Post(':id/verification')
  @HttpCode(200)
  @ApiOperation({ summary: '验收: accept (销号, sign-off) or reject (back to work, ladder resumes)' })
  @ApiBody({ schema: schemaOf('verify') })
  verify(@Param('id') id: string, @Body() body: unknown) {
    return this.command('verify', id, body);
  }

  @Post(':id/extension-requests')
  @HttpCode(200)
  @ApiOperation({ summary: '申请延期: ask for a later deadline' })
  @ApiBody({ schema: schemaOf('requestExtension') })
  requestExtension(@Param('id') id: string, @Body() body: unknown) {
    return this.command('requestExtension', id, body);
  }

  @Post(':id/extension-decision')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve (every pending timer moves) or deny the pending extension request' })
  @ApiBody({ schema: schemaOf('decideExtension') })
  decideExtension(@Param('id') id: string, @Body() body: unknown) {
    return this.command('decideExtension', id, body);
  }

  @Post(':id/withdrawal-requests')
  @HttpCode(200)
  @ApiOperation({ summary: '申请调出/核销: ask to remove the measure from scope, with justification' })
  @ApiBody({ schema: schemaOf('requestWithdrawal') })
  requestWithdrawal(@Param('id') id: string, @Body() body: unknown) {
    return this.command('requestWithdrawal', id, body);
  }

  @Post(':id/withdrawal-decision')
  @HttpCode(200)
  @ApiOperation({ summary: 'The office approves or denies the pending withdrawal request' })
  @ApiBody({ schema: schemaOf('decideWithdrawal') })
  decideWithdrawal(@Param('id') id: string, @Body() body: unknown) {
    return this.command('decideWithdrawal', id, body);
  }

  @Post(':id/withdrawal')
  @HttpCode(200)
  @ApiOperation({ summary: 'The office withdraws the measure directly' })
  @ApiBody({ schema: schemaOf('withdraw') })
  withdraw(@Param('id') id: string, @Body() body: unknown) {
    return this.command('withdraw', id, body);
  }

  @Post(':id/reassignment')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move the measure to another lead unit or leader; pending reminders follow at once' })
  @ApiBody({ schema: schemaOf('reassign') })
  reassign(@Param('id') id: string, @Body() body: unknown) {
    return this.command('reassign', id, body);
  }

  @Post(':id/deadline')
  @HttpCode(200)
  @ApiOperation({ summary: 'The office moves the deadline directly; every pending timer moves' })
  @ApiBody({ schema: schemaOf('changeDeadline') })
  changeDeadline(@Param('id') id: string, @Body() body: unknown) {
    return this.command('changeDeadline', id, body);
  }

  @Post(':id/look-back-schedule')
  @HttpCode(200)
  @ApiOperation({ summary: '抽查: require a look-back of a signed-off measure after a delay' })
  @ApiBody({ schema: schemaOf('scheduleLookBack') })
  scheduleLookBack(@Param('id') id: string, @Body() body: unknown) {
    return this.command('scheduleLookBack', id, body);
  }

  @Post(':id/look-back')
  @HttpCode(200)
  @ApiOperation({ summary: '回头看: record the look-back; a failure reopens the measure with a new deadline' })
  @ApiBody({ schema: schemaOf('recordLookBack') })
  recordLookBack(@Param('id') id: string, @Body() body: unknown) {
    return this.command('recordLookBack', id, body);
  }

  @Post(':id/material-changes')
  @HttpCode(200)
  @ApiOperation({ summary: 'A material change after sign-off sends the measure back to verification' })
  @ApiBody({ schema: schemaOf('reportMaterialChange') })
  reportMaterialChange(@Param('id') id: string, @Body() body: unknown) {
    return this.command('reportMaterialChange', id, body);
  }

  @Post(':id/reviews')
  @HttpCode(200)
  @ApiOperation({ summary: '季分析: record the periodic review of a mechanism measure' })
  @ApiBody({ schema: schemaOf('recordReview') })
  recordReview(@Param('id') id: string, @Body() body: unknown) {
    return this.command('recordReview', id, body);
  }

  @Post(':id/referral-outcomes')
  @HttpCode(200)
  @ApiOperation({ summary: '逐条核实: record the outcome of one referred item' })
  @ApiBody({ schema: schemaOf('recordReferralOutcome') })
  recordReferralOutcome(@Param('id') id: string, @Body() body: unknown) {
    return this.command('recordReferralOutcome', id, body);
  }

  @Post(':id/decomposition')
  @HttpCode(200)
  @ApiOperation({ summary: 'Split into sub-measures for units below, each followed by its own workflow' })
  @ApiBody({ schema: schemaOf('decompose') })
  decompose(@Param('id') id: string, @Body() body: unknown) {
    return this.command('decompose', id, body);
  }

  @Post(':id/escalation-policy')
  @HttpCode(200)
  @ApiOperation({ summary: 'Apply a new escalation policy version to this running measure (preview first)' })
  @ApiBody({ schema: schemaOf('applyPolicy') })
  applyPolicy(@Param('id') id: string, @Body() body: unknown) {
    return this.command('applyPolicy', id, body);
  }

  @Post(':id/close')
  @HttpCode(200)
  @ApiOperation({ summary: 'The office closes a signed-off measure' })
  @ApiBody({ schema: schemaOf('close') })
  close(@Param('id') id: string, @Body() body: unknown) {
    return this.command('close', id, body);
  }
}

function schemaOf(name: MeasureCommandName): Record<string, unknown> {
  return z.toJSONSchema(MEASURE_COMMAND_BODIES[name], { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
