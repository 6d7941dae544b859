import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../../../../libs/domain/src/authorization';
import { seedFiguresProblems, type SeedFigures } from '../../../../libs/domain/src/seed-figures';
import { DisciplineFiguresRepository } from '../../../../libs/persistence/src/repositories/discipline-figures.repository';
import { noteAudit } from '../audit/audit-context';
import { parseInput, validationFailed } from '../common/parse-input';
import { actorOf } from '../measures/run-measure-command.use-case';
import { DisciplineFiguresScope, figuresPeriod } from './discipline-figures-scope';
import { enterFiguresSchema } from './discipline-figures.schemas';
import { enteredView } from './discipline-figures-view';

// A body whose cases are handled outside Rectify enters its figures for a period (optionally for
// one plan's bulletin): its own members for it or a body below it, the office for any. Entering
// the same body, period and plan again replaces the row; the audit row keeps the one replaced.
@Injectable()
export class EnterDisciplineFiguresUseCase {
  constructor(
    @Inject(DisciplineFiguresRepository) private readonly figures: DisciplineFiguresRepository,
    @Inject(DisciplineFiguresScope) private readonly scope: DisciplineFiguresScope,
  ) {}

  async execute(principal: Principal, input: unknown) {
    const b = parseInput(enterFiguresSchema, input, 'body');
    const { body } = await this.scope.subtree(principal, b.bodyCode, 'body.bodyCode');
    const plan = b.planId ? await this.scope.plan(b.planId, 'body.planId') : null;
    const period = figuresPeriod(b.from, b.to, 'body', plan?.timeZone);
    const figures: SeedFigures = {
      cases: b.cases,
      persons: b.persons,
      partyOrGovernmentSanctions: b.partyOrGovernmentSanctions,
      organisationalHandling: b.organisationalHandling,
      heldAccountable: b.heldAccountable,
      judicialReferrals: b.judicialReferrals,
    };
    const problems = seedFiguresProblems(figures);
    if (problems.length)
      throw validationFailed(
        'body',
        problems.map((p) => ({ ...p, path: `body.${p.path}` })),
      );
    const { row, previous } = await this.figures.enter({
      bodyCode: body.code,
      periodFrom: period.from,
      periodTo: period.to,
      planId: plan?.id ?? null,
      figures,
      note: b.note || null,
      enteredBy: actorOf(principal, undefined),
    });
    noteAudit({
      targets: { enteredFiguresId: row.id, bodyCode: body.code },
      ...(previous ? { before: enteredView(previous) } : {}),
    });
    return { outcome: previous ? ('replaced' as const) : ('created' as const), entered: enteredView(row) };
  }
}
