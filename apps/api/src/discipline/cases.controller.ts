import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../../../../libs/domain/src/authorization';
import { Allow, CurrentPrincipal } from '../auth/auth.decorators';
import { AddCasePersonUseCase } from './add-case-person.use-case';
import { AssignCaseBodyUseCase } from './assign-case-body.use-case';
import { ConcludeCaseUseCase } from './conclude-case.use-case';
import { CorrectDecisionUseCase } from './correct-decision.use-case';
import { GetCaseUseCase } from './get-case.use-case';
import { ListCasesUseCase } from './list-cases.use-case';
import { MeasureAccountabilityUseCase } from './measure-accountability.use-case';
import { RecordDecisionUseCase } from './record-decision.use-case';
import { ReferMeasureUseCase } from './refer-measure.use-case';
import { ReviewDecisionUseCase } from './review-decision.use-case';

// 问责案件: opened by the ladder's 问责移送 (or by hand, or by a lead found 属实), decided person by
// person at the competent body, reviewed a level up where the rules say so, concluded.
@ApiTags('discipline')
@Controller('cases')
export class CasesController {
  constructor(
    @Inject(ListCasesUseCase) private readonly listCases: ListCasesUseCase,
    @Inject(GetCaseUseCase) private readonly getCase: GetCaseUseCase,
    @Inject(ReferMeasureUseCase) private readonly refer: ReferMeasureUseCase,
    @Inject(AssignCaseBodyUseCase) private readonly assignBody: AssignCaseBodyUseCase,
    @Inject(AddCasePersonUseCase) private readonly addPerson: AddCasePersonUseCase,
    @Inject(RecordDecisionUseCase) private readonly recordDecision: RecordDecisionUseCase,
    @Inject(ReviewDecisionUseCase) private readonly reviewDecision: ReviewDecisionUseCase,
    @Inject(CorrectDecisionUseCase) private readonly correctDecision: CorrectDecisionUseCase,
    @Inject(ConcludeCaseUseCase) private readonly conclude: ConcludeCaseUseCase,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Cases in the caller’s jurisdiction (every case for the office)' })
  @Allow('case:read')
  list(@CurrentPrincipal() p: Principal, @Query() q: unknown) {
    return this.listCases.execute(p, q);
  }

  @Post()
  @ApiOperation({ summary: 'Open the case of a measure: its 问责移送, or a referral by hand with a reason' })
  @Allow('case:refer')
  open(@CurrentPrincipal() p: Principal, @Body() body: unknown) {
    return this.refer.execute(p, body);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'The case file: persons, decisions, reviews, events, the measure’s timeline and evidence',
  })
  @Allow('case:read')
  get(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.getCase.execute(p, id);
  }

  @Post(':id/body')
  @HttpCode(200)
  @ApiOperation({ summary: 'Name the body of a case no body was competent for' })
  @Allow('case:refer')
  body(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: unknown) {
    return this.assignBody.execute(p, id, body);
  }

  @Post(':id/persons')
  @ApiOperation({ summary: 'Name a person concerned (问事必问人)' })
  @Allow('case:act')
  person(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: unknown) {
    return this.addPerson.execute(p, id, body);
  }

  @Post(':id/decisions')
  @ApiOperation({ summary: 'Record the decision on one person; provisional when 提级审核 applies' })
  @Allow('case:act')
  decide(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: unknown) {
    return this.recordDecision.execute(p, id, body);
  }

  @Post(':id/decisions/:decision/review')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm or overturn a provisional decision, as the reviewing body' })
  @Allow('case:act')
  review(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Param('decision') decision: string,
    @Body() body: unknown,
  ) {
    return this.reviewDecision.execute(p, id, decision, body);
  }

  @Post(':id/decisions/:decision/correction')
  @ApiOperation({ summary: 'Correct a decision in force, with a reason; the original stays on record' })
  @Allow('case:act')
  correct(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Param('decision') decision: string,
    @Body() body: unknown,
  ) {
    return this.correctDecision.execute(p, id, decision, body);
  }

  @Post(':id/conclusion')
  @HttpCode(200)
  @ApiOperation({ summary: 'Conclude the case once every person has a decision in force' })
  @Allow('case:act')
  concludeCase(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.conclude.execute(p, id);
  }
}

// A measure's referral as its readers see it: referred or not, the body, the outcome in counts.
@ApiTags('discipline')
@Controller('measures')
export class MeasureAccountabilityController {
  constructor(
    @Inject(MeasureAccountabilityUseCase) private readonly accountability: MeasureAccountabilityUseCase,
  ) {}

  @Get(':id/accountability')
  @ApiOperation({
    summary: 'Whether the measure was referred for accountability, and the outcome (no names)',
  })
  @Allow('measure:read')
  get(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.accountability.execute(p, id);
  }
}
