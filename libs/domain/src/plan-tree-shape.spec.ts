import { aPlanDocument } from '../../../test/support/plan-fixtures';
import { validatePlanDefinition } from './plan-definition';
import { countedAspects, levelLabelsOf, officeCategories, officePath } from './plan-tree-shape';

type Doc = ReturnType<typeof aPlanDocument> & Record<string, unknown>;

// The fixture with its first category holding its problems directly (类 → 问题).
function aFlatPlan(mutate: (c: Record<string, unknown>, d: Doc) => void = () => undefined) {
  const doc = aPlanDocument() as Doc;
  const { aspects, ...category } = doc.categories[0];
  const flat: Record<string, unknown> = {
    ...category,
    leadUnit: 'GS-POVERTY',
    problems: aspects[0].problems,
  };
  const problem = aspects[0].problems[0];
  const other = {
    code: 'C2',
    title: '落实管党治党政治责任方面',
    aspects: [
      {
        code: 'C2-A1',
        title: '主体责任',
        problems: [{ ...problem, code: 'P02', measures: [{ ...problem.measures[0], code: 'P02-M1' }] }],
      },
    ],
  };
  (doc as Record<string, unknown>).categories = [flat, other];
  (doc.plan as Record<string, unknown>).levelLabels = { category: '类', aspect: '项' };
  mutate(flat, doc);
  return doc;
}

describe('plan tree shape', () => {
  it('reads problems held by a category as one implicit aspect, and gives the office its shape back', () => {
    const r = validatePlanDefinition(aFlatPlan());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [flat, nested] = r.plan.categories;
    expect(flat.aspects).toHaveLength(1);
    expect(flat.aspects[0]).toMatchObject({ code: 'C1', implicit: true, problems: [{ code: 'P01' }] });
    expect(nested.aspects[0]).not.toHaveProperty('implicit');
    expect(countedAspects(r.plan.categories)).toBe(1);
    expect(
      officeCategories(r.plan.categories).map((c) => [c.code, c.aspects?.length, c.problems?.length]),
    ).toEqual([
      ['C1', undefined, 1],
      ['C2', 1, undefined],
    ]);
    expect(levelLabelsOf(r.plan)).toEqual({ category: '类', aspect: '项', problem: '个问题' });
    expect(levelLabelsOf(aPlanDocument() as never)).toEqual({
      category: '大类',
      aspect: '个方面',
      problem: '个问题',
    });
  });

  it('leaves a plan with aspects exactly as it was read before', () => {
    const r = validatePlanDefinition(aPlanDocument());
    expect(r.ok && r.plan.categories[0]).toEqual({
      code: 'C1',
      title: '贯彻落实党中央脱贫攻坚决策部署方面',
      aspects: [expect.not.objectContaining({ implicit: true })],
    });
  });

  it.each<[string, (c: Record<string, unknown>, d: Doc) => void, { path: string; message: string }[]]>([
    [
      'a category with both aspects and problems',
      (c, d) => (c.aspects = d.categories[1].aspects),
      [
        {
          path: 'categories[0].problems',
          message: 'a category holds either aspects or problems directly, not both',
        },
      ],
    ],
    [
      'a category with neither',
      (c) => delete c.problems,
      [{ path: 'categories[0].aspects', message: 'a category needs aspects or problems' }],
    ],
    [
      'an unknown lead unit of a category and of an aspect',
      (c, d) => {
        c.leadUnit = 'NOWHERE';
        (d.categories[1].aspects[0] as Record<string, unknown>).leadUnit = 'ELSEWHERE';
      },
      [
        { path: 'categories[0].leadUnit', message: 'unknown unit NOWHERE: declare it under units' },
        {
          path: 'categories[1].aspects[0].leadUnit',
          message: 'unknown unit ELSEWHERE: declare it under units',
        },
      ],
    ],
    [
      // Paths name the problem where the office wrote it, not under the implicit aspect.
      'an unknown lead unit of a measure held directly',
      (c) =>
        (((c.problems as Record<string, unknown>[])[0].measures as Record<string, unknown>[])[0].leadUnit =
          'X'),
      [
        {
          path: 'categories[0].problems[0].measures[0].leadUnit',
          message: 'unknown unit X: declare it under units',
        },
      ],
    ],
    [
      'an empty level label',
      (_, d) => ((d.plan as Record<string, unknown>).levelLabels = { category: ' ' }),
      [{ path: 'plan.levelLabels.category', message: 'must not be empty' }],
    ],
  ])('refuses %s, naming the path', (_, mutate, problems) => {
    const r = validatePlanDefinition(aFlatPlan(mutate));
    expect(r).toEqual({ ok: false, problems: expect.arrayContaining(problems) });
    expect(r.ok ? 0 : r.problems.length).toBe(problems.length);
  });

  it.each([
    ['categories[0].aspects[0].problems[1].measures[0].due', 'categories[0].problems[1].measures[0].due'],
    ['categories[0].aspects[0].code', 'categories[0].code'],
    ['categories[0].aspects[0]', 'categories[0]'],
    ['categories[1].aspects[0].problems[0].code', 'categories[1].aspects[0].problems[0].code'],
    ['units[0].code', 'units[0].code'],
  ])('writes %s as %s', (internal, office) => {
    const r = validatePlanDefinition(aFlatPlan());
    if (!r.ok) throw new Error('the flat plan is valid');
    expect(officePath(r.plan.categories, internal)).toBe(office);
  });
});
