import { aPlanDocument } from '../../../test/support/plan-fixtures';
import { diffPlans, isEmptyDiff } from './plan-diff';
import { type PlanDefinition, validatePlanDefinition } from './plan-definition';

type Doc = ReturnType<typeof aPlanDocument> & Record<string, unknown>;

// The fixture's first measure given to 各市州 (the city LINXIA), then varied.
function plan(mutate: (d: Doc, m: Record<string, unknown>[]) => void = () => {}): PlanDefinition {
  const d = aPlanDocument({ due: '2019-09-30', measures: 2 }) as Doc;
  const ms = d.categories[0].aspects[0].problems[0].measures as Record<string, unknown>[];
  ms[0].coUnits = ['各市州'];
  mutate(d, ms);
  const r = validatePlanDefinition(d);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.plan;
}

describe('re-importing sub-measures', () => {
  it('is no change when the document is the same', () => {
    expect(isEmptyDiff(diffPlans(plan(), plan()))).toBe(true);
  });

  it('names added, removed and changed sub-measures by full code, a moved deadline with its instant', () => {
    const after = plan((d, ms) => {
      (d.units as unknown[]).push({ code: 'DX', name: '东乡县', level: 'county', parent: 'LINXIA' });
      ms[0].subMeasures = [{ leadUnit: 'LINXIA', due: '6月底前', leadLeader: '州长' }];
      ms[1].coUnits = ['各县区'];
    });
    const diff = diffPlans(plan(), after);
    expect(diff.subMeasures).toEqual({
      added: ['P01-M2.DX'],
      removed: [],
      changed: [
        {
          code: 'P01-M1.LINXIA',
          changes: [
            { field: 'leadLeader', before: '分管副省长', after: '州长' },
            { field: 'due', before: '2019-09-30', after: '6月底前' },
            { field: 'dueAt', before: '2019-09-30T16:00:00.000Z', after: '2019-06-30T16:00:00.000Z' },
          ],
        },
      ],
    });
    expect(diff.measures.changed.map((c) => [c.code, c.changes.map((f) => f.field)])).toEqual([
      ['P01-M1', ['subMeasures']],
      ['P01-M2', ['coUnits']],
    ]);
    expect(diffPlans(after, plan()).subMeasures).toMatchObject({ added: [], removed: ['P01-M2.DX'] });
  });

  it('sees a changed group as sub-measures added and removed', () => {
    const after = plan((d) => {
      d.groups = [{ code: '各市州', members: ['GS-HOUSING'] }];
    });
    const diff = diffPlans(plan(), after);
    expect(diff.plan.map((f) => f.field)).toEqual(['groups']);
    expect(diff.subMeasures).toMatchObject({ added: [], removed: ['P01-M1.LINXIA'] });
  });
});
