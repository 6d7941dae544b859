import { checkDeclaredFigures, DECLARED_FIGURES, figuresBeside } from './declared-figures';
import { validatePlanDefinition } from './plan-definition';
import { aPlanDocument } from '../../../test/support/plan-fixtures';

const MODELLED = { categories: 4, aspects: 10, problems: 30, measures: 90 };

describe('declared figures (方案公布数) beside the modelled ones', () => {
  it('shows the declared figure, the modelled count and the difference', () => {
    expect(figuresBeside({ measures: 148 }, MODELLED)).toEqual({
      categories: { declared: null, modelled: 4, difference: null },
      aspects: { declared: null, modelled: 10, difference: null },
      problems: { declared: null, modelled: 30, difference: null },
      measures: { declared: 148, modelled: 90, difference: 58 },
    });
  });

  it.each(DECLARED_FIGURES)('refuses a declared number of %s below the modelled one', (field) => {
    expect(checkDeclaredFigures({ [field]: MODELLED[field] - 1 }, MODELLED)).toEqual([
      { field, message: `declares ${MODELLED[field] - 1} but the plan itemises ${MODELLED[field]}` },
    ]);
    expect(checkDeclaredFigures({ [field]: MODELLED[field] }, MODELLED)).toEqual([]);
  });
});

describe('the plan members plan.declared and plan.problemProgressRule', () => {
  const validate = (plan: Record<string, unknown>) => {
    const doc = aPlanDocument();
    Object.assign(doc.plan, plan);
    return validatePlanDefinition(doc);
  };

  it('accepts declared totals at or above the modelled counts (1 category, 1 aspect, 1 problem, 2 measures)', () => {
    const r = validate({ declared: { categories: 1, aspects: 1, problems: 1, measures: 148 } });
    expect(r.ok).toBe(true);
  });

  it('refuses each bad declared figure and rule threshold with its path', () => {
    const r = validate({
      declared: { categories: 0, aspects: 1.5, problems: -2, measures: '148' },
    });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.problems).toEqual([
        { path: 'plan.declared.categories', message: 'must be a positive whole number' },
        { path: 'plan.declared.aspects', message: 'must be a whole number' },
        { path: 'plan.declared.problems', message: 'must be a positive whole number' },
        { path: 'plan.declared.measures', message: expect.stringContaining('expected number') },
      ]);
    const low = validate({ declared: { measures: 1 }, problemProgressRule: { basicallyDoneShare: 2 } });
    expect(low.ok).toBe(false);
    if (!low.ok)
      expect(low.problems).toEqual([
        {
          path: 'plan.problemProgressRule.basicallyDoneShare',
          message: 'must be a share above 0 and at most 1, got 2',
        },
        { path: 'plan.declared.measures', message: 'declares 1 but the plan itemises 2' },
      ]);
    const unknown = validate({ problemProgressRule: { stageGoal: 0.5 } });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.problems[0].path).toBe('plan.problemProgressRule');
  });
});
