import {
  checkLightRule,
  DEFAULT_LIGHT_RULE,
  FOUR_COLOUR_LIGHT_RULE,
  LightReading,
  LightRule,
  lightAt,
  lightOnAssignment,
  MeasureLightFacts,
  nextLightChangeAt,
  shareDone,
} from './measure-light';

const DAY = 24 * 3600 * 1000;
// A 100-day measure: 10 % of the span (10 days) is longer than 7 days, so yellow starts at day 90.
const BASE: MeasureLightFacts = { open: true, startMs: 0, deadlineMs: 100 * DAY, shareDone: null };

describe('the light of a measure (亮灯) under the default three-colour rule', () => {
  const cases: [string, Partial<MeasureLightFacts>, number, LightReading][] = [
    ['a closed measure carries no light', { open: false }, 50 * DAY, { light: null, reason: 'not_open' }],
    ['on track without indicators', {}, 50 * DAY, { light: 'green', reason: 'on_track' }],
    ['just before the near-deadline window', {}, 90 * DAY - 1, { light: 'green', reason: 'on_track' }],
    ['10 % of the span before the deadline', {}, 90 * DAY, { light: 'yellow', reason: 'deadline_near' }],
    ['at the deadline', {}, 100 * DAY, { light: 'red', reason: 'overdue' }],
    ['after the deadline', {}, 120 * DAY, { light: 'red', reason: 'overdue' }],
    ['half done at half time', { shareDone: 0.5 }, 50 * DAY, { light: 'green', reason: 'on_track' }],
    [
      'behind exactly by the tolerance stays green',
      { shareDone: 0.35 },
      50 * DAY,
      { light: 'green', reason: 'on_track' },
    ],
    [
      'behind by more than the tolerance',
      { shareDone: 0.3 },
      50 * DAY,
      { light: 'yellow', reason: 'behind_schedule' },
    ],
    ['done early is green', { shareDone: 1 }, 80 * DAY, { light: 'green', reason: 'on_track' }],
    ['done but overdue is red', { shareDone: 1 }, 100 * DAY, { light: 'red', reason: 'overdue' }],
  ];
  it.each(cases)('%s', (_name, facts, now, expected) => {
    expect(lightAt(DEFAULT_LIGHT_RULE, { ...BASE, ...facts }, now)).toEqual(expected);
  });

  it('uses 7 days when they are longer than 10 % of a short span', () => {
    const short = { ...BASE, deadlineMs: 20 * DAY };
    expect(lightAt(DEFAULT_LIGHT_RULE, short, 13 * DAY - 1).light).toBe('green');
    expect(lightAt(DEFAULT_LIGHT_RULE, short, 13 * DAY).light).toBe('yellow');
  });
});

describe('the four-colour rule (四色督办)', () => {
  it.each([
    [84, 'green'],
    [85, 'blue'],
    [90, 'yellow'],
    [100, 'red'],
  ] as const)('on day %p the light is %s', (day, light) => {
    expect(lightAt(FOUR_COLOUR_LIGHT_RULE, BASE, day * DAY).light).toBe(light);
  });
});

describe('the next change of the light by time alone', () => {
  it('is the near-deadline instant, then the deadline, then never', () => {
    expect(nextLightChangeAt(DEFAULT_LIGHT_RULE, BASE, 0)).toBe(90 * DAY);
    expect(nextLightChangeAt(DEFAULT_LIGHT_RULE, BASE, 90 * DAY)).toBe(100 * DAY);
    expect(nextLightChangeAt(DEFAULT_LIGHT_RULE, BASE, 100 * DAY)).toBeNull();
  });
  it('is the first instant past the tolerance when progress lags', () => {
    const facts = { ...BASE, shareDone: 0.2 };
    const at = nextLightChangeAt(DEFAULT_LIGHT_RULE, facts, 0);
    expect(at).toBe(35 * DAY + 1);
    expect(lightAt(DEFAULT_LIGHT_RULE, facts, at! - 1).light).toBe('green');
    expect(lightAt(DEFAULT_LIGHT_RULE, facts, at!).light).toBe('yellow');
  });
  it('skips instants where the light stays the same', () => {
    // Behind from the start: yellow already, so the next change is the deadline (red).
    expect(nextLightChangeAt(DEFAULT_LIGHT_RULE, { ...BASE, shareDone: 0 }, 50 * DAY)).toBe(100 * DAY);
  });
  it('is null for a measure that is not open', () => {
    expect(nextLightChangeAt(DEFAULT_LIGHT_RULE, { ...BASE, open: false }, 0)).toBeNull();
  });
});

describe('share done (序时进度)', () => {
  it('averages indicators capped at their target, else counts milestones', () => {
    expect(
      shareDone(
        [
          { target: 100, current: 50 },
          { target: 10, current: 20 },
        ],
        { reached: 0, total: 0 },
      ),
    ).toBe(0.75);
    expect(shareDone([], { reached: 1, total: 4 })).toBe(0.25);
    expect(shareDone([], { reached: 0, total: 0 })).toBeNull();
  });
});

describe('checking a light rule', () => {
  const cases: [string, Partial<LightRule>, ReturnType<typeof checkLightRule>][] = [
    ['the default', {}, []],
    ['the four-colour rule', FOUR_COLOUR_LIGHT_RULE, []],
    [
      'a share above 1',
      { yellowShareOfSpan: 1.5 },
      [{ field: 'yellowShareOfSpan', message: 'must be a share between 0 and 1, got 1.5' }],
    ],
    [
      'a negative tolerance',
      { progressTolerance: -0.1 },
      [{ field: 'progressTolerance', message: 'must be a share between 0 and 1, got -0.1' }],
    ],
    [
      'a negative window',
      { yellowWithin: '-P7D' },
      [
        {
          field: 'yellowWithin',
          message: 'must be a positive duration before the deadline (e.g. P7D), got -P7D',
        },
      ],
    ],
    ['an empty version', { version: ' ' }, [{ field: 'version', message: 'must not be empty' }]],
    [
      'blue after yellow',
      { blueWithin: 'P3D' },
      [{ field: 'blueWithin', message: 'blue must come before yellow: P3D is not longer than P7D' }],
    ],
  ];
  it.each(cases)('%s', (_name, change, expected) => {
    expect(checkLightRule({ ...DEFAULT_LIGHT_RULE, ...change })).toEqual(expected);
  });
  it('names a malformed duration', () => {
    expect(checkLightRule({ ...DEFAULT_LIGHT_RULE, yellowWithin: 'seven days' })).toHaveLength(1);
  });
});

describe('the light a measure is assigned with', () => {
  const cases: [string, LightRule, number, ReturnType<typeof lightOnAssignment>][] = [
    ['a deadline 100 days away is green', DEFAULT_LIGHT_RULE, 100 * DAY, 'green'],
    ['a deadline 6 days away is yellow (P7D)', DEFAULT_LIGHT_RULE, 6 * DAY, 'yellow'],
    ['a deadline already past is red', DEFAULT_LIGHT_RULE, -DAY, 'red'],
    ['a deadline at this instant is red', DEFAULT_LIGHT_RULE, 0, 'red'],
    ['four colours: 10 days away is blue (P15D)', FOUR_COLOUR_LIGHT_RULE, 10 * DAY, 'blue'],
    ['four colours: 100 days away is green', FOUR_COLOUR_LIGHT_RULE, 100 * DAY, 'green'],
  ];
  it.each(cases)('%s', (_, rule, deadlineMs, light) => {
    expect(lightOnAssignment(rule, deadlineMs, 0)).toBe(light);
  });

  it('is the light the rule gives at the start of the span, whatever the share done', () => {
    for (const shareDone of [null, 0, 0.5, 1])
      expect(lightAt(DEFAULT_LIGHT_RULE, { ...BASE, shareDone }, 0).light).toBe(
        lightOnAssignment(DEFAULT_LIGHT_RULE, BASE.deadlineMs, 0),
      );
  });
});
