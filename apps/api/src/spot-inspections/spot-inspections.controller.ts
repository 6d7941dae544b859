import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../../../../libs/domain/src/authorization';
import { Allow, CurrentPrincipal } from '../auth/auth.decorators';
import { parseInput } from '../common/parse-input';
import { actorOf } from '../measures/run-measure-command.use-case';
import { AddSpotFindingUseCase } from './add-spot-finding.use-case';
import { CreateSpotRoundUseCase } from './create-spot-round.use-case';
import { GetSpotRoundUseCase } from './get-spot-round.use-case';
import { IssueSpotNoticeUseCase } from './issue-spot-notice.use-case';
import { ListSpotRoundsUseCase } from './list-spot-rounds.use-case';
import { addSpotFindingBody, createSpotRoundBody, issueSpotNoticeBody } from './spot-inspection.schemas';
import { VerifySpotDrawUseCase } from './verify-spot-draw.use-case';

@ApiTags('spot-inspections')
@Controller('spot-rounds')
export class SpotInspectionsController {
  constructor(
    private readonly createRound: CreateSpotRoundUseCase,
    private readonly listRounds: ListSpotRoundsUseCase,
    private readonly getRound: GetSpotRoundUseCase,
    private readonly addFinding: AddSpotFindingUseCase,
    private readonly issueNotice: IssueSpotNoticeUseCase,
    private readonly verifyDraw: VerifySpotDrawUseCase,
  ) {}

  @Post()
  @HttpCode(201)
  @Allow('spot:manage')
  @ApiOperation({
    summary:
      'Create a spot-inspection round (暗访督查); with a samplingRule its places are drawn and the draw recorded',
  })
  @ApiResponse({ status: 400, description: 'invalid round; `details` names every field, nothing is written' })
  @ApiResponse({ status: 409, description: 'the code is taken by a round or a plan' })
  create(@Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    return this.createRound.execute({
      body: parseInput(createSpotRoundBody, body, 'body'),
      actor: actorOf(principal, undefined),
    });
  }

  @Get()
  @Allow('spot:read')
  @ApiOperation({ summary: 'List spot-inspection rounds' })
  list() {
    return this.listRounds.execute();
  }

  @Get(':code')
  @Allow('spot:read')
  @ApiOperation({
    summary:
      'A round with its groups, places, findings, notices and figures (findings, notices, rectified, in progress, overdue)',
  })
  get(@Param('code') code: string) {
    return this.getRound.execute(code);
  }

  @Get(':code/draw')
  @Allow('spot:read')
  @ApiOperation({ summary: "Re-run the round's draw from what was recorded and show whether it matches" })
  draw(@Param('code') code: string) {
    return this.verifyDraw.execute(code);
  }

  @Post(':code/findings')
  @HttpCode(201)
  @Allow('spot:manage')
  @ApiOperation({
    summary: 'Record a finding of the round at a place, optionally linked to a problem of a plan',
  })
  find(@Param('code') code: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    return this.addFinding.execute({
      roundCode: code,
      body: parseInput(addSpotFindingBody, body, 'body'),
      actor: actorOf(principal, undefined),
    });
  }

  @Post(':code/findings/:id/notice')
  @HttpCode(201)
  @Allow('spot:manage')
  @ApiOperation({
    summary:
      'Issue a task notice (整改任务通知书) or supervision letter (督办函): a measure of the round’s plan with its own deadline and ladder',
  })
  @ApiResponse({ status: 409, description: 'the finding already issued a notice' })
  notice(
    @Param('code') code: string,
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.issueNotice.execute({
      roundCode: code,
      findingId: id,
      body: parseInput(issueSpotNoticeBody, body, 'body'),
      actor: actorOf(principal, undefined),
    });
  }
}
