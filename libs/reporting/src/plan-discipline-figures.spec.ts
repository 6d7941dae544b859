import { NO_FIGURES, type SeedFigures } from '../../domain/src/seed-figures';
import { renderBulletin } from './bulletin-renderer';
import { planDisciplineFigures } from './plan-discipline-figures';
import { buildPlanReport } from './plan-report';
import { aPlanDocument } from '../../../test/support/plan-fixtures';
import { validatePlanDefinition } from '../../domain/src/plan-definition';

const recorded: SeedFigures = {
  cases: 2,
  persons: 5,
  partyOrGovernmentSanctions: 2,
  organisationalHandling: 1,
  heldAccountable: 3,
  judicialReferrals: 1,
};
// The rest of the seed's first quarter, entered by bodies that handle cases outside Rectify.
const entered: SeedFigures = {
  cases: 374,
  persons: 845,
  partyOrGovernmentSanctions: 448,
  organisationalHandling: 405,
  heldAccountable: 150,
  judicialReferrals: 12,
};

function bulletinWith(discipline: ReturnType<typeof planDisciplineFigures>) {
  const r = validatePlanDefinition(aPlanDocument({ measures: 1 }));
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return renderBulletin(
    buildPlanReport({
      definition: r.plan,
      asOf: '2019-03-31',
      measures: [],
      events: [],
      removedMeasures: 0,
      discipline,
    }),
    'public',
    'md',
  );
}

describe('a plan’s discipline figures in its bulletin', () => {
  it('are none without a case or an entry, and the bulletin says nothing of discipline', () => {
    expect(planDisciplineFigures(NO_FIGURES, [])).toBeUndefined();
    expect(bulletinWith(undefined)).not.toContain('查处');
  });

  it('give the seed’s sentence from recorded and entered figures, saying how many cases were entered', () => {
    const md = bulletinWith(planDisciplineFigures(recorded, [entered]));
    expect(md).toContain(
      '纪检监察机关共查处问题376件850人，其中党纪政务处分450人，组织处理406人，问责153人，移送司法机关13人（其中374件为填报数）。',
    );
  });

  it('say nothing of entered cases when all were recorded', () => {
    expect(bulletinWith(planDisciplineFigures(recorded, []))).toContain(
      '纪检监察机关共查处问题2件5人，其中党纪政务处分2人，组织处理1人，问责3人，移送司法机关1人。',
    );
  });

  it('show entered figures alone when nothing was recorded', () => {
    expect(planDisciplineFigures(NO_FIGURES, [entered])).toMatchObject({ cases: 374, enteredCases: 374 });
  });
});
