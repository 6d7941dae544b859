import { createHash } from 'node:crypto';
import { MEASURE_STATUSES, type MeasureStatus } from './measure-status';
import { validatePlanDefinition } from './plan-definition';
import {
  drawMatches,
  drawPlaces,
  DrawInput,
  NOTICE_KIND_NAMES,
  NOTICE_KINDS,
  NOTICE_STATES,
  noticeMeasureCode,
  NoticeKind,
  noticeState,
  NoticeState,
  periodKey,
  roundFigures,
  spotFiguresAsOf,
  RoundPlanFacts,
  roundPlanWithNotice,
  SAMPLING_PERIODS,
  SamplingPeriod,
  samplingRuleSchema,
  seededInts,
  TooFewCandidatesError,
} from './spot-inspection';

const COUNTIES = ['DONGXIANG', 'LINTAN', 'DIEBU', 'DANGCHANG', 'MINXIAN', 'ZHUOXI', 'JISHISHAN', 'HEZHENG'];

function input(o: Partial<DrawInput> = {}): DrawInput {
  return {
    rule: samplingRuleSchema.parse({
      placesPerGroup: 2,
      householdsPerPlace: { 建档立卡户: 3, 边缘户: 2 },
      period: 'quarter',
    }),
    seed: 'AF-2019-1',
    groups: ['G1', 'G2'],
    candidates: COUNTIES,
    visitedBefore: [],
    ...o,
  };
}

const placesOf = (d: ReturnType<typeof drawPlaces>) => d.groups.flatMap((g) => g.places.map((p) => p.unit));

describe('the spot-inspection draw', () => {
  it('gives each group placesPerGroup places, each with the household counts of the rule', () => {
    const d = drawPlaces(input());
    expect(d.groups.map((g) => g.group)).toEqual(['G1', 'G2']);
    for (const g of d.groups) {
      expect(g.places).toHaveLength(2);
      for (const p of g.places) expect(p.households).toEqual({ 建档立卡户: 3, 边缘户: 2 });
    }
    const places = placesOf(d);
    expect(new Set(places).size).toBe(4);
    for (const p of places) expect(COUNTIES).toContain(p);
  });

  it('is reproduced exactly from the same input, whatever order the candidates came in', () => {
    const first = drawPlaces(input());
    expect(drawPlaces(input())).toEqual(first);
    expect(drawPlaces(input({ candidates: [...COUNTIES].reverse() }))).toEqual(first);
    expect(drawMatches(input(), first)).toBe(true);
  });

  it('changes with the seed', () => {
    const draws = new Set(
      ['s1', 's2', 's3', 's4', 's5'].map((seed) => JSON.stringify(placesOf(drawPlaces(input({ seed }))))),
    );
    expect(draws.size).toBeGreaterThan(1);
  });

  it('says a recorded draw no longer matches when its input or result was altered', () => {
    const recorded = drawPlaces(input());
    expect(drawMatches(input({ seed: 'another seed' }), recorded)).toBe(false);
    const tampered = { ...recorded, groups: [...recorded.groups].reverse() };
    expect(drawMatches(input(), tampered)).toBe(false);
  });

  it('leaves out places earlier rounds visited, when the rule forbids repeats', () => {
    const visitedBefore = ['DONGXIANG', 'LINTAN', 'DIEBU'];
    for (const seed of ['a', 'b', 'c', 'd', 'e', 'f']) {
      const d = drawPlaces(input({ seed, visitedBefore }));
      expect(d.excluded).toEqual(['DIEBU', 'DONGXIANG', 'LINTAN']);
      for (const p of placesOf(d)) expect(visitedBefore).not.toContain(p);
    }
  });

  it('may repeat them when the rule allows it', () => {
    const rule = samplingRuleSchema.parse({ placesPerGroup: 4, period: 'year', noRepeatAcrossRounds: false });
    const d = drawPlaces(input({ rule, visitedBefore: COUNTIES }));
    expect(d.excluded).toEqual([]);
    expect(placesOf(d).sort()).toEqual([...COUNTIES].sort());
  });

  it('refuses a rule that needs more places than remain, saying how many', () => {
    expect(() => drawPlaces(input({ groups: ['G1', 'G2', 'G3', 'G4', 'G5'] }))).toThrow(
      new TooFewCandidatesError('5 group(s) × 2 place(s) need 10 places; only 8 candidate(s) remain'),
    );
    expect(() => drawPlaces(input({ visitedBefore: COUNTIES.slice(0, 5) }))).toThrow(
      new TooFewCandidatesError(
        '2 group(s) × 2 place(s) need 4 places; only 3 candidate(s) remain (5 more were visited by earlier rounds)',
      ),
    );
  });

  it('draws from SHA-256 of "seed:counter", so the stream can be checked with any SHA-256 tool', () => {
    const first = createHash('sha256').update('AF:0').digest().readUInt32BE(0);
    expect(seededInts('AF')(2 ** 32)).toBe(first);
  });

  it('draws every value of a small range, and only those', () => {
    const next = seededInts('range');
    const seen = new Set(Array.from({ length: 200 }, () => next(5)));
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('the sampling rule', () => {
  it.each<[string, unknown, string]>([
    ['placesPerGroup of 0', { placesPerGroup: 0, period: 'month' }, 'placesPerGroup'],
    ['placesPerGroup not whole', { placesPerGroup: 1.5, period: 'month' }, 'placesPerGroup'],
    ['an unknown period', { placesPerGroup: 1, period: 'week' }, 'period'],
    [
      'a negative household count',
      { placesPerGroup: 1, period: 'month', householdsPerPlace: { 边缘户: -1 } },
      'householdsPerPlace.边缘户',
    ],
    ['an unknown field', { placesPerGroup: 1, period: 'month', places: 3 }, ''],
  ])('refuses %s, naming the field', (_label, rule, path) => {
    const r = samplingRuleSchema.safeParse(rule);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].path.join('.')).toBe(path);
  });

  it('forbids repeats unless told otherwise', () => {
    expect(samplingRuleSchema.parse({ placesPerGroup: 1, period: 'month' })).toEqual({
      placesPerGroup: 1,
      householdsPerPlace: {},
      period: 'month',
      noRepeatAcrossRounds: true,
    });
  });

  const KEYS: Record<SamplingPeriod, string> = { month: '2019-05', quarter: '2019-Q2', year: '2019' };
  it.each(SAMPLING_PERIODS)('keys a %s period', (period) => {
    expect(periodKey('2019-05-20', period)).toBe(KEYS[period]);
  });
});

describe('notice kinds', () => {
  const NAMES: Record<NoticeKind, string> = { task_notice: '整改任务通知书', supervision_letter: '督办函' };
  const CODES: Record<NoticeKind, string> = { task_notice: 'F03-TN', supervision_letter: 'F03-SL' };
  it.each(NOTICE_KINDS)('%s has its Chinese name and its own measure code', (kind) => {
    expect(NOTICE_KIND_NAMES[kind]).toBe(NAMES[kind]);
    expect(noticeMeasureCode('F03', kind)).toBe(CODES[kind]);
  });
});

describe('round figures', () => {
  const NOW = new Date('2019-06-01T00:00:00Z');
  const PAST = new Date('2019-05-31T00:00:00Z');
  const FUTURE = new Date('2019-06-30T00:00:00Z');
  // Where a notice's measure stands, by its status, before and after its deadline.
  const STATE: Record<MeasureStatus, [NoticeState, NoticeState]> = {
    assigned: ['in_progress', 'overdue'],
    in_progress: ['in_progress', 'overdue'],
    completion_claimed: ['in_progress', 'overdue'],
    verified: ['rectified', 'rectified'],
    closed: ['rectified', 'rectified'],
    withdrawn: ['withdrawn', 'withdrawn'],
  };
  it.each(MEASURE_STATUSES)('counts a %s measure by the table', (status) => {
    expect(noticeState(status, FUTURE, NOW)).toBe(STATE[status][0]);
    expect(noticeState(status, PAST, NOW)).toBe(STATE[status][1]);
  });

  it('has a figure for every state', () => {
    const seen = new Set(Object.values(STATE).flat());
    expect([...seen].sort()).toEqual([...NOTICE_STATES].sort());
  });

  it('counts findings, notices by kind, and their measures by state', () => {
    const figures = roundFigures(
      [
        { noticeKind: null, measure: null },
        { noticeKind: 'task_notice', measure: { status: 'verified', dueAt: PAST } },
        { noticeKind: 'task_notice', measure: { status: 'assigned', dueAt: PAST } },
        { noticeKind: 'supervision_letter', measure: { status: 'in_progress', dueAt: FUTURE } },
        // Issued, not yet in the read model: counted as issued only.
        { noticeKind: 'supervision_letter', measure: null },
      ],
      NOW,
    );
    expect(figures).toEqual({
      findings: 5,
      noticesIssued: 4,
      byKind: { task_notice: 2, supervision_letter: 2 },
      rectified: 1,
      inProgress: 1,
      overdue: 1,
      withdrawn: 0,
    });
  });
});

describe('the figures a bulletin gives as of a day', () => {
  it('counts rounds begun, findings made and notices issued by the end of that day', () => {
    const rounds = [{ startsOn: '2019-03-01' }, { startsOn: '2019-04-10' }, { startsOn: '2019-04-20' }];
    const findings = [
      { foundOn: '2019-03-02', noticeKind: 'task_notice' as const, issuedOn: '2019-03-03' },
      { foundOn: '2019-04-11', noticeKind: 'task_notice' as const, issuedOn: '2019-04-16' },
      { foundOn: '2019-04-12', noticeKind: 'supervision_letter' as const, issuedOn: '2019-04-15' },
      { foundOn: '2019-04-13', noticeKind: null, issuedOn: null },
      { foundOn: '2019-04-21', noticeKind: null, issuedOn: null },
    ];
    expect(spotFiguresAsOf(rounds, findings, '2019-04-15')).toEqual({
      rounds: 2,
      findings: 4,
      notices: { task_notice: 1, supervision_letter: 1 },
    });
  });
});

describe("the round's own plan", () => {
  const ROUND: RoundPlanFacts = {
    code: 'AF-2019-1',
    title: '2019年第一轮脱贫攻坚暗访督查',
    organiser: '省脱贫攻坚领导小组办公室',
    inspectedOrganisation: '有关市州、县区',
    startsOn: '2019-05-06',
    endsOn: '2019-05-17',
    timeZone: 'Asia/Shanghai',
    escalationPolicy: null,
    units: [
      { code: 'LINXIA', name: '临夏州', level: 'city' },
      { code: 'DONGXIANG', name: '东乡县', level: 'county', parent: 'LINXIA' },
    ],
    groups: [
      { code: 'G1', name: '第一暗访组' },
      { code: 'G2', name: '第二暗访组' },
    ],
  };
  const notice = (findingCode: string, kind: NoticeKind, groupCode = 'G1') => ({
    findingCode,
    groupCode,
    description: '危房改造户仍居住在危房中',
    kind,
    number: '甘脱贫督〔2019〕1号',
    title: null,
    leadUnit: 'DONGXIANG',
    leadLeader: '东乡县县长',
    due: '2019-05-20T18:00:00+08:00',
  });

  it.each(NOTICE_KINDS)('is a valid plan with the %s as a measure of its finding', (kind) => {
    const doc = roundPlanWithNotice(ROUND, null, notice('F01', kind));
    const r = validatePlanDefinition(doc);
    expect(r.ok).toBe(true);
    expect(doc.plan).toMatchObject({ code: 'AF-2019-1' });
    expect(doc.inspection).toMatchObject({
      inspectingBody: '省脱贫攻坚领导小组办公室',
      onSiteFrom: '2019-05-06',
    });
    const [category] = doc.categories;
    expect(category).toMatchObject({ code: 'SPOT', title: '暗访督查发现问题' });
    expect(category.aspects[0]).toMatchObject({ code: 'G1', title: '第一暗访组' });
    expect(category.aspects[0].problems[0]).toMatchObject({
      code: 'F01',
      track: 'immediate',
      measures: [
        {
          code: noticeMeasureCode('F01', kind),
          leadUnit: 'DONGXIANG',
          due: '2019-05-20T18:00:00+08:00',
          requirements: `${NOTICE_KIND_NAMES[kind]} 甘脱贫督〔2019〕1号`,
        },
      ],
    });
  });

  it('adds later notices beside earlier ones, under their group', () => {
    const one = roundPlanWithNotice(ROUND, null, notice('F01', 'task_notice'));
    const two = roundPlanWithNotice(ROUND, one, notice('F02', 'supervision_letter', 'G2'));
    const three = roundPlanWithNotice(ROUND, two, notice('F03', 'task_notice'));
    expect(validatePlanDefinition(three).ok).toBe(true);
    expect(three.categories[0].aspects.map((a) => [a.code, a.problems.map((p) => p.code)])).toEqual([
      ['G1', ['F01', 'F03']],
      ['G2', ['F02']],
    ]);
    // The earlier documents are left as they were.
    expect(one.categories[0].aspects[0].problems).toHaveLength(1);
  });

  it('replaces the measure of a finding issued again, rather than adding a second', () => {
    const one = roundPlanWithNotice(ROUND, null, notice('F01', 'task_notice'));
    const again = roundPlanWithNotice(ROUND, one, { ...notice('F01', 'task_notice'), due: '2019-05-21' });
    expect(again.categories[0].aspects[0].problems).toHaveLength(1);
    expect(again.categories[0].aspects[0].problems[0]).toMatchObject({ measures: [{ due: '2019-05-21' }] });
  });
});
