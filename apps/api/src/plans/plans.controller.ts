import { Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseInterceptors } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Principal } from '../../../../libs/domain/src/authorization';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import { planJsonSchema } from '../../../../libs/domain/src/plan-json-schema';
import {
  formatOfContentType,
  PLAN_CONTENT_TYPES,
  PLAN_FILE_FORMATS,
  XLSX_CONTENT_TYPE,
} from '../../../../libs/plan-io/src/plan-file-format';
import { parseInput } from '../common/parse-input';
import { FIELD_LIMITS } from '../../../../libs/domain/src/field-limits';
import { actorOf } from '../measures/run-measure-command.use-case';
import { Allow, CurrentPrincipal } from '../auth/auth.decorators';
import { ClosePlanUseCase } from './close-plan.use-case';
import { GetPlanUseCase } from './get-plan.use-case';
import { ImportPlanUseCase } from './import-plan.use-case';
import { answerWithProgress, NDJSON, wantsProgress } from './import-progress.stream';
import { ListPlansUseCase } from './list-plans.use-case';
import { ListPlanVersionsUseCase } from './list-plan-versions.use-case';
import { PlanTemplateUseCase } from './plan-template.use-case';
import { CountPlanImports } from '../observability/plan-import.metrics';

const importQuery = z.strictObject({
  dryRun: z.enum(['true', 'false']).optional(),
  withdrawRemoved: z.enum(['true', 'false']).optional(),
  strict: z.enum(['true', 'false']).optional(),
  actor: z.string().trim().min(1).max(200).optional(),
});

@ApiTags('plans')
@Controller('plans')
export class PlansController {
  constructor(
    private readonly importPlan: ImportPlanUseCase,
    private readonly getPlan: GetPlanUseCase,
    private readonly listPlans: ListPlansUseCase,
    private readonly closePlan: ClosePlanUseCase,
    private readonly planTemplate: PlanTemplateUseCase,
    private readonly planVersions: ListPlanVersionsUseCase,
  ) {}

  @Post()
  @HttpCode(201)
  @Allow('plan:import')
  @UseInterceptors(CountPlanImports)
  @ApiOperation({
    summary: 'Import a rectification plan (整改方案), or re-import one as a change',
    description:
      'The body is the plan file: JSON, YAML or XLSX (the ledger layout of `rectify template`), at most 20 MB. ' +
      'A plan whose code exists is diffed against the plan as last applied: new measures are started, moved ' +
      'deadlines and new lead units reach the running workflows, and measures missing from the document are ' +
      'withdrawn only with withdrawRemoved=true. With dryRun=true nothing is written or started.',
  })
  @ApiConsumes(...PLAN_FILE_FORMATS.flatMap((f) => PLAN_CONTENT_TYPES[f]))
  @ApiBody({ schema: planJsonSchema() })
  @ApiQuery({ name: 'dryRun', required: false, enum: ['true', 'false'] })
  @ApiQuery({ name: 'withdrawRemoved', required: false, enum: ['true', 'false'] })
  @ApiQuery({
    name: 'strict',
    required: false,
    enum: ['true', 'false'],
    description: 'refuse the plan (400) on any warning, e.g. a deadline before the feedback date',
  })
  @ApiQuery({
    name: 'actor',
    required: false,
    description:
      'who imports, recorded beside the caller on deadline changes and withdrawals: `role:kind:id (actor)`',
  })
  @ApiResponse({ status: 201, description: 'a new plan; every measure has a running workflow' })
  @ApiResponse({
    status: 200,
    description:
      'unchanged, updated (`diff` says what changed), or a dry run. With `Accept: ' +
      `${NDJSON}\`, once workflows start, the answer is a stream: one line per progress event ` +
      '`{"progress":{"step","done","total"}}`, then `{"result":…}` or `{"error":{"status","code","message"}}`',
  })
  @ApiResponse({
    status: 400,
    description: 'invalid plan; `details` lists every problem with its path and location',
  })
  @ApiResponse({
    status: 409,
    description: 'the change cannot be applied as it is (e.g. removed measures); details name them',
  })
  @ApiResponse({ status: 413, description: 'the file is over 20 MB' })
  @ApiResponse({ status: 415, description: 'not JSON, YAML or XLSX' })
  @ApiResponse({
    status: 422,
    description: 'reading the file needs more memory or time than the limits allow (the message names them)',
  })
  async import(
    @Req() req: Request,
    @Query() query: Record<string, unknown>,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    const q = parseInput(importQuery, query, 'query');
    const format = formatOfContentType(req.headers['content-type']);
    if (!format)
      throw new DomainError(
        'UNSUPPORTED_MEDIA_TYPE',
        `send the plan as ${PLAN_FILE_FORMATS.map((f) => PLAN_CONTENT_TYPES[f][0]).join(', ')}`,
      );
    if (!Buffer.isBuffer(req.body) || req.body.length === 0)
      throw new DomainError('VALIDATION_FAILED', 'the request carries no plan', [
        { path: '(body)', message: 'empty' },
      ]);
    const command = {
      source: { format, bytes: req.body as Buffer },
      dryRun: q.dryRun === 'true',
      withdrawRemoved: q.withdrawRemoved === 'true',
      strict: q.strict === 'true',
      actor: importActor(principal, q.actor),
    };
    if (wantsProgress(req))
      return answerWithProgress(res, (onProgress) => this.importPlan.execute({ ...command, onProgress }));
    const result = await this.importPlan.execute(command);
    if (result.outcome !== 'created') res.status(200);
    return result;
  }

  @Get()
  @Allow('plan:read')
  @ApiOperation({ summary: 'List imported plans (scoped roles: those holding one of their measures)' })
  list(@CurrentPrincipal() principal: Principal) {
    return this.listPlans.execute(principal);
  }

  // Before `:id`, which would take `template.xlsx` for a plan code.
  @Get('template.xlsx')
  @Allow('plan:import')
  @ApiOperation({
    summary: 'The XLSX plan template (the ledger layout `rectify template` writes), to fill in and import',
  })
  @ApiProduces(XLSX_CONTENT_TYPE)
  async template(@Res() res: Response) {
    const file = await this.planTemplate.execute();
    res
      .status(200)
      .type(XLSX_CONTENT_TYPE)
      .setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`)
      .send(file.bytes);
  }

  @Get(':id')
  @Allow('plan:read')
  @ApiOperation({ summary: 'A plan with its problem tree and measure statuses (id or plan code)' })
  get(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.getPlan.execute(id, principal);
  }

  // The whole content of every version: for those who import plans (the office, admins).
  @Get(':id/versions')
  @Allow('plan:import')
  @ApiOperation({ summary: '方案版本: the plan content kept by each import or re-import that changed it' })
  versions(@Param('id') id: string) {
    return this.planVersions.execute(id);
  }

  @Post(':id/close')
  @HttpCode(200)
  @Allow('measure:manage')
  @ApiOperation({ summary: 'Close the plan: every measure workflow ends where it stands (repeatable)' })
  close(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.closePlan.execute({ planId: id, actor: actorOf(principal, undefined) });
  }
}

// The record names who really imported; what the caller wrote as `actor` is kept beside it, as on
// every measure command.
export function importActor(principal: Principal, written: string | undefined): string {
  const actor = actorOf(principal, written);
  if (actor.length <= FIELD_LIMITS.actor) return actor;
  const message = `with the caller's own name it must be at most ${FIELD_LIMITS.actor} characters`;
  throw new DomainError('VALIDATION_FAILED', `query.actor: ${message}`, [{ path: 'query.actor', message }]);
}
