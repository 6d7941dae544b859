import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { planDefinitionSchema } from '../../../../libs/domain/src/plan-definition';
import { GetPlanUseCase } from './get-plan.use-case';
import { ImportPlanUseCase } from './import-plan.use-case';
import { ListPlansUseCase } from './list-plans.use-case';

const planJsonSchema = z.toJSONSchema(planDefinitionSchema, {
  io: 'input',
  unrepresentable: 'any',
}) as Record<string, unknown>;

@ApiTags('plans')
@Controller('plans')
export class PlansController {
  constructor(
    private readonly importPlan: ImportPlanUseCase,
    private readonly getPlan: GetPlanUseCase,
    private readonly listPlans: ListPlansUseCase,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Import a rectification plan (整改方案) and start following every measure' })
  @ApiBody({ schema: planJsonSchema })
  @ApiResponse({ status: 201, description: 'imported; every measure has a running workflow' })
  @ApiResponse({ status: 200, description: 'the same plan was imported before; nothing changed' })
  @ApiResponse({ status: 400, description: 'invalid plan; `details` lists every problem with its path' })
  @ApiResponse({ status: 409, description: 'a plan with this code exists with different content' })
  async import(@Body() body: unknown, @Res({ passthrough: true }) res: Response) {
    const result = await this.importPlan.execute(body);
    if (result.outcome === 'unchanged') res.status(200);
    return result;
  }

  @Get()
  @ApiOperation({ summary: 'List imported plans' })
  list() {
    return this.listPlans.execute();
  }

  @Get(':id')
  @ApiOperation({ summary: 'A plan with its problem tree and measure statuses (id or plan code)' })
  get(@Param('id') id: string) {
    return this.getPlan.execute(id);
  }
}
