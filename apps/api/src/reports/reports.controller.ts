import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import type { Principal } from '../../../../libs/domain/src/authorization';
import { XLSX_CONTENT_TYPE } from '../../../../libs/plan-io/src/plan-file-format';
import { BULLETIN_EDITIONS, BULLETIN_FORMATS } from '../../../../libs/reporting/src/bulletin-renderer';
import { AuditedRead } from '../audit/audited-read.decorator';
import { Allow, CurrentPrincipal, Public } from '../auth/auth.decorators';
import { parseInput } from '../common/parse-input';
import { RateLimit } from '../rate-limit/rate-limit.decorator';
import { ExportLedgerUseCase } from './export-ledger.use-case';
import { RenderBulletinUseCase } from './render-bulletin.use-case';

const asOf = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .optional();
const ledgerQuery = z.strictObject({ asOf });
const bulletinQuery = z.strictObject({
  asOf,
  edition: z.enum(BULLETIN_EDITIONS).default('public'),
  format: z.enum(BULLETIN_FORMATS).default('md'),
});

const BULLETIN_TYPES = { md: 'text/markdown; charset=utf-8', html: 'text/html; charset=utf-8' } as const;

@ApiTags('reports')
@Controller('plans')
export class ReportsController {
  constructor(
    private readonly exportLedger: ExportLedgerUseCase,
    private readonly renderBulletin: RenderBulletinUseCase,
  ) {}

  @Get(':id/ledger.xlsx')
  @Allow('measure:manage')
  @AuditedRead()
  @ApiOperation({
    summary: 'The ledger (台账) as of a date: 问题/任务/责任/时限/要求清单 with status and indicators',
  })
  @ApiQuery({
    name: 'asOf',
    required: false,
    description: 'YYYY-MM-DD in the plan’s time zone; default today',
  })
  @ApiProduces(XLSX_CONTENT_TYPE)
  async ledger(@Param('id') id: string, @Query() query: Record<string, unknown>, @Res() res: Response) {
    const q = parseInput(ledgerQuery, query, 'query');
    const file = await this.exportLedger.execute({ plan: id, asOf: q.asOf });
    res
      .status(200)
      .type(XLSX_CONTENT_TYPE)
      .setHeader('Content-Disposition', `attachment; filename="${encodeURIComponent(file.fileName)}"`)
      .setHeader('ETag', file.etag)
      .send(file.bytes);
  }

  @Get(':id/bulletin')
  // The public edition is for everyone (群众 included, without an account); the use case keeps the
  // internal edition to those who manage measures.
  @Public('bulletin:read')
  // Rendering a bulletin reads the whole plan: the public may not make the API do it unboundedly.
  @RateLimit('public-read')
  // Only the internal edition discloses what the public may not see.
  @AuditedRead((req) => req.query.edition !== undefined && req.query.edition !== 'public')
  @ApiOperation({
    summary: 'The progress bulletin (通报) as of a date: internal or public edition, Markdown or HTML',
  })
  @ApiQuery({ name: 'asOf', required: false })
  @ApiQuery({ name: 'edition', required: false, enum: BULLETIN_EDITIONS })
  @ApiQuery({ name: 'format', required: false, enum: BULLETIN_FORMATS })
  @ApiProduces(...Object.values(BULLETIN_TYPES))
  async bulletin(
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
    @CurrentPrincipal() principal: Principal,
    @Res() res: Response,
  ) {
    const q = parseInput(bulletinQuery, query, 'query');
    const out = await this.renderBulletin.execute({
      plan: id,
      asOf: q.asOf,
      edition: q.edition,
      format: q.format,
      principal,
    });
    res
      .status(200)
      .setHeader('Content-Type', BULLETIN_TYPES[q.format])
      .setHeader('ETag', out.body.etag)
      .send(out.body.bytes);
  }
}
