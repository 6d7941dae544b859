import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { Principal } from '../../../../libs/domain/src/authorization';
import { FEEDBACK_STATUSES } from '../../../../libs/persistence/src/entities/feedback.entity';
import { Allow, CurrentPrincipal, Public } from '../auth/auth.decorators';
import { parseInput } from '../common/parse-input';
import { RateLimit } from '../rate-limit/rate-limit.decorator';
import { ListFeedbackUseCase } from './list-feedback.use-case';
import { SubmitFeedbackUseCase } from './submit-feedback.use-case';
import { TrackFeedbackUseCase } from './track-feedback.use-case';
import { TriageFeedbackUseCase } from './triage-feedback.use-case';

export const MAX_FEEDBACK_CHARS = 5_000;

const submission = z.strictObject({
  message: z.string().trim().min(1, 'say what the feedback is').max(MAX_FEEDBACK_CHARS),
  contact: z.string().trim().min(1).max(200).nullable().default(null),
});
const triage = z.union([
  // `upheld`: the feedback shows a signed-off measure regressed; it goes back to verification.
  z.strictObject({ measureId: z.string().uuid('must be a measure id'), upheld: z.boolean().optional() }),
  z.strictObject({ dismissReason: z.string().trim().min(1, 'say why').max(2_000) }),
]);
const listQuery = z.strictObject({
  status: z.enum(FEEDBACK_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

@ApiTags('feedback')
@Controller('feedback')
export class FeedbackController {
  constructor(
    @Inject(SubmitFeedbackUseCase) private readonly submit: SubmitFeedbackUseCase,
    @Inject(TrackFeedbackUseCase) private readonly track: TrackFeedbackUseCase,
    @Inject(ListFeedbackUseCase) private readonly listFeedback: ListFeedbackUseCase,
    @Inject(TriageFeedbackUseCase) private readonly triageFeedback: TriageFeedbackUseCase,
  ) {}

  @Post()
  @HttpCode(201)
  @Public('feedback:submit')
  // Counted before the body is looked at: malformed submissions spend the client's budget too.
  @RateLimit('feedback')
  @ApiOperation({
    summary: '意见建议: submit feedback without an account; answers a tracking code (429 when flooding)',
  })
  @ApiBody({ schema: z.toJSONSchema(submission, { io: 'input' }) as Record<string, unknown> })
  create(@Body() body: unknown) {
    const s = parseInput(submission, body, 'body');
    return this.submit.execute({ message: s.message, contact: s.contact });
  }

  @Get(':trackingCode')
  @Public('feedback:track')
  // Tracking codes are not guessable, and a limit keeps anyone from trying.
  @RateLimit('public-read')
  @ApiOperation({ summary: 'The status of one’s feedback, by tracking code (429 when flooding)' })
  status(@Param('trackingCode') trackingCode: string) {
    return this.track.execute(trackingCode);
  }

  @Get()
  @ApiBearerAuth()
  @Allow('feedback:read')
  @ApiOperation({ summary: 'Feedback to triage, oldest first' })
  @ApiQuery({ name: 'status', required: false, enum: FEEDBACK_STATUSES })
  @ApiQuery({ name: 'limit', required: false, type: Number })
  @ApiQuery({ name: 'offset', required: false, type: Number })
  list(@Query() query: Record<string, unknown>) {
    return this.listFeedback.execute(parseInput(listQuery, query, 'query'));
  }

  @Post(':id/triage')
  @HttpCode(200)
  @ApiBearerAuth()
  @Allow('feedback:triage')
  @ApiOperation({
    summary:
      'Forward to a measure ({measureId}; upheld: a signed-off measure goes back to verification) or dismiss with a reason ({dismissReason})',
  })
  @ApiBody({ schema: z.toJSONSchema(triage, { io: 'input' }) as Record<string, unknown> })
  triage(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    return this.triageFeedback.execute({
      principal,
      feedbackId: id,
      decision: parseInput(triage, body, 'body'),
    });
  }
}
