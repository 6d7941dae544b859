import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Allow } from '../auth/auth.decorators';
import { parseInput } from '../common/parse-input';
import { ListAuditLogUseCase } from './list-audit-log.use-case';
import { VerifyAuditChainUseCase } from './verify-audit-chain.use-case';

const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce.number().int().min(1).optional(),
});

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(
    @Inject(ListAuditLogUseCase) private readonly listLog: ListAuditLogUseCase,
    @Inject(VerifyAuditChainUseCase) private readonly verifyChain: VerifyAuditChainUseCase,
  ) {}

  @Get()
  @Allow('audit:read')
  @ApiOperation({ summary: 'The audit log, newest first' })
  @ApiQuery({ name: 'limit', required: false, type: Number })
  @ApiQuery({ name: 'before', required: false, type: Number, description: 'only rows with a smaller seq' })
  list(@Query() query: Record<string, unknown>) {
    const q = parseInput(listQuery, query, 'query');
    return this.listLog.execute({ limit: q.limit, beforeSeq: q.before });
  }

  @Get('verify')
  @Allow('audit:verify')
  @ApiOperation({ summary: 'Walk the hash chain: ok with the head hash, or the first broken row and why' })
  verify() {
    return this.verifyChain.execute();
  }
}
