import { Inject, Injectable } from '@nestjs/common';
import { disciplineFigures } from '../../../../libs/domain/src/accountability';
import type { Principal } from '../../../../libs/domain/src/authorization';
import { addSeedFigures, seedFiguresOf } from '../../../../libs/domain/src/seed-figures';
import { DisciplineFiguresRepository } from '../../../../libs/persistence/src/repositories/discipline-figures.repository';
import { parseInput } from '../common/parse-input';
import { DisciplineFiguresScope, figuresPeriod } from './discipline-figures-scope';
import { figuresQuery } from './discipline-figures.schemas';
import { bodyRef, enteredFigures, enteredView, factsAt } from './discipline-figures-view';

// The seed's figures (查处…N件M人，其中党纪政务处分…) for a body and the bodies below it over a
// period: computed from the cases opened in the period and their decisions dated in it (a person
// counted once per figure; provisional, overturned and corrected decisions not at all), plus the
// aggregates bodies entered for periods within it, labelled as entered. With a plan: that plan's
// cases and the figures entered for it; without: every case, and the figures entered for no plan.
@Injectable()
export class GetDisciplineFiguresUseCase {
  constructor(
    @Inject(DisciplineFiguresRepository) private readonly figures: DisciplineFiguresRepository,
    @Inject(DisciplineFiguresScope) private readonly scope: DisciplineFiguresScope,
  ) {}

  async execute(principal: Principal, query: unknown) {
    const q = parseInput(figuresQuery, query, 'query');
    const { body, bodies } = await this.scope.subtree(principal, q.body, 'query.body');
    const plan = q.plan ? await this.scope.plan(q.plan, 'query.plan') : null;
    const period = figuresPeriod(q.from, q.to, 'query', plan?.timeZone);
    const codes = bodies.map((b) => b.code);
    const [facts, entered] = await Promise.all([
      this.figures.facts({
        bodyCodes: codes,
        planId: plan?.id,
        openedFrom: period.start,
        openedBefore: period.end,
        decidedFrom: period.from,
        decidedTo: period.to,
      }),
      this.figures.entered({ bodyCodes: codes, from: period.from, to: period.to, planId: plan?.id ?? null }),
    ]);
    const computed = disciplineFigures(
      facts.cases.map((c) => c.id),
      facts.persons.map((p) => p.id),
      facts.decisions,
    );
    const byBody = bodies.map((b) => {
      const own = factsAt(facts, b.code);
      const c = disciplineFigures(own.cases, own.persons, own.decisions);
      const e = addSeedFigures(...entered.filter((r) => r.bodyCode === b.code).map(enteredFigures));
      return { body: bodyRef(b), computed: c, entered: e, total: addSeedFigures(seedFiguresOf(c), e) };
    });
    return {
      body: bodyRef(body),
      from: period.from,
      to: period.to,
      plan: plan ? { id: plan.id, code: plan.code } : null,
      computed,
      entered: entered.map(enteredView),
      total: addSeedFigures(seedFiguresOf(computed), ...entered.map(enteredFigures)),
      byBody,
    };
  }
}
