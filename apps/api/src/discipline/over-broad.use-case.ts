import { Inject, Injectable } from '@nestjs/common';
import { overBroadReport } from '../../../../libs/domain/src/accountability';
import type { Principal } from '../../../../libs/domain/src/authorization';
import { DisciplineFiguresRepository } from '../../../../libs/persistence/src/repositories/discipline-figures.repository';
import { parseInput } from '../common/parse-input';
import { DisciplineFiguresScope, figuresPeriod } from './discipline-figures-scope';
import { overBroadQuery } from './discipline-figures.schemas';
import { bodyRef, factsAt } from './discipline-figures-view';

// 问责泛化: for a body and each body below it, the sanctions in force of the period by the level of
// the persons concerned, flagged where front-line cadres carry most while no leader of a unit
// concerned carries any; flagged bodies first. Same cases and decisions as the figures.
@Injectable()
export class OverBroadReportUseCase {
  constructor(
    @Inject(DisciplineFiguresRepository) private readonly figures: DisciplineFiguresRepository,
    @Inject(DisciplineFiguresScope) private readonly scope: DisciplineFiguresScope,
  ) {}

  async execute(principal: Principal, query: unknown) {
    const q = parseInput(overBroadQuery, query, 'query');
    const { body, bodies } = await this.scope.subtree(principal, q.body, 'query.body');
    const period = figuresPeriod(q.from, q.to, 'query');
    const facts = await this.figures.facts({
      bodyCodes: bodies.map((b) => b.code),
      openedFrom: period.start,
      openedBefore: period.end,
      decidedFrom: period.from,
      decidedTo: period.to,
    });
    const byBody = bodies
      .map((b, order) => ({
        order,
        body: bodyRef(b),
        report: overBroadReport(factsAt(facts, b.code).decisions),
      }))
      .sort((a, b) => Number(b.report.flagged) - Number(a.report.flagged) || a.order - b.order)
      .map(({ body, report }) => ({ body, ...report }));
    return {
      body: bodyRef(body),
      from: period.from,
      to: period.to,
      // The body and every body below it together.
      overall: overBroadReport(facts.decisions),
      byBody,
    };
  }
}
