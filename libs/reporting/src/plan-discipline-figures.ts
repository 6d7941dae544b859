// A plan's discipline figures as its bulletin gives them, in the seed's sentence: 查处…N件M人，
// 其中党纪政务处分X人，组织处理Y人，问责Z人，移送司法机关W人 — the figures computed from the
// recorded decisions on the plan's cases plus the aggregates bodies entered for the plan. Only
// numbers: no person is named, in either edition.
import { addSeedFigures, type SeedFigures } from '../../domain/src/seed-figures';
import type { DisciplineFigures } from './plan-report';

export function planDisciplineFigures(
  computed: SeedFigures,
  entered: readonly SeedFigures[],
): DisciplineFigures | undefined {
  if (computed.cases === 0 && entered.length === 0) return undefined;
  const enteredSum = addSeedFigures(...entered);
  const t = addSeedFigures(computed, enteredSum);
  return {
    cases: t.cases,
    people: t.persons,
    byForm: [
      { form: '党纪政务处分', people: t.partyOrGovernmentSanctions },
      { form: '组织处理', people: t.organisationalHandling },
      { form: '问责', people: t.heldAccountable },
      { form: '移送司法机关', people: t.judicialReferrals },
    ],
    enteredCases: enteredSum.cases,
  };
}
