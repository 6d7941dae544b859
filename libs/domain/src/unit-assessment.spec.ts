import {
  ASSESSMENT_COMPONENTS,
  type AssessmentComponent,
  type AssessmentRule,
  DEFAULT_ASSESSMENT_RULE,
  type UnitPeriodFacts,
  assessmentComponents,
  checkAssessmentRule,
  rankUnits,
  readAssessmentRule,
} from './unit-assessment';

const perfect = (unit: string): UnitPeriodFacts => ({
  unit,
  measuresDue: 2,
  completedOnTime: 2,
  acknowledgementsDue: 0,
  acknowledgedOnTime: 0,
  reportsDue: 2,
  reportsOnTime: 2,
  measures: 2,
  overdue: [],
  escalations: 0,
  rejections: 0,
  lookBacksFailed: 0,
});

describe('assessmentComponents', () => {
  // One row per component: a unit perfect but for that component, its value and the score it gives.
  const rows: [AssessmentComponent, Partial<UnitPeriodFacts>, number, number][] = [
    ['onTime', { completedOnTime: 1 }, 0.5, 85],
    ['acknowledgementsOnTime', { acknowledgementsDue: 4, acknowledgedOnTime: 1 }, 0.25, 92.5],
    ['reportsOnTime', { reportsOnTime: 0 }, 0, 85],
    ['overdue', { overdue: [{ days: 15, level: 2 }] }, 0.75, 95],
    ['escalations', { escalations: 1 }, 0.8, 98],
    ['rejections', { rejections: 2 }, 0.6, 96],
    ['lookBacksFailed', { lookBacksFailed: 5 }, 0, 95],
  ];
  it('covers every component', () => {
    expect(rows.map((r) => r[0]).sort()).toEqual([...ASSESSMENT_COMPONENTS].sort());
  });
  it.each(rows)('%s', (component, change, value, score) => {
    const facts = { ...perfect('甲'), ...change };
    const components = assessmentComponents(facts, DEFAULT_ASSESSMENT_RULE);
    for (const c of ASSESSMENT_COMPONENTS) expect(components[c]).toBe(c === component ? value : 1);
    expect(rankUnits([facts], DEFAULT_ASSESSMENT_RULE)[0].score).toBe(score);
  });
  it('counts nothing due as full (a unit with no acknowledgement, report or deadline in the period)', () => {
    const none = { ...perfect('甲'), measuresDue: 0, completedOnTime: 0, reportsDue: 0, reportsOnTime: 0 };
    expect(Object.values(assessmentComponents(none, DEFAULT_ASSESSMENT_RULE))).toEqual(
      ASSESSMENT_COMPONENTS.map(() => 1),
    );
  });
  it('caps an overdue measure at its days and level caps', () => {
    const late = { ...perfect('甲'), measures: 1, overdue: [{ days: 90, level: 9 }] };
    expect(assessmentComponents(late, DEFAULT_ASSESSMENT_RULE).overdue).toBe(0);
  });
});

describe('rankUnits', () => {
  it('scores, ranks with shared ties and gives the change since the previous period (hand-computed)', () => {
    const b: UnitPeriodFacts = {
      unit: '乙',
      measuresDue: 2,
      completedOnTime: 1,
      acknowledgementsDue: 2,
      acknowledgedOnTime: 1,
      reportsDue: 2,
      reportsOnTime: 1,
      measures: 2,
      overdue: [{ days: 15, level: 2 }],
      escalations: 1,
      rejections: 2,
      lookBacksFailed: 5,
    };
    // 乙: 30×0.5 + 10×0.5 + 15×0.5 + 20×0.75 + 10×0.8 + 10×0.6 + 5×0 = 56.5
    const ranking = rankUnits(
      [b, perfect('甲'), perfect('丙')],
      DEFAULT_ASSESSMENT_RULE,
      new Map([
        ['甲', 2],
        ['乙', 1],
      ]),
    );
    expect(ranking.map(({ unit, score, rank, change }) => ({ unit, score, rank, change }))).toEqual([
      { unit: '丙', score: 100, rank: 1, change: null },
      { unit: '甲', score: 100, rank: 1, change: 1 },
      { unit: '乙', score: 56.5, rank: 3, change: -2 },
    ]);
  });
});

describe('checkAssessmentRule', () => {
  const withWeights = (w: Partial<AssessmentRule['weights']>): AssessmentRule => ({
    ...DEFAULT_ASSESSMENT_RULE,
    weights: { ...DEFAULT_ASSESSMENT_RULE.weights, ...w },
  });
  it.each<[string, AssessmentRule, string[]]>([
    ['the default', DEFAULT_ASSESSMENT_RULE, []],
    ['weights adding up to 90', withWeights({ onTime: 20 }), ['weights']],
    ['a negative weight', withWeights({ onTime: -10, overdue: 60 }), ['weights.onTime']],
    ['a weight that is not a number', withWeights({ rejections: Number.NaN }), ['weights.rejections']],
    ['days cap 0', { ...DEFAULT_ASSESSMENT_RULE, overdueDaysCap: 0 }, ['overdueDaysCap']],
    ['level cap 11', { ...DEFAULT_ASSESSMENT_RULE, overdueLevelCap: 11 }, ['overdueLevelCap']],
    ['count cap 1.5', { ...DEFAULT_ASSESSMENT_RULE, countCap: 1.5 }, ['countCap']],
  ])('%s', (_name, rule, paths) => {
    expect(checkAssessmentRule(rule).map((p) => p.path)).toEqual(paths);
  });
});

describe('readAssessmentRule', () => {
  it('reads the default back as it is', () => {
    expect(readAssessmentRule(JSON.parse(JSON.stringify(DEFAULT_ASSESSMENT_RULE)))).toEqual({
      ok: true,
      rule: DEFAULT_ASSESSMENT_RULE,
    });
  });
  it.each<[string, unknown, string[]]>([
    ['not an object', [1], ['']],
    ['weights not an object', { ...DEFAULT_ASSESSMENT_RULE, weights: 3 }, ['weights']],
    [
      'nothing at all',
      {},
      [...ASSESSMENT_COMPONENTS.map((c) => `weights.${c}`), 'overdueDaysCap', 'overdueLevelCap', 'countCap'],
    ],
    [
      'an unknown field and component, a weight as text and a cap out of range',
      {
        ...DEFAULT_ASSESSMENT_RULE,
        weights: { ...DEFAULT_ASSESSMENT_RULE.weights, onTime: '30', speed: 0 },
        countCap: 0,
        colour: 'red',
      },
      ['colour', 'weights.speed', 'weights.onTime', 'countCap'],
    ],
    [
      'weights adding up to 110',
      { ...DEFAULT_ASSESSMENT_RULE, weights: { ...DEFAULT_ASSESSMENT_RULE.weights, onTime: 40 } },
      ['weights'],
    ],
  ])('%s', (_name, input, paths) => {
    const r = readAssessmentRule(input);
    expect(r.ok ? [] : r.problems.map((p) => p.path)).toEqual(paths);
  });
});
