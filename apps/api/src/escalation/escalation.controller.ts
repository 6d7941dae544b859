import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { MEASURE_COMMAND_ACTION } from '../../../../libs/domain/src/authorization';
import { ESCALATION_STEP_KINDS } from '../../../../libs/domain/src/escalation-ladder';
import { isIsoDuration } from '../../../../libs/domain/src/iso-duration';
import { lightRuleSchema } from '../../../../libs/domain/src/plan-definition';
import { parseWorkingDayOffset } from '../../../../libs/domain/src/working-calendar';
import { Allow, CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../../../../libs/domain/src/authorization';
import { acknowledgementPolicySchema } from '../measures/acknowledgement-policy.schema';
import { actorOf } from '../measures/run-measure-command.use-case';
import { parseInput } from '../common/parse-input';
import { ApplyPolicyUseCase } from './apply-policy.use-case';
import { PreviewPolicyUseCase } from './preview-policy.use-case';
import { SampleLookBacksUseCase } from './sample-look-backs.use-case';

const policy = z.strictObject({
  version: z.string().min(1).max(64),
  steps: z
    .array(
      z.strictObject({
        kind: z.enum(ESCALATION_STEP_KINDS),
        // Working days only on a plan with a calendar: the use cases check that.
        offset: z
          .string()
          .refine(
            (s) => isIsoDuration(s) || parseWorkingDayOffset(s) !== null,
            'must be an ISO-8601 duration such as -P7D, or working days such as -P2WD',
          ),
      }),
    )
    .min(1),
  // 签收: absent, no acknowledgement is required.
  acknowledgement: acknowledgementPolicySchema.optional(),
  // 亮灯: checked by checkLightRule in the use cases (refuseUncountable).
  lights: lightRuleSchema.optional(),
});
const previewBody = z.strictObject({ policy });
const applyBody = z.strictObject({
  actor: z.string().trim().min(1).max(200).optional(),
  policy,
  previewToken: z.string().min(1),
});
const sampleBody = z.strictObject({
  actor: z.string().trim().min(1).max(200).optional(),
  share: z.number().gt(0, 'must be more than 0').max(1, 'must be at most 1'),
  after: z.string().refine(isIsoDuration, 'must be an ISO-8601 duration such as P90D'),
});
const schema = (s: z.ZodType) =>
  z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;

@ApiTags('escalation')
@Controller('plans/:planId')
export class EscalationController {
  constructor(
    private readonly preview: PreviewPolicyUseCase,
    private readonly apply: ApplyPolicyUseCase,
    private readonly sample: SampleLookBacksUseCase,
  ) {}

  @Post('escalation-policy/preview')
  @HttpCode(200)
  @Allow(MEASURE_COMMAND_ACTION.applyPolicy)
  @ApiOperation({
    summary: 'Which steps of which running measure a new policy version would move, and to when',
  })
  @ApiBody({ schema: schema(previewBody) })
  previewPolicy(@Param('planId') planId: string, @Body() body: unknown) {
    return this.preview.execute(planId, parseInput(previewBody, body, 'body').policy);
  }

  @Post('escalation-policy')
  @HttpCode(200)
  @Allow(MEASURE_COMMAND_ACTION.applyPolicy)
  @ApiOperation({ summary: 'Apply a previewed policy version to every open measure of the plan' })
  @ApiBody({ schema: schema(applyBody) })
  applyPolicy(
    @Param('planId') planId: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
  ) {
    const b = parseInput(applyBody, body, 'body');
    return this.apply.execute({
      planId,
      policy: b.policy,
      previewToken: b.previewToken,
      actor: actorOf(principal, b.actor),
    });
  }

  @Post('look-back-sample')
  @HttpCode(200)
  @Allow(MEASURE_COMMAND_ACTION.scheduleLookBack)
  @ApiOperation({
    summary: '抽查: choose a random share of signed-off measures for a look-back after a delay',
  })
  @ApiBody({ schema: schema(sampleBody) })
  sampleLookBacks(
    @Param('planId') planId: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
  ) {
    const b = parseInput(sampleBody, body, 'body');
    return this.sample.execute({
      planId,
      share: b.share,
      after: b.after,
      actor: actorOf(principal, b.actor),
    });
  }
}
