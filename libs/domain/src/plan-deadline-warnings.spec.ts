import { aPlanDocument } from '../../../test/support/plan-fixtures';
import { chineseDeadlineReadings, withDatedDeadlines } from './plan-deadline-readings';
import { deadlineWarnings } from './plan-deadline-warnings';
import { diffPlans } from './plan-diff';
import { validatePlanDefinition, type PlanDefinition } from './plan-definition';

// The fixture's feedback date is 2019-01-18, its zone Asia/Shanghai.
type Doc = ReturnType<typeof aPlanDocument> & { plan: Record<string, unknown> };
const M = 'categories[0].aspects[0].problems[0].measures[0]';

function plan(due: string, mutate: (d: Doc) => void = () => {}): PlanDefinition {
  const doc = aPlanDocument({ due, measures: 1 }) as Doc;
  mutate(doc);
  const v = validatePlanDefinition(doc);
  if (!v.ok) throw new Error(JSON.stringify(v.problems));
  return v.plan;
}
const milestone = (due: string) => (d: Doc) =>
  Object.assign(d.categories[0].aspects[0].problems[0].measures[0], {
    milestones: [{ code: 'MS1', title: '摸底', due }],
  });
const track = (t: string) => (d: Doc) => Object.assign(d.categories[0].aspects[0].problems[0], { track: t });

describe('deadlines that read but look wrong are warnings', () => {
  it.each<[string, string, (d: Doc) => void, { path: string; message: string }[]]>([
    ['a deadline on the feedback day, later than its start', '当日17:30前', () => {}, []],
    ['a deadline within the plan', '9月底前', milestone('4月下旬'), []],
    [
      'a deadline before the feedback date',
      '2019-01-10',
      () => {},
      [
        {
          path: `${M}.due`,
          message:
            'measure P01-M1 is due "2019-01-10" (2019-01-10T16:00:00.000Z), before the inspection\'s feedback date 2019-01-18',
        },
      ],
    ],
    [
      'a whole day before the feedback day (due at its midnight)',
      '1月17日',
      () => {},
      [
        {
          path: `${M}.due`,
          message:
            'measure P01-M1 is due "1月17日" (2019-01-17T16:00:00.000Z), before the inspection\'s feedback date 2019-01-18',
        },
      ],
    ],
    [
      'a milestone after its measure',
      '6月30日前',
      milestone('9月底前'),
      [
        {
          path: `${M}.milestones[0].due`,
          message:
            'milestone MS1 is due after its measure\'s deadline: "9月底前" (2019-09-30T16:00:00.000Z) is later than 2019-06-30T16:00:00.000Z',
        },
      ],
    ],
    [
      '立行立改 outside the immediate track',
      '立行立改',
      track('long_term'),
      [
        {
          path: `${M}.due`,
          message:
            '"立行立改" is meant for the immediate track (立行立改), not long_term: read as due 2019-02-02',
        },
      ],
    ],
    ['立行立改 on the immediate track', '立行立改', track('immediate'), []],
  ])('%s', (_name, due, mutate, warnings) => {
    expect(deadlineWarnings(plan(due, mutate))).toEqual(warnings);
  });

  it('leaves a milestone after its measure valid (it was an error before)', () => {
    expect(validatePlanDefinition(aPlanDocument()).ok).toBe(true);
    expect(() => plan('6月30日前', milestone('9月底前'))).not.toThrow();
  });
});

describe('what each Chinese deadline was read as, with its instant', () => {
  const p = plan('9月26日下午6点前', (d) => {
    d.plan.immediateWithinDays = 10;
    milestone('立即')(d);
  });

  it('lists date, time, instant and whether it was assumed', () => {
    expect(chineseDeadlineReadings(p)).toEqual([
      {
        path: `${M}.due`,
        measureCode: 'P01-M1',
        written: '9月26日下午6点前',
        date: '2019-09-26',
        time: '18:00',
        dueAt: '2019-09-26T10:00:00.000Z',
        explanation: '"9月26日下午6点前" → 2019-09-26 18:00: by 18:00 on 2019-09-26',
      },
      {
        path: `${M}.milestones[0].due`,
        measureCode: 'P01-M1',
        milestoneCode: 'MS1',
        written: '立即',
        date: '2019-01-28',
        dueAt: '2019-01-28T16:00:00.000Z',
        explanation: '"立即" → 2019-01-28: the feedback date 2019-01-18 + 10 days (plan.immediateWithinDays)',
      },
    ]);
  });

  it('marks 长期坚持 as assumed', () => {
    expect(chineseDeadlineReadings(plan('长期坚持'))).toMatchObject([
      { written: '长期坚持', date: '2020-12-31', assumed: true },
    ]);
  });

  it('writes a deadline with a time of day as its instant, a day as its date', () => {
    const m = withDatedDeadlines(p).categories[0].aspects[0].problems[0].measures[0];
    expect([m.due, m.milestones[0].due]).toEqual(['2019-09-26T10:00:00.000Z', '2019-01-28']);
  });

  it.each<[unknown, string]>([
    [-1, 'must be 0 or more'],
    [366, 'must be at most 365'],
    [1.5, ''],
    ['15', ''],
  ])('refuses plan.immediateWithinDays %p', (value, message) => {
    const doc = aPlanDocument() as Doc;
    doc.plan.immediateWithinDays = value;
    const v = validatePlanDefinition(doc);
    expect(v.ok).toBe(false);
    if (!v.ok)
      expect(v.problems.find((x) => x.path === 'plan.immediateWithinDays')?.message).toContain(message);
  });
});

describe('re-importing with other deadline options', () => {
  it('moves 立行立改 deadlines when plan.immediateWithinDays changes, and names the field', () => {
    const before = plan('立行立改', track('immediate'));
    const after = plan('立行立改', (d) => {
      track('immediate')(d);
      d.plan.immediateWithinDays = 30;
    });
    const diff = diffPlans(before, after);
    expect(diff.plan).toEqual([{ field: 'plan.immediateWithinDays', before: undefined, after: 30 }]);
    expect(diff.deadlines.map((m) => [m.measureCode, m.before.dueAt, m.after.dueAt])).toEqual([
      ['P01-M1', '2019-02-02T16:00:00.000Z', '2019-02-17T16:00:00.000Z'],
    ]);
  });

  it('names a change of plan.longTermMeasures', () => {
    const after = plan('长期坚持', (d) => (d.plan.longTermMeasures = 'reviews'));
    expect(diffPlans(plan('长期坚持'), after).plan).toEqual([
      { field: 'plan.longTermMeasures', before: undefined, after: 'reviews' },
    ]);
  });
});
