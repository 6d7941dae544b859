import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DraftUnits } from './draft-units';
import {
  leaderByUnit,
  readMeasureFields,
  type FieldContext,
  type FieldReading,
  type MeasureFields,
  type TextSpan,
} from './measure-fields.reader';
import type { KnownUnit } from './plan-draft';

// The small plan document, one span per line, offsets exact in its text (lines joined by '\n').
const DOCUMENT = readFileSync(join(__dirname, '../../../../test/fixtures/documents/small-plan.txt'), 'utf8');
const LINES: readonly TextSpan[] = (() => {
  let start = 0;
  return DOCUMENT.split('\n').map((text, paragraph) => {
    const span = { paragraph, start, text };
    start += text.length + 1;
    return span;
  });
})();

// `count` lines from the one that starts with `first`.
function lines(first: string, count: number): TextSpan[] {
  const at = LINES.findIndex((l) => l.text.startsWith(first));
  expect(at).toBeGreaterThanOrEqual(0);
  return LINES.slice(at, at + count);
}

// The part of one line that starts with `words` and ends before `until` (else at the line's end).
function part(words: string, until?: string): TextSpan {
  const line = LINES.find((l) => l.text.includes(words)) as TextSpan;
  const at = line.text.indexOf(words);
  const end = until ? line.text.indexOf(until, at) : line.text.length;
  return { paragraph: line.paragraph, start: line.start + at, text: line.text.slice(at, end) };
}

const LINHE: readonly KnownUnit[] = [
  { code: 'LH-PARTY', name: '中共临河县委', level: 'county' },
  { code: 'LH-FINANCE', name: '临河县财政局', level: 'county' },
  { code: 'LH-AGRI', name: '临河县农业农村局', level: 'county' },
  { code: 'LH-PROPAGANDA', name: '中共临河县委宣传部', level: 'county' },
  { code: 'LH-HOUSING', name: '临河县住房和城乡建设局', level: 'county' },
  { code: 'LH-TOWNSHIPS', name: '各乡镇', level: 'township' },
];

function context(inherited?: Partial<MeasureFields>, known = LINHE): FieldContext {
  return {
    units: new DraftUnits(known),
    deadline: { baseYear: 2026, feedbackDate: '2026-05-20' },
    ...(inherited ? { inherited } : {}),
  };
}

// A reading as a row: value, confidence, rule, and the words it was read from in the document.
function row<T>(r: FieldReading<T> | undefined): [T, string, string, string] | undefined {
  return r && [r.value, r.confidence, r.rule, DOCUMENT.slice(r.start, r.end)];
}

describe('the fields of one measure, labelled (the small plan)', () => {
  it('reads every labelled field of a measure, each placed where it is written', () => {
    const f = readMeasureFields(lines('（1）全面清理2025年', 5), context());
    expect(row(f.leadLeader)).toEqual(['王建国', 'high', 'label:牵头领导', '王建国']);
    // 县财政局 is the office's 临河县财政局 by its short form: medium.
    expect(row(f.leadUnit)).toEqual(['LH-FINANCE', 'medium', 'label:责任单位', '县财政局']);
    expect(f.leadUnit?.note).toContain('short form');
    expect(f.coUnits.map(row)).toEqual([
      ['LH-AGRI', 'medium', 'label:配合单位', '县农业农村局'],
      ['LH-TOWNSHIPS', 'high', 'label:配合单位', '各乡镇'],
    ]);
    expect(row(f.due)).toEqual(['2026-07-31', 'high', 'label:完成时限', '2026年7月底前']);
    expect([f.dueWords, f.goal, f.track, f.indicators]).toEqual([undefined, undefined, undefined, []]);
  });

  it('reads a figure of the step as an indicator target, and a date label to the day', () => {
    const f = readMeasureFields(lines('（2）对滞后项目', 5), context());
    expect(row(f.due)).toEqual(['2026-12-31', 'high', 'label:完成时限', '2026年12月31日']);
    expect(f.indicators.map((i) => [...(row(i) ?? [])])).toEqual([
      [{ name: '拨付资金', unit: '万元', target: 1200 }, 'low', 'figure:goal', '1200万元'],
    ]);
  });

  it('reads a problem labelled once: new units proposed, both time words, the track phrases in order', () => {
    const f = readMeasureFields(lines('整改措施：一是立行立改', 5), context());
    expect(row(f.leadLeader)).toEqual(['李红梅', 'high', 'label:牵头领导', '李红梅']);
    expect(row(f.leadUnit)).toEqual(['NEW-01', 'medium', 'label:责任单位', '县水利局']);
    expect(f.leadUnit?.note).toBe('"县水利局" matches no known unit: proposed as NEW-01');
    expect(f.coUnits.map(row)).toEqual([
      ['NEW-02', 'medium', 'label:配合单位', '县卫生健康局'],
      ['LH-TOWNSHIPS', 'high', 'label:配合单位', '各乡镇'],
    ]);
    // 立行立改，长期坚持: both said; the plan format keeps 长期坚持 (see readDueWords).
    expect(row(f.dueWords)).toEqual(['no_date', 'medium', 'label:完成时限', '立行立改，长期坚持']);
    expect(f.dueWords?.note).toContain('立行立改');
    expect(f.due).toBeUndefined();
    expect(row(f.track)).toEqual(['immediate', 'low', 'track-phrase', '立行立改']);
    expect(f.track?.note).toBe('"立行立改" comes first; the text also says 建立长效机制、长期坚持');
    expect(f.indicators.map(row)).toEqual([
      [{ name: '季节性缺水问题解决', unit: '户', target: 3500 }, 'low', 'figure:goal', '0.35万户'],
    ]);
  });

  it('gives a measure the fields its problem labelled, and keeps what the measure says itself', () => {
    const problem = readMeasureFields(lines('牵头领导：李红梅', 4), context());
    const f = readMeasureFields([part('二是实施供水管网延伸工程', '三是')], context(problem));
    expect([f.leadLeader, f.leadUnit, f.coUnits, f.dueWords]).toEqual([
      problem.leadLeader,
      problem.leadUnit,
      problem.coUnits,
      problem.dueWords,
    ]);
    expect(f.indicators).toHaveLength(1);
    const first = readMeasureFields([part('一是立行立改', '二是')], context(problem));
    expect(row(first.track)).toEqual(['immediate', 'medium', 'track-phrase', '立行立改']);
  });

  it('reads 即知即改 as the immediate track and a party organ by its short form', () => {
    const f = readMeasureFields(lines('（1）开展意识形态阵地排查', 4), context());
    expect(row(f.track)).toEqual(['immediate', 'medium', 'track-phrase', '即知即改']);
    expect(row(f.leadUnit)).toEqual(['LH-PROPAGANDA', 'medium', 'label:责任单位', '县委宣传部']);
    expect(row(f.due)).toEqual(['2026-06-30', 'high', 'label:完成时限', '2026年6月30日前']);
  });

  it('reads a deadline stated in the step, not the year its scope starts from', () => {
    const f = readMeasureFields([part('（1）对2024年以来的问题线索')], context());
    expect(row(f.due)).toEqual(['2026-09-30', 'medium', 'stated-deadline', '9月底前']);
    // Nothing named and no office unit whose remit it is: left to the structure reader.
    expect([f.leadUnit, f.leadLeader, f.coUnits]).toEqual([undefined, undefined, []]);
  });

  it('reads 长期坚持 in a step as the long-term track, and sets no date from it', () => {
    const f = readMeasureFields([part('（2）建立问题线索处置季度分析制度')], context());
    expect(row(f.track)).toEqual(['long_term', 'medium', 'track-phrase', '长期坚持']);
    expect([f.due, f.dueWords]).toEqual([undefined, undefined]);
  });

  it('reads a goal labelled 整改目标', () => {
    const f = readMeasureFields(lines('整改目标：2026年底前', 1), context());
    expect(row(f.goal)).toEqual([
      '2026年底前全部资金拨付到位',
      'high',
      'label:整改目标',
      '2026年底前全部资金拨付到位',
    ]);
  });
});

describe('the fields of one measure, written without labels or with odd ones', () => {
  const at = (text: string): TextSpan[] => [{ paragraph: 0, start: 0, text }];
  const fieldsOf = (text: string, inherited?: Partial<MeasureFields>) =>
    readMeasureFields(at(text), context(inherited));
  const rowIn = <T>(text: string, r: FieldReading<T> | undefined) =>
    r && [r.value, r.confidence, r.rule, text.slice(r.start, r.end)];

  it.each<[string, string, unknown]>([
    ['a date', '完成时限：2026年9月30日', ['2026-09-30', 'high', 'label:完成时限']],
    [
      'a date and more words',
      '整改时限：2026年7月底前完成首批清理',
      ['2026-07-31', 'medium', 'label:整改时限'],
    ],
    ['立即', '整改时限：立即', ['immediate', 'high', 'label:整改时限']],
    ['立行立改', '完成时间：立行立改', ['immediate', 'high', 'label:完成时间']],
    ['长期坚持', '完成时限：长期坚持', ['no_date', 'high', 'label:完成时限']],
  ])('a time-limit label with %s', (_why, text, expected) => {
    const f = fieldsOf(text);
    const r = f.due ?? f.dueWords;
    expect(rowIn(text, r)?.slice(0, 3)).toEqual(expected);
  });

  it.each<[string, string, string | undefined]>([
    ['年底前', '建立健全管护制度，年底前全面完成。', '2026-12-31'],
    ['the latest of several', '9月底前完成排查，11月底前完成整改。', '2026-11-30'],
    ['a date of something done', '3月27日，下发了工作要点，明确年度任务。', undefined],
    ['截至 … 已', '截至3月底，已完成排查。', undefined],
    ['a date before the feedback', '对2026年3月1日之前的项目逐一复核。', undefined],
    ['a year set for a goal (low)', '2027年全县会议数量减少30%以上。', '2027-12-31'],
    ['a year in a title', '印发《2026年工作要点》。', undefined],
  ])('a deadline in free text: %s', (_why, text, due) => {
    expect(fieldsOf(text).due?.value).toBe(due);
  });

  it("prefers a problem's labelled time limit to a year the measure dates its goal with", () => {
    const problem = fieldsOf('完成时限：2026年10月底前');
    expect(fieldsOf('2027年全县会议数量减少30%以上。', problem).due).toBe(problem.due);
    expect(fieldsOf('9月底前全部办结。', problem).due?.value).toBe('2026-09-30');
  });

  it('reads a year set for a goal as low, with a note', () => {
    const f = fieldsOf('2027年全县会议数量减少30%以上。');
    expect(rowIn('2027年全县会议数量减少30%以上。', f.due)).toEqual([
      '2027-12-31',
      'low',
      'year-target',
      '2027年',
    ]);
  });

  it('reads the unit marked （牵头） as the lead, the annotations left out of the names', () => {
    const text = '责任单位：县财政局（配合）、县委宣传部（牵头）、（牵头）';
    const f = fieldsOf(text);
    expect(rowIn(text, f.leadUnit)).toEqual(['LH-PROPAGANDA', 'medium', 'label:责任单位', '县委宣传部']);
    expect(f.coUnits.map((c) => rowIn(text, c))).toEqual([
      ['LH-FINANCE', 'medium', 'label:责任单位', '县财政局'],
    ]);
  });

  it('reads units named as acting: the first leads, the others and the levels assist (all low)', () => {
    const text = '由县财政局牵头，县水利局、各乡镇配合，9月底前完成。';
    const f = fieldsOf(text);
    expect(rowIn(text, f.leadUnit)).toEqual(['LH-FINANCE', 'low', 'mention', '县财政局']);
    expect(f.coUnits.map((c) => rowIn(text, c))).toEqual([
      ['NEW-01', 'low', 'mention', '县水利局'],
      ['LH-TOWNSHIPS', 'low', 'mention:level', '各乡镇'],
    ]);
    expect(rowIn(text, f.leadLeader)).toEqual(['分管副县长', 'low', 'default:leader-by-unit', '县财政局']);
    expect(f.leadLeader?.note).toContain('no 牵头领导');
  });

  it.each<[string, string, string | undefined, string[]]>([
    [
      'a unit named in the finding a step answers',
      '针对巡视指出的县农业农村局项目滞后问题，县委派出督导组督促整改。',
      'LH-PARTY',
      ['LH-AGRI'],
    ],
    ['a place where, not who', '在县财政局开展试点。', undefined, ['LH-FINANCE']],
    ['a unit in the title of a document', '印发《县财政局工作规则》，规范会议程序。', undefined, []],
  ])('does not lead by %s', (_why, text, lead, co) => {
    const f = fieldsOf(text);
    expect(f.leadUnit?.value).toBe(lead);
    expect(f.coUnits.map((c) => c.value)).toEqual(co);
    if (co.length > 0 && !lead) expect(f.coUnits[0].rule).toBe('mention:not-acting');
  });

  it('leads by remit when the step names no acting unit, only levels', () => {
    const text = '督促各乡镇加快推进农村危房改造。';
    const f = fieldsOf(text);
    expect(rowIn(text, f.leadUnit)).toEqual(['LH-HOUSING', 'low', 'remit', '危房']);
    expect(f.coUnits.map((c) => c.value)).toEqual(['LH-TOWNSHIPS']);
  });

  it('lets a problem labelled unit win over a unit the measure only mentions, and a mention over a guessed one', () => {
    const labelled = fieldsOf('责任单位：县委宣传部');
    expect(fieldsOf('县财政局做好保障。', labelled).leadUnit).toBe(labelled.leadUnit);
    const mentioned = fieldsOf('县农业农村局做好保障。');
    expect(fieldsOf('县财政局做好保障。', mentioned).leadUnit?.value).toBe('LH-FINANCE');
    expect(fieldsOf('开展一次检查。', mentioned).leadUnit).toBe(mentioned.leadUnit);
  });

  it("uses the problem's lead leader before the rule by unit, unless the problem's was read by that rule", () => {
    const problem = fieldsOf('牵头领导：王建国');
    expect(fieldsOf('由县财政局牵头。', problem).leadLeader).toBe(problem.leadLeader);
    const byRule = fieldsOf('县委统筹推进。');
    expect(byRule.leadLeader?.value).toBe('县委书记');
    expect(fieldsOf('由县财政局牵头。', byRule).leadLeader?.value).toBe('分管副县长');
    expect(fieldsOf('开展一次检查。', byRule).leadLeader).toEqual(byRule.leadLeader);
  });

  it.each<[string, string]>([
    ['立行立改，逐户核查。', 'immediate'],
    ['即知即改。', 'immediate'],
    ['建立长效机制。', 'mechanism'],
    ['健全农村供水工程运行管护长效机制。', 'mechanism'],
    ['长期坚持。', 'long_term'],
    ['持续用力、久久为功。', 'long_term'],
  ])('the track phrase in "%s" → %s', (text, track) => {
    expect(fieldsOf(text).track).toMatchObject({ value: track, confidence: 'medium', rule: 'track-phrase' });
  });
});

describe('confidences', () => {
  // Every reading of a measure, whatever the field.
  const readings = (f: MeasureFields): FieldReading<unknown>[] => {
    const all: (FieldReading<unknown> | undefined)[] = [
      f.leadLeader,
      f.leadUnit,
      ...f.coUnits,
      f.due,
      f.dueWords,
      f.goal,
      ...f.indicators,
      f.track,
    ];
    return all.filter((r): r is FieldReading<unknown> => r !== undefined);
  };

  it('produces high, medium and low on the small plan; never missing, which is for placeholders', () => {
    const units = new DraftUnits(LINHE);
    const deadline = { baseYear: 2026, feedbackDate: '2026-05-20' };
    const all = LINES.map((l) => readMeasureFields([l], { units, deadline })).flatMap(readings);
    expect([...new Set(all.map((r) => r.confidence))].sort()).toEqual(['high', 'low', 'medium']);
    for (const r of all) {
      expect(r.end).toBeGreaterThanOrEqual(r.start);
      expect(DOCUMENT.slice(r.start, r.end).length).toBe(r.end - r.start);
    }
  });
});

describe('the lead leader by the lead unit (the demo rule)', () => {
  it.each<[string, string | undefined]>([
    ['中共甘肃省委', '省委书记'],
    ['县委', '县委书记'],
    ['甘南州委', '州委书记'],
    ['省纪委监委', '分管省委常委'],
    ['省委组织部', '分管省委常委'],
    ['中共临河县委宣传部', '分管县委常委'],
    ['中共临河县纪律检查委员会', '分管县委常委'],
    ['甘肃省人民政府', '分管副省长'],
    ['省脱贫攻坚领导小组', '分管副省长'],
    ['省发展改革委', '分管副省长'],
    ['定西市', '分管副市长'],
    ['临河县财政局', '分管副县长'],
    ['各乡镇', undefined],
    ['兰州大学', undefined],
    ['承贷银行及相关金融机构', undefined],
  ])('%s → %s', (unit, leader) => {
    expect(leaderByUnit(unit)).toBe(leader);
  });
});

// The seed: the demo plan's 90 measures, read from their method text alone (no labels) with the
// demo's units as the office's, compared with the fields the demo was given by hand.
const FOUND_FLOOR = 13;

describe('agreement with the demo plan (plans/demo/gansu-2019.plan.json)', () => {
  interface DemoMeasure {
    code: string;
    method: string;
    leadUnit: string;
    leadLeader: string;
    due: string;
    indicators: { unit: string; target: number }[];
  }
  const demo = JSON.parse(
    readFileSync(join(__dirname, '../../../../plans/demo/gansu-2019.plan.json'), 'utf8'),
  );
  const measures: DemoMeasure[] = demo.categories.flatMap(
    (c: { aspects: { problems: { measures: DemoMeasure[] }[] }[] }) =>
      c.aspects.flatMap((a) => a.problems.flatMap((p) => p.measures)),
  );

  it('reads the lead unit, leader and stated deadline of most measures as the demo has them', () => {
    const units = new DraftUnits(demo.units);
    const read = measures.map((m) => ({
      m,
      f: readMeasureFields([{ paragraph: 0, start: 0, text: m.method }], {
        units,
        deadline: { baseYear: 2019, feedbackDate: '2019-01-18' },
      }),
    }));
    const lead = read.filter(({ m, f }) => f.leadUnit?.value === m.leadUnit).length;
    const leader = read.filter(({ m, f }) => f.leadLeader?.value === m.leadLeader).length;
    const dated = read.filter(({ f }) => f.due);
    const due = dated.filter(({ m, f }) => f.due?.value === m.due).length;
    // Indicators: the demo's targets (unit and number) found among the figures read from the same measure.
    const demoTargets = read.flatMap(({ m, f }) =>
      m.indicators.map((i) =>
        f.indicators.some((r) => r.value.unit === i.unit && r.value.target === i.target),
      ),
    );
    const found = demoTargets.filter(Boolean).length;
    const figures = read.flatMap(({ f }) => f.indicators);
    const extra = read.flatMap(({ m, f }) =>
      f.indicators.filter(
        (r) => !m.indicators.some((i) => i.unit === r.value.unit && i.target === r.value.target),
      ),
    );
    console.log(
      [
        `demo agreement over ${measures.length} measures (method text only):`,
        `  lead unit equal to the demo's: ${lead}`,
        `  lead leader equal to the demo's: ${leader}`,
        `  due read from the text: ${dated.length}, of which equal to the demo's: ${due}`,
        `  (the other ${measures.length - dated.length} state no date: the structure reader applies the track default)`,
        `  indicators: ${found} of the demo's ${demoTargets.length} targets read; ${figures.length} figures read as goals, ${extra.length} of them not in the demo (${extra.filter((e) => e.confidence === 'low').length} low)`,
      ].join('\n'),
    );
    expect(measures).toHaveLength(90);
    expect(lead).toBeGreaterThanOrEqual(61);
    expect(leader).toBeGreaterThanOrEqual(66);
    expect(dated.length).toBeGreaterThanOrEqual(8);
    expect(due).toBeGreaterThanOrEqual(7);
    expect(units.proposed().length).toBeLessThanOrEqual(2);
    expect(found).toBeGreaterThanOrEqual(FOUND_FLOOR);
  });
});
