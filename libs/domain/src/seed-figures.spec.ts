import { disciplineFigures } from './accountability';
import {
  addSeedFigures,
  NO_FIGURES,
  SEED_FIGURE_KEYS,
  SEED_FIGURE_LABELS,
  seedFiguresOf,
  seedFiguresProblems,
  type SeedFigures,
} from './seed-figures';

// The seed: 今年一季度全省共查处扶贫领域腐败和作风问题376件850人，其中党纪政务处分450人，
// 组织处理406人，问责153人，移送司法机关13人.
const SEED: SeedFigures = {
  cases: 376,
  persons: 850,
  partyOrGovernmentSanctions: 450,
  organisationalHandling: 406,
  heldAccountable: 153,
  judicialReferrals: 13,
};

describe('the seed figures', () => {
  it('accept the seed’s own sentence', () => {
    expect(seedFiguresProblems(SEED)).toEqual([]);
  });

  it('label every figure', () => {
    for (const k of SEED_FIGURE_KEYS) expect(SEED_FIGURE_LABELS[k]).toBeTruthy();
  });

  it.each(SEED_FIGURE_KEYS)('refuse a negative, fractional or missing %s, naming it', (k) => {
    for (const bad of [-1, 1.5, '3', undefined])
      expect(seedFiguresProblems({ ...SEED, [k]: bad })).toEqual([
        { path: k, message: expect.stringContaining('whole number') },
      ]);
  });

  it.each(SEED_FIGURE_KEYS.filter((k) => k !== 'cases' && k !== 'persons'))(
    'refuse %s above the persons it is counted among',
    (k) => {
      expect(seedFiguresProblems({ ...SEED, [k]: 851 }).map((p) => p.path)).toEqual([k]);
      expect(seedFiguresProblems({ ...SEED, [k]: 850 })).toEqual([]);
    },
  );

  it('refuse persons without a case, and accept nothing at all', () => {
    expect(seedFiguresProblems({ ...NO_FIGURES, persons: 2 }).map((p) => p.path)).toEqual(['cases']);
    expect(seedFiguresProblems(NO_FIGURES)).toEqual([]);
  });

  it('add up figure by figure', () => {
    const one = { ...NO_FIGURES, cases: 1, persons: 2, heldAccountable: 1 };
    expect(addSeedFigures(SEED, one)).toEqual({ ...SEED, cases: 377, persons: 852, heldAccountable: 154 });
    expect(addSeedFigures()).toEqual(NO_FIGURES);
  });

  it('take the six figures from the counted decisions', () => {
    const f = disciplineFigures(
      ['c1'],
      ['p1', 'p2'],
      [
        {
          caseId: 'c1',
          personId: 'p1',
          cadreLevel: 'village',
          relation: 'direct',
          form: 'party_discipline',
          state: 'final',
        },
        {
          caseId: 'c1',
          personId: 'p2',
          cadreLevel: 'township',
          relation: 'principal',
          form: 'tolerated_error',
          state: 'final',
        },
      ],
    );
    expect(seedFiguresOf(f)).toEqual({
      cases: 1,
      persons: 2,
      partyOrGovernmentSanctions: 1,
      organisationalHandling: 0,
      heldAccountable: 1,
      judicialReferrals: 0,
    });
  });
});
