import { Body, Controller, Get, HttpCode, Inject, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../../../../libs/domain/src/authorization';
import { Allow, CurrentPrincipal } from '../auth/auth.decorators';
import { EnterDisciplineFiguresUseCase } from './discipline-figures-enter.use-case';
import { GetDisciplineFiguresUseCase } from './discipline-figures.use-case';
import { OverBroadReportUseCase } from './over-broad.use-case';

// 执纪问责 figures in the seed's shape (查处…件…人，其中党纪政务处分…人，组织处理…人，问责…人，移送司法机关…人)
// and the 问责泛化 report, by body and period.
@ApiTags('discipline')
@Controller('discipline-figures')
export class DisciplineFiguresController {
  constructor(
    @Inject(GetDisciplineFiguresUseCase) private readonly getFigures: GetDisciplineFiguresUseCase,
    @Inject(EnterDisciplineFiguresUseCase) private readonly enterFigures: EnterDisciplineFiguresUseCase,
    @Inject(OverBroadReportUseCase) private readonly overBroad: OverBroadReportUseCase,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Figures of a body and the bodies below it for a period (body, from, to, optional plan): computed from recorded decisions, entered aggregates, their total, by body',
  })
  @Allow('figures:read')
  get(@CurrentPrincipal() p: Principal, @Query() q: unknown) {
    return this.getFigures.execute(p, q);
  }

  @Put()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Enter aggregate figures of a body whose cases are handled outside Rectify, for a period (and optionally a plan); replaces an earlier entry',
  })
  @Allow('figures:enter')
  put(@CurrentPrincipal() p: Principal, @Body() body: unknown) {
    return this.enterFigures.execute(p, body);
  }

  @Get('over-broad')
  @ApiOperation({
    summary:
      '问责泛化: sanctions by the level of the persons concerned, per body below the one named, flagged first',
  })
  @Allow('figures:read')
  overBroadReport(@CurrentPrincipal() p: Principal, @Query() q: unknown) {
    return this.overBroad.execute(p, q);
  }
}
