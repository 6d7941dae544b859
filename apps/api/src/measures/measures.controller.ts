import { applyDecorators, Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { MEASURE_COMMAND_ACTION, Principal } from '../../../../libs/domain/src/authorization';
import { ACKNOWLEDGEMENT_STATUSES } from '../../../../libs/domain/src/acknowledgement-policy';
import { MEASURE_STATUSES } from '../../../../libs/domain/src/measure-status';
import { MEASURE_LIGHTS } from '../../../../libs/domain/src/measure-light';
import { TRACKS } from '../../../../libs/domain/src/track';
import { XLSX_CONTENT_TYPE } from '../../../../libs/plan-io/src/plan-file-format';
import { AuditedRead } from '../audit/audited-read.decorator';
import { Allow, CurrentPrincipal } from '../auth/auth.decorators';
import { ApiIdempotencyKey, IdempotencyKey } from '../common/idempotency-key';
import { parseInput } from '../common/parse-input';
import { MEASURE_COMMAND_BODIES, MeasureCommandName } from './measure-command.schemas';
import { RunMeasureCommandUseCase } from './run-measure-command.use-case';
import { GetMeasureUseCase } from './get-measure.use-case';
import { ListMeasuresUseCase } from './list-measures.use-case';
import { ExportMeasuresUseCase, MAX_EXPORT_ROWS } from './export-measures.use-case';
import { boardExportQuery, boardFilter, boardListQuery, MEASURE_SORTS } from './measure-board.query';

const TARGET_ADJUSTMENT_BODY = MEASURE_COMMAND_BODIES.adjustIndicatorTarget.omit({ indicator: true });

// The board's filters and sort, documented alike on the list and its export.
const BoardQueries = () =>
  applyDecorators(
    ApiQuery({ name: 'plan', required: false, type: String, description: 'plan id' }),
    ApiQuery({ name: 'category', required: false, type: String, description: '大类 code (with plan)' }),
    ApiQuery({ name: 'problem', required: false, type: String, description: '问题 code (with plan)' }),
    ApiQuery({ name: 'unit', required: false, type: String, description: 'lead or co-unit code' }),
    ApiQuery({ name: 'leader', required: false, type: String, description: 'lead leader, exactly' }),
    ApiQuery({ name: 'track', required: false, enum: TRACKS }),
    ApiQuery({ name: 'status', required: false, enum: MEASURE_STATUSES }),
    ApiQuery({
      name: 'level',
      required: false,
      type: Number,
      description: 'highest ladder level reached, 0–4',
    }),
    ApiQuery({ name: 'light', required: false, enum: MEASURE_LIGHTS, description: '亮灯 of open measures' }),
    ApiQuery({ name: 'dueFrom', required: false, type: String, description: 'YYYY-MM-DD, included' }),
    ApiQuery({ name: 'dueTo', required: false, type: String, description: 'YYYY-MM-DD, included' }),
    ApiQuery({ name: 'q', required: false, type: String, description: 'part of the code or title' }),
    ApiQuery({ name: 'acknowledgement', required: false, enum: ACKNOWLEDGEMENT_STATUSES }),
    ApiQuery({ name: 'sort', required: false, enum: MEASURE_SORTS }),
  );

@ApiTags('measures')
@Controller('measures')
export class MeasuresController {
  constructor(
    private readonly listMeasures: ListMeasuresUseCase,
    private readonly exportMeasures: ExportMeasuresUseCase,
    private readonly getMeasure: GetMeasureUseCase,
    private readonly runCommand: RunMeasureCommandUseCase,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'The measure board: filtered (plan, category, problem, unit, leader, track, status, level, light, due window, text), sorted and paged',
  })
  @BoardQueries()
  @ApiQuery({ name: 'limit', required: false, type: Number })
  @ApiQuery({ name: 'offset', required: false, type: Number })
  @Allow('measure:read')
  list(@Query() query: Record<string, unknown>, @CurrentPrincipal() principal: Principal) {
    const q = parseInput(boardListQuery, query, 'query');
    return this.listMeasures.execute({ ...boardFilter(q, principal), limit: q.limit, offset: q.offset });
  }

  @Get('export.xlsx')
  @ApiOperation({
    summary: `The board's view as XLSX: every matching measure in the list's order (at most ${MAX_EXPORT_ROWS})`,
  })
  @BoardQueries()
  @ApiProduces(XLSX_CONTENT_TYPE)
  @ApiResponse({ status: 422, description: `EXPORT_TOO_LARGE: more than ${MAX_EXPORT_ROWS} measures match` })
  @Allow('measure:read')
  @AuditedRead()
  async export(
    @Query() query: Record<string, unknown>,
    @CurrentPrincipal() principal: Principal,
    @Res() res: Response,
  ) {
    const q = parseInput(boardExportQuery, query, 'query');
    const file = await this.exportMeasures.execute(boardFilter(q, principal));
    res
      .status(200)
      .type(XLSX_CONTENT_TYPE)
      .setHeader('Content-Disposition', `attachment; filename="${encodeURIComponent(file.fileName)}"`)
      .send(file.bytes);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A measure with its recorded events and its live workflow state' })
  @Allow('measure:read')
  get(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.getMeasure.execute(id, principal);
  }

  private command(name: MeasureCommandName, id: string, body: unknown, principal: Principal, key?: string) {
    return this.runCommand.execute({
      principal,
      measureId: id,
      name,
      body: parseInput(MEASURE_COMMAND_BODIES[name], body, 'body'),
      idempotencyKey: key,
    });
  }

  @ApiIdempotencyKey()
  @Post(':id/progress-reports')
  @HttpCode(200)
  @ApiOperation({ summary: '进展报告: report progress, indicator values, milestones reached' })
  @ApiBody({ schema: schemaOf('reportProgress') })
  @Allow(MEASURE_COMMAND_ACTION.reportProgress)
  reportProgress(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @IdempotencyKey() key?: string,
  ) {
    return this.command('reportProgress', id, body, principal, key);
  }

  @ApiIdempotencyKey()
  @Post(':id/completion-claims')
  @HttpCode(200)
  @ApiOperation({ summary: '申请销号: claim completion with evidence; pauses the escalation ladder' })
  @ApiBody({ schema: schemaOf('claimCompletion') })
  @Allow(MEASURE_COMMAND_ACTION.claimCompletion)
  claimCompletion(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @IdempotencyKey() key?: string,
  ) {
    return this.command('claimCompletion', id, body, principal, key);
  }

  @ApiIdempotencyKey()
  @Post(':id/verification')
  @HttpCode(200)
  @ApiOperation({ summary: '验收: accept (销号, sign-off) or reject (back to work, ladder resumes)' })
  @ApiBody({ schema: schemaOf('verify') })
  @Allow(MEASURE_COMMAND_ACTION.verify)
  verify(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @IdempotencyKey() key?: string,
  ) {
    return this.command('verify', id, body, principal, key);
  }

  @ApiIdempotencyKey()
  @Post(':id/extension-requests')
  @HttpCode(200)
  @ApiOperation({ summary: '申请延期: ask for a later deadline' })
  @ApiBody({ schema: schemaOf('requestExtension') })
  @Allow(MEASURE_COMMAND_ACTION.requestExtension)
  requestExtension(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @IdempotencyKey() key?: string,
  ) {
    return this.command('requestExtension', id, body, principal, key);
  }

  @ApiIdempotencyKey()
  @Post(':id/extension-decision')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve (every pending timer moves) or deny the pending extension request' })
  @ApiBody({ schema: schemaOf('decideExtension') })
  @Allow(MEASURE_COMMAND_ACTION.decideExtension)
  decideExtension(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @IdempotencyKey() key?: string,
  ) {
    return this.command('decideExtension', id, body, principal, key);
  }

  @ApiIdempotencyKey()
  @Post(':id/withdrawal-requests')
  @HttpCode(200)
  @ApiOperation({ summary: '申请调出/核销: ask to remove the measure from scope, with justification' })
  @ApiBody({ schema: schemaOf('requestWithdrawal') })
  @Allow(MEASURE_COMMAND_ACTION.requestWithdrawal)
  requestWithdrawal(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @IdempotencyKey() key?: string,
  ) {
    return this.command('requestWithdrawal', id, body, principal, key);
  }

  @ApiIdempotencyKey()
  @Post(':id/withdrawal-decision')
  @HttpCode(200)
  @ApiOperation({ summary: 'The office approves or denies the pending withdrawal request' })
  @ApiBody({ schema: schemaOf('decideWithdrawal') })
  @Allow(MEASURE_COMMAND_ACTION.decideWithdrawal)
  decideWithdrawal(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @IdempotencyKey() key?: string,
  ) {
    return this.command('decideWithdrawal', id, body, principal, key);
  }

  @ApiIdempotencyKey()
  @Post(':id/withdrawal')
  @HttpCode(200)
  @ApiOperation({ summary: 'The office withdraws the measure directly' })
  @ApiBody({ schema: schemaOf('withdraw') })
  @Allow(MEASURE_COMMAND_ACTION.withdraw)
  withdraw(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @IdempotencyKey() key?: string,
  ) {
    return this.command('withdraw', id, body, principal, key);
  }

  @ApiIdempotencyKey()
  @Post(':id/reassignment')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Move the measure to another lead unit or leader; pending reminders follow at once',
  })
  @ApiBody({ schema: schemaOf('reassign') })
  @Allow(MEASURE_COMMAND_ACTION.reassign)
  reassign(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @IdempotencyKey() key?: string,
  ) {
    return this.command('reassign', id, body, principal, key);
  }

  @ApiIdempotencyKey()
  @Post(':id/deadline')
  @HttpCode(200)
  @ApiOperation({ summary: 'The office moves the deadline directly; every pending timer moves' })
  @ApiBody({ schema: schemaOf('changeDeadline') })
  @Allow(MEASURE_COMMAND_ACTION.changeDeadline)
  changeDeadline(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @IdempotencyKey() key?: string,
  ) {
    return this.command('changeDeadline', id, body, principal, key);
  }

  @ApiIdempotencyKey()
  @Post(':id/look-back-schedule')
  @HttpCode(200)
  @ApiOperation({ summary: '抽查: require a look-back of a signed-off measure after a delay' })
  @ApiBody({ schema: schemaOf('scheduleLookBack') })
  @Allow(MEASURE_COMMAND_ACTION.scheduleLookBack)
  scheduleLookBack(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @IdempotencyKey() key?: string,
  ) {
    return this.command('scheduleLookBack', id, body, principal, key);
  }

  @ApiIdempotencyKey()
  @Post(':id/look-back')
  @HttpCode(200)
  @ApiOperation({
    summary: '回头看: record the look-back; a failure reopens the measure with a new deadline',
  })
  @ApiBody({ schema: schemaOf('recordLookBack') })
  @Allow(MEASURE_COMMAND_ACTION.recordLookBack)
  recordLookBack(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @IdempotencyKey() key?: string,
  ) {
    return this.command('recordLookBack', id, body, principal, key);
  }

  @ApiIdempotencyKey()
  @Post(':id/material-changes')
  @HttpCode(200)
  @ApiOperation({ summary: 'A material change after sign-off sends the measure back to verification' })
  @ApiBody({ schema: schemaOf('reportMaterialChange') })
  @Allow(MEASURE_COMMAND_ACTION.reportMaterialChange)
  reportMaterialChange(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @IdempotencyKey() key?: string,
  ) {
    return this.command('reportMaterialChange', id, body, principal, key);
  }

  @ApiIdempotencyKey()
  @Post(':id/reviews')
  @HttpCode(200)
  @ApiOperation({ summary: '季分析: record the periodic review of a mechanism measure' })
  @ApiBody({ schema: schemaOf('recordReview') })
  @Allow(MEASURE_COMMAND_ACTION.recordReview)
  recordReview(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @IdempotencyKey() key?: string,
  ) {
    return this.command('recordReview', id, body, principal, key);
  }

  @ApiIdempotencyKey()
  @Post(':id/referral-outcomes')
  @HttpCode(200)
  @ApiOperation({ summary: '逐条核实: record the outcome of one referred item' })
  @ApiBody({ schema: schemaOf('recordReferralOutcome') })
  @Allow(MEASURE_COMMAND_ACTION.recordReferralOutcome)
  recordReferralOutcome(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @IdempotencyKey() key?: string,
  ) {
    return this.command('recordReferralOutcome', id, body, principal, key);
  }

  @ApiIdempotencyKey()
  @Post(':id/decomposition')
  @HttpCode(200)
  @ApiOperation({ summary: 'Split into sub-measures for units below, each followed by its own workflow' })
  @ApiBody({ schema: schemaOf('decompose') })
  @Allow(MEASURE_COMMAND_ACTION.decompose)
  decompose(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @IdempotencyKey() key?: string,
  ) {
    return this.command('decompose', id, body, principal, key);
  }

  @ApiIdempotencyKey()
  @Post(':id/escalation-policy')
  @HttpCode(200)
  @ApiOperation({ summary: 'Apply a new escalation policy version to this running measure (preview first)' })
  @ApiBody({ schema: schemaOf('applyPolicy') })
  @Allow(MEASURE_COMMAND_ACTION.applyPolicy)
  applyPolicy(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @IdempotencyKey() key?: string,
  ) {
    return this.command('applyPolicy', id, body, principal, key);
  }

  @ApiIdempotencyKey()
  @Post(':id/acknowledgement')
  @HttpCode(200)
  @ApiOperation({
    summary: '签收: the lead unit acknowledges the assignment delivered to it; its short ladder stops',
  })
  @ApiBody({ schema: schemaOf('acknowledge') })
  @Allow(MEASURE_COMMAND_ACTION.acknowledge)
  acknowledge(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @IdempotencyKey() key?: string,
  ) {
    return this.command('acknowledge', id, body, principal, key);
  }

  @ApiIdempotencyKey()
  @Post(':id/assignment-return')
  @HttpCode(200)
  @ApiOperation({ summary: '退回: the lead unit returns the assignment with a reason; the office is told' })
  @ApiBody({ schema: schemaOf('returnAssignment') })
  @Allow(MEASURE_COMMAND_ACTION.returnAssignment)
  returnAssignment(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @IdempotencyKey() key?: string,
  ) {
    return this.command('returnAssignment', id, body, principal, key);
  }

  @ApiIdempotencyKey()
  @Post(':id/assignment-confirmation')
  @HttpCode(200)
  @ApiOperation({
    summary: 'The office keeps a returned assignment with its unit, which must acknowledge it anew',
  })
  @ApiBody({ schema: schemaOf('confirmAssignment') })
  @Allow(MEASURE_COMMAND_ACTION.confirmAssignment)
  confirmAssignment(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @IdempotencyKey() key?: string,
  ) {
    return this.command('confirmAssignment', id, body, principal, key);
  }

  @ApiIdempotencyKey()
  @Post(':id/close')
  @HttpCode(200)
  @ApiOperation({ summary: 'The office closes a signed-off measure' })
  @ApiBody({ schema: schemaOf('close') })
  @Allow(MEASURE_COMMAND_ACTION.close)
  close(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @IdempotencyKey() key?: string,
  ) {
    return this.command('close', id, body, principal, key);
  }

  @ApiIdempotencyKey()
  @Post(':id/indicators/:code/target-adjustment')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "目标调整: the office changes an indicator's target with a reason and an approver; progress and the light follow the new target",
  })
  @ApiBody({ schema: jsonSchema(TARGET_ADJUSTMENT_BODY) })
  @Allow(MEASURE_COMMAND_ACTION.adjustIndicatorTarget)
  adjustIndicatorTarget(
    @Param('id') id: string,
    @Param('code') code: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @IdempotencyKey() key?: string,
  ) {
    // The indicator is named by the path; a body that names one too is refused as unknown.
    const parsed = parseInput(TARGET_ADJUSTMENT_BODY, body, 'body');
    return this.runCommand.execute({
      principal,
      measureId: id,
      name: 'adjustIndicatorTarget',
      body: { ...parsed, indicator: code },
      idempotencyKey: key,
    });
  }
}

function schemaOf(name: MeasureCommandName): Record<string, unknown> {
  return jsonSchema(MEASURE_COMMAND_BODIES[name]);
}

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
