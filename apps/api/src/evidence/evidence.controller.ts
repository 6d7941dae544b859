import { Controller, Get, HttpCode, Inject, Param, Post, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { z } from 'zod';
import type { Principal } from '../../../../libs/domain/src/authorization';
import { AuditedRead } from '../audit/audited-read.decorator';
import { Allow, CurrentPrincipal } from '../auth/auth.decorators';
import { parseInput } from '../common/parse-input';
import { fileNameRefusal } from './evidence-file-name';
import { EVIDENCE_TYPES } from './evidence-type';
import { GetEvidenceUseCase } from './get-evidence.use-case';
import { UploadEvidenceUseCase } from './upload-evidence.use-case';

const uploadQuery = z.strictObject({
  measure: z.string().uuid('must be a measure id'),
  name: z
    .string()
    .trim()
    .min(1)
    .max(255)
    .superRefine((n, ctx) => {
      const refusal = fileNameRefusal(n);
      if (refusal) ctx.addIssue({ code: 'custom', message: refusal });
    }),
});

@ApiTags('evidence')
@ApiBearerAuth()
@Controller('evidence')
export class EvidenceController {
  constructor(
    @Inject(UploadEvidenceUseCase) private readonly upload: UploadEvidenceUseCase,
    @Inject(GetEvidenceUseCase) private readonly getEvidence: GetEvidenceUseCase,
  ) {}

  @Post()
  @HttpCode(201)
  @Allow('evidence:upload')
  @ApiOperation({
    summary: '佐证材料: upload a file for a measure as the raw request body, with its Content-Type',
  })
  @ApiConsumes(...Object.keys(EVIDENCE_TYPES))
  @ApiQuery({ name: 'measure', required: true, description: 'the measure the evidence is for' })
  @ApiQuery({ name: 'name', required: true, description: 'the original file name' })
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  create(
    @CurrentPrincipal() principal: Principal,
    @Query() query: Record<string, unknown>,
    @Req() req: Request,
  ) {
    const q = parseInput(uploadQuery, query, 'query');
    const length = req.headers['content-length'];
    return this.upload.execute({
      principal,
      measureId: q.measure,
      originalName: q.name,
      declaredType: req.headers['content-type'],
      declaredLength: length && /^\d+$/.test(length) ? Number(length) : null,
      body: req,
    });
  }

  @Get(':id')
  @Allow('evidence:read')
  @AuditedRead()
  @ApiOperation({ summary: 'The evidence file, for whoever may read its measure' })
  async download(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<StreamableFile> {
    const { meta, content } = await this.getEvidence.execute(principal, id);
    return new StreamableFile(content, {
      type: meta.contentType,
      length: meta.size,
      disposition: attachment(meta.originalName),
    });
  }
}

// RFC 6266: an ASCII fallback and the UTF-8 name (e.g. 整改台账.xlsx).
function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
