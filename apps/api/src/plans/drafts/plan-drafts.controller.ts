import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Principal } from '../../../../../libs/domain/src/authorization';
import { DomainError } from '../../../../../libs/domain/src/domain-error';
import { code, text } from '../../../../../libs/domain/src/plan-primitives';
import { actorOf } from '../../measures/run-measure-command.use-case';
import { Allow, CurrentPrincipal } from '../../auth/auth.decorators';
import { parseInput } from '../../common/parse-input';
import { importActor } from '../plans.controller';
import { ApplyPlanDraftUseCase } from './apply-plan-draft.use-case';
import { CreatePlanDraftUseCase } from './create-plan-draft.use-case';
import { DeletePlanDraftUseCase } from './delete-plan-draft.use-case';
import { documentFormatOf } from '../../../../../libs/plan-io/src/draft/document-text.reader';
import { DOCUMENT_CONTENT_TYPES, UNTYPED_DOCUMENT } from './document-content-types';
import { JSON_PATCH } from './draft-review';
import { GetPlanDraftUseCase } from './get-plan-draft.use-case';
import { ListPlanDraftsUseCase } from './list-plan-drafts.use-case';
import { PatchPlanDraftUseCase } from './patch-plan-draft.use-case';

const draftQuery = z.strictObject({
  fileName: z.string().trim().min(1).max(255).optional(),
  // As the plan format has them: a code that could never import is refused before anything is read.
  planCode: code.optional(),
  planTitle: text(500).optional(),
});

const applyQuery = z.strictObject({
  dryRun: z.enum(['true', 'false']).optional(),
  strict: z.enum(['true', 'false']).optional(),
  withdrawRemoved: z.enum(['true', 'false']).optional(),
  actor: z.string().trim().min(1).max(200).optional(),
});

const jsonPatchSchema = {
  type: 'array',
  description:
    'RFC 6902 operations on the draft plan, e.g. `{"op":"replace","path":"/plan/title","value":"…"}`',
  items: {
    type: 'object',
    required: ['op', 'path'],
    properties: {
      op: { type: 'string', enum: ['add', 'remove', 'replace', 'move', 'copy', 'test'] },
      path: { type: 'string' },
      from: { type: 'string' },
      value: {},
    },
  },
};

// 方案草稿: a plan drafted from a document the office already has, reviewed, edited and applied
// through the normal import (docs/plan-drafts.md). For those who may import plans.
@ApiTags('plan drafts')
@Controller('plans/drafts')
export class PlanDraftsController {
  constructor(
    private readonly createDraft: CreatePlanDraftUseCase,
    private readonly listDrafts: ListPlanDraftsUseCase,
    private readonly getDraft: GetPlanDraftUseCase,
    private readonly patchDraft: PatchPlanDraftUseCase,
    private readonly applyDraft: ApplyPlanDraftUseCase,
    private readonly deleteDraft: DeletePlanDraftUseCase,
  ) {}

  @Post()
  @HttpCode(201)
  @Allow('plan:import')
  @ApiOperation({
    summary: '起草: draft a plan from a document (text, Word or a PDF with a text layer)',
    description:
      'The body is the document, at most 20 MB. It is read by rules (numbering, labelled fields, track ' +
      'phrases, deadlines, units matched against the units of imported plans) into a plan in the plan ' +
      'format, with where each field came from and how sure the reading is. The draft is stored for ' +
      'review; `doubtful` lists the fields to check, `problems` what validation says, `review` what ' +
      'applying it would change.',
  })
  @ApiConsumes(...Object.values(DOCUMENT_CONTENT_TYPES), UNTYPED_DOCUMENT)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiQuery({
    name: 'fileName',
    required: false,
    description:
      'the file the document came from; its extension gives the format of an application/octet-stream body',
  })
  @ApiQuery({ name: 'planCode', required: false, description: 'code of the plan to draft' })
  @ApiQuery({ name: 'planTitle', required: false, description: 'title of the plan to draft' })
  @ApiResponse({ status: 201, description: 'the draft, stored' })
  @ApiResponse({ status: 413, description: 'the document is over 20 MB' })
  @ApiResponse({
    status: 415,
    description: 'not text/plain, Word (.docx) or application/pdf (nor octet-stream named so)',
  })
  @ApiResponse({
    status: 422,
    description:
      'the document cannot be drafted from (empty, unreadable, not Word, a PDF without a text layer, ' +
      'no recognisable structure); the code says which; nothing is stored',
  })
  create(
    @Req() req: Request,
    @Query() query: Record<string, unknown>,
    @CurrentPrincipal() principal: Principal,
  ) {
    const q = parseInput(draftQuery, query, 'query');
    const format = documentFormatOf(req.headers['content-type'], q.fileName);
    if (!format || !Buffer.isBuffer(req.body))
      throw new DomainError(
        'UNSUPPORTED_MEDIA_TYPE',
        `send the document as ${Object.values(DOCUMENT_CONTENT_TYPES).join(', ')}, or as ${UNTYPED_DOCUMENT} with a fileName ending in .txt, .docx or .pdf`,
      );
    if (req.body.length === 0)
      throw new DomainError('DOCUMENT_EMPTY', 'the request carries no document (the body is empty)');
    return this.createDraft.execute({
      bytes: req.body as Buffer,
      format,
      fileName: q.fileName ?? null,
      planCode: q.planCode,
      planTitle: q.planTitle,
      actor: actorOf(principal, undefined),
    });
  }

  @Get()
  @Allow('plan:import')
  @ApiOperation({ summary: 'The plan drafts kept, newest first' })
  list() {
    return this.listDrafts.execute();
  }

  @Get(':id')
  @Allow('plan:import')
  @ApiOperation({
    summary: 'A plan draft with its review, and the document’s paragraphs to show beside it',
  })
  get(@Param('id') id: string) {
    return this.getDraft.execute(id);
  }

  @Patch(':id')
  @Allow('plan:import')
  @ApiOperation({
    summary: 'Edit the draft’s plan with a JSON Patch (RFC 6902): every operation or none',
    description:
      'Fields an operation writes (or writes under, or part of) count as edited: no longer doubtful, ' +
      'no longer missing. The answer is the draft with its new problems and review.',
  })
  @ApiConsumes(JSON_PATCH, 'application/json')
  @ApiBody({ schema: jsonPatchSchema })
  @ApiResponse({ status: 400, description: 'an operation cannot be applied: `details` names its index' })
  @ApiResponse({ status: 409, description: 'the draft was applied already, or edited meanwhile' })
  patch(@Param('id') id: string, @Body() body: unknown) {
    return this.patchDraft.execute(id, body);
  }

  @Post(':id/apply')
  @Allow('plan:import')
  @ApiOperation({
    summary: 'Apply the draft through the normal import (POST /plans with its plan as JSON)',
    description:
      'Refused while fields the document did not give are still placeholders. Validation, the ' +
      're-import diff, workflows and audit are those of the import; `import` is its answer.',
  })
  @ApiQuery({ name: 'dryRun', required: false, enum: ['true', 'false'] })
  @ApiQuery({ name: 'strict', required: false, enum: ['true', 'false'] })
  @ApiQuery({ name: 'withdrawRemoved', required: false, enum: ['true', 'false'] })
  @ApiQuery({ name: 'actor', required: false })
  @ApiResponse({ status: 201, description: 'a new plan; every measure has a running workflow' })
  @ApiResponse({ status: 200, description: 'an existing plan changed or unchanged, or a dry run' })
  @ApiResponse({ status: 400, description: 'the plan is not valid: `details` lists every problem' })
  @ApiResponse({
    status: 409,
    description:
      'PLAN_DRAFT_INCOMPLETE (`details` names every placeholder left), applied already, or the import’s conflicts',
  })
  async apply(
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    const q = parseInput(applyQuery, query, 'query');
    const result = await this.applyDraft.execute({
      id,
      dryRun: q.dryRun === 'true',
      strict: q.strict === 'true',
      withdrawRemoved: q.withdrawRemoved === 'true',
      actor: importActor(principal, q.actor),
    });
    res.status(result.import.outcome === 'created' ? 201 : 200);
    return result;
  }

  @Delete(':id')
  @HttpCode(204)
  @Allow('plan:import')
  @ApiOperation({ summary: 'Delete a draft not applied' })
  @ApiResponse({ status: 409, description: 'the draft was applied: it stays as the record' })
  async remove(@Param('id') id: string) {
    await this.deleteDraft.execute(id);
  }
}
