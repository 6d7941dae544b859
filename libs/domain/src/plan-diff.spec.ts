import { aPlanDocument } from '../../../test/support/plan-fixtures';
import { diffPlans, isEmptyDiff, type PlanDiff } from './plan-diff';
import { validatePlanDefinition, type PlanDefinition } from './plan-definition';

type Doc = ReturnType<typeof aPlanDocument>;

function plan(mutate: (d: Doc) => void = () => undefined): PlanDefinition {
  const doc = aPlanDocument({ measures: 3 });
  mutate(doc);
  const r = validatePlanDefinition(doc);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.plan;
}

const measures = (d: Doc) => d.categories[0].aspects[0].problems[0].measures as Record<string, unknown>[];

describe('re-import diff: the plan as last applied against the new document', () => {
  it('finds nothing between a plan and itself', () => {
    const d = diffPlans(plan(), plan());
    expect(isEmptyDiff(d)).toBe(true);
    expect(d.deadlines).toEqual([]);
  });

  it.each<[string, (d: Doc) => void, (diff: PlanDiff) => unknown, unknown]>([
    [
      'a new measure',
      (d) => measures(d).push({ ...measures(d)[1], code: 'P01-M9', title: '新增措施' }),
      (x) => x.measures.added,
      ['P01-M9'],
    ],
    ['a removed measure', (d) => measures(d).splice(2, 1), (x) => x.measures.removed, ['P01-M3']],
    [
      'sources declared and named by a problem',
      (d) => {
        (d as Record<string, unknown>).sources = [{ code: 'XC', kind: 'patrol', body: '省委第三巡察组' }];
        (d.categories[0].aspects[0].problems[0] as Record<string, unknown>).sources = ['XC'];
      },
      (x) => [x.plan.map((f) => f.field), x.problems.changed],
      [['sources'], [{ code: 'P01', changes: [{ field: 'sources', before: undefined, after: ['XC'] }] }]],
    ],
    [
      'a category now holding its problems directly',
      (d) => {
        const { aspects, ...c } = d.categories[0];
        (d as Record<string, unknown>).categories = [{ ...c, problems: aspects[0].problems }];
      },
      (x) => [x.aspects.added, x.aspects.removed, x.problems.changed.map((p) => p.code)],
      [['C1'], ['C1-A1'], ['P01']],
    ],
    [
      'a changed title',
      (d) => (measures(d)[1].title = '改写后的措施'),
      (x) => x.measures.changed,
      [{ code: 'P01-M2', changes: [{ field: 'title', before: '第2项措施', after: '改写后的措施' }] }],
    ],
    [
      'a changed deadline',
      (d) => (measures(d)[0].due = '10月底前'),
      (x) => x.deadlines,
      [
        {
          measureCode: 'P01-M1',
          before: { written: '2019-09-30', dueAt: '2019-09-30T16:00:00.000Z' },
          after: { written: '10月底前', dueAt: '2019-10-31T16:00:00.000Z' },
        },
      ],
    ],
    [
      'a reworded deadline that means the same day (a field change, not a deadline change)',
      (d) => (measures(d)[0].due = '9月底前'),
      (x) => [x.deadlines, x.measures.changed.map((c) => c.changes.map((f) => f.field))],
      [[], [['due']]],
    ],
    [
      'a co-unit added',
      (d) => (measures(d)[1].coUnits = ['LINXIA']),
      (x) => x.measures.changed[0].changes,
      [{ field: 'coUnits', before: undefined, after: ['LINXIA'] }],
    ],
    [
      'a root cause rewritten',
      (d) => (d.categories[0].aspects[0].problems[0].rootCause = '责任没有压实'),
      (x) => x.problems.changed,
      [
        {
          code: 'P01',
          changes: [{ field: 'rootCause', before: '底数不清，标准把握不严', after: '责任没有压实' }],
        },
      ],
    ],
    [
      'a new unit',
      (d) => d.units.push({ code: 'GANNAN', name: '甘南州', level: 'city' }),
      (x) => x.units.added,
      ['GANNAN'],
    ],
    ['a retitled plan', (d) => (d.plan.title = '新标题'), (x) => x.plan.map((f) => f.field), ['plan.title']],
    [
      'a reporting cadence set',
      (d) => Object.assign(d.plan, { reportingCadence: 'ten_daily' }),
      (x) => x.plan,
      [{ field: 'plan.reportingCadence', before: undefined, after: 'ten_daily' }],
    ],
    [
      'a working calendar named',
      (d) => Object.assign(d.plan, { calendar: 'CN' }),
      (x) => x.plan,
      [{ field: 'plan.calendar', before: undefined, after: 'CN' }],
    ],
  ])('reports %s', (_name, mutate, pick, expected) => {
    const d = diffPlans(plan(), plan(mutate));
    expect(pick(d)).toEqual(expected);
    expect(isEmptyDiff(d)).toBe(false);
  });

  it('moves every deadline of a measure when the base year moves', () => {
    const before = plan((d) => measures(d).forEach((m) => (m.due = '9月底前')));
    const after = plan((d) => {
      measures(d).forEach((m) => (m.due = '9月底前'));
      Object.assign(d.plan, { baseYear: 2020 });
    });
    expect(diffPlans(before, after).deadlines.map((c) => c.after.dueAt)).toEqual([
      '2020-09-30T16:00:00.000Z',
      '2020-09-30T16:00:00.000Z',
      '2020-09-30T16:00:00.000Z',
    ]);
  });
});
