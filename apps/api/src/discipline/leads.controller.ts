import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../../../../libs/domain/src/authorization';
import { Allow, CurrentPrincipal } from '../auth/auth.decorators';
import { GetProblemLeadUseCase } from './get-problem-lead.use-case';
import { ListProblemLeadsUseCase } from './list-problem-leads.use-case';
import { ProblemLeadFiguresUseCase } from './problem-lead-figures.use-case';
import { RegisterProblemLeadsUseCase } from './register-problem-leads.use-case';
import { VerifyProblemLeadUseCase } from './verify-problem-lead.use-case';

// 问题线索台账: leads an inspection handed to discipline bodies, registered by the office (one line
// per body, batches as a count, later additions as they arrive), verified item by item (逐条核实)
// by the body each went to; 属实 and 部分属实 open an accountability case.
@ApiTags('discipline')
@Controller('leads')
export class LeadsController {
  constructor(
    @Inject(RegisterProblemLeadsUseCase) private readonly register: RegisterProblemLeadsUseCase,
    @Inject(ListProblemLeadsUseCase) private readonly listLeads: ListProblemLeadsUseCase,
    @Inject(GetProblemLeadUseCase) private readonly getLead: GetProblemLeadUseCase,
    @Inject(VerifyProblemLeadUseCase) private readonly verify: VerifyProblemLeadUseCase,
    @Inject(ProblemLeadFiguresUseCase) private readonly figures: ProblemLeadFiguresUseCase,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Register a lead (or a batch as a count) with every body it went to' })
  @Allow('lead:register')
  create(@CurrentPrincipal() p: Principal, @Body() body: unknown) {
    return this.register.execute(p, body);
  }

  @Get()
  @ApiOperation({ summary: 'The ledger: every lead for the office, a body’s own and those below it' })
  @Allow('case:read')
  list(@CurrentPrincipal() p: Principal, @Query() q: unknown) {
    return this.listLeads.execute(p, q);
  }

  @Get('figures')
  @ApiOperation({ summary: 'Per body: items registered, verified by outcome, pending, overdue' })
  @Allow('case:read')
  ledgerFigures(@CurrentPrincipal() p: Principal) {
    return this.figures.execute(p);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One lead with its record' })
  @Allow('case:read')
  get(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.getLead.execute(p, id);
  }

  @Post(':id/verification')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the outcome (属实 / 部分属实 / 不属实 / 了结), as the body it went to' })
  @Allow('lead:verify')
  verification(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: unknown) {
    return this.verify.execute(p, id, body);
  }
}
