import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { Principal } from '../../../../libs/domain/src/authorization';
import { Allow, CurrentPrincipal } from '../auth/auth.decorators';
import { parseInput } from '../common/parse-input';
import { actorOf } from '../measures/run-measure-command.use-case';
import { AnswerInstructionUseCase } from './answer-instruction.use-case';
import { answerInstructionBody, issueInstructionBody } from './instruction.schemas';
import { IssueInstructionUseCase } from './issue-instruction.use-case';
import { ListInstructionsUseCase } from './list-instructions.use-case';

@ApiTags('instructions')
@Controller()
export class InstructionsController {
  constructor(
    private readonly issue: IssueInstructionUseCase,
    private readonly list: ListInstructionsUseCase,
    private readonly answer: AnswerInstructionUseCase,
  ) {}

  @Post('plans/:planId/instructions')
  @HttpCode(201)
  @Allow('instruction:issue')
  @ApiOperation({
    summary:
      "Record a leader's instruction (批示) on the plan, a problem or a measure; the answer is due after answerLimit (default P10D)",
  })
  @ApiBody({ schema: z.toJSONSchema(issueInstructionBody, { io: 'input' }) as Record<string, unknown> })
  @ApiResponse({
    status: 400,
    description: 'invalid instruction or unknown target; `details` names every field, nothing is written',
  })
  issueInstruction(
    @Param('planId') planId: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.issue.execute({
      plan: planId,
      body: parseInput(issueInstructionBody, body, 'body'),
      actor: actorOf(principal, undefined),
    });
  }

  @Get('plans/:planId/instructions')
  @Allow('instruction:read')
  @ApiOperation({ summary: "A plan's instructions (批示) with their state and answers (落实情况)" })
  listInstructions(@Param('planId') planId: string, @CurrentPrincipal() principal: Principal) {
    return this.list.execute({ plan: planId, principal });
  }

  @Post('instructions/:id/answers')
  @HttpCode(201)
  @Allow('instruction:answer')
  @ApiOperation({ summary: 'Answer an instruction (落实情况) as a responsible unit or the office' })
  @ApiBody({ schema: z.toJSONSchema(answerInstructionBody, { io: 'input' }) as Record<string, unknown> })
  @ApiResponse({
    status: 403,
    description: 'the caller is not responsible for the target; nothing is written',
  })
  answerInstruction(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.answer.execute({
      id,
      body: parseInput(answerInstructionBody, body, 'body'),
      principal,
      actor: actorOf(principal, undefined),
    });
  }
}
