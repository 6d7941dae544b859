import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Public } from '../auth/auth.decorators';
import { parseInput } from '../common/parse-input';
import { RateLimit } from '../rate-limit/rate-limit.decorator';
import { ListPublishedPlansUseCase } from './list-published-plans.use-case';

const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

@ApiTags('reports')
@Controller('public/plans')
export class PublicPlansController {
  constructor(private readonly listPublished: ListPublishedPlansUseCase) {}

  @Get()
  @Public('bulletin:list')
  // Counted with the other public reads: the same budget per address as reading the bulletins.
  @RateLimit('public-read')
  @ApiOperation({
    summary:
      'The published plans (公开), latest publication first, for anyone: each one’s public bulletin is GET /plans/:id/bulletin',
  })
  @ApiQuery({ name: 'limit', required: false, type: Number, description: '1–100, default 50' })
  @ApiQuery({ name: 'offset', required: false, type: Number })
  list(@Query() query: Record<string, unknown>) {
    return this.listPublished.execute(parseInput(listQuery, query, 'query'));
  }
}
