import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Allow } from '../auth/auth.decorators';
import { parseInput } from '../common/parse-input';
import { AuditedRead } from './audited-read.decorator';
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
  @AuditedRead()
  @ApiOperation({ summary: 'The audit log, newest first' })
  @ApiQuery({ name: 'limit', required: false, type: Number })
  @ApiQuery({ name: 'before', required: false, type: Number, description: 'only rows with a smaller seq' })
  list(@Query() query: Record<string, unknown>) {
    const q = parseInput(listQuery, query, 'query');
    return this.listLog.execute({ limit: q.limit, beforeSeq: q.before });
  }

  @Get('verify')
  @Allow('audit:verify')
  @AuditedRead()
  @ApiOperation({
    summary:
      'Walk the keyed hash chain and check it against the anchors: ok with the head hash, or each problem (the first broken row, a cut tail, a bad anchor) and why',
  })
  verify() {
    return this.verifyChain.execute();
  }
}
