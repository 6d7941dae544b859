import { aPlanDocument } from '../../../test/support/plan-fixtures';
import { validatePlanDefinition } from './plan-definition';
import { daysBetween, shiftPlanDates } from './plan-rebase';

describe('moving a plan timetable', () => {
  const r = validatePlanDefinition(aPlanDocument({ due: '2019-09-30' }));
  if (!r.ok) throw new Error('fixture invalid');
  const plan = r.plan;

  it('moves inspection dates and every deadline by the same number of days', () => {
    const moved = shiftPlanDates(plan, daysBetween('2019-01-18', '2026-06-01'));
    expect(moved.inspection).toMatchObject({
      onSiteFrom: '2026-02-28',
      onSiteTo: '2026-04-13',
      feedbackDate: '2026-06-01',
    });
    expect(moved.categories[0].aspects[0].problems[0].measures.map((m) => m.due)).toEqual([
      '2027-02-11',
      '2027-02-11',
    ]);
    expect(validatePlanDefinition(moved).ok).toBe(true);
  });

  it('keeps exact instants exact', () => {
    const r2 = validatePlanDefinition(aPlanDocument({ due: '2019-09-30T18:00:00+08:00' }));
    if (!r2.ok) throw new Error('fixture invalid');
    expect(shiftPlanDates(r2.plan, 2).categories[0].aspects[0].problems[0].measures[0].due).toBe(
      '2019-10-02T10:00:00.000Z',
    );
  });

  it('leaves the original untouched', () => {
    shiftPlanDates(plan, 10);
    expect(plan.inspection.feedbackDate).toBe('2019-01-18');
  });

  it.each([
    ['2019-01-18', '2019-01-18', 0],
    ['2019-01-18', '2019-02-18', 31],
    ['2020-03-01', '2020-02-28', -2],
  ])('counts %s → %s as %i days', (a, b, n) => {
    expect(daysBetween(a, b)).toBe(n);
  });
});
