import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validatePlanDefinition } from '../../../domain/src/plan-definition';
import { documentTextOf } from './document-text';
import type { DraftFieldSource, PlanDraft, PlanDraftOptions } from './plan-draft';
import { PLACEHOLDER_UNIT, readPlanDraft } from './plan-draft.reader';

const documents = join(__dirname, '../../../../test/fixtures/documents');
const small = readFileSync(join(documents, 'small-plan.txt'), 'utf8');

interface Measure {
  code: string;
  title: string;
  method?: string;
  requirements?: string;
  leadLeader: string;
  leadUnit: string;
  coUnits: string[];
  due: string;
  indicators: { name: string; unit: string; target: number }[];
}
interface Problem {
  code: string;
  title: string;
  track: string;
  rootCause?: string;
  measures: Measure[];
}
interface Plan {
  inspection: Record<string, string>;
  plan: Record<string, unknown>;
  units: { code: string; name: string; level: string }[];
  categories: {
    code: string;
    title: string;
    aspects?: { title: string; problems: Problem[] }[];
    problems?: Problem[];
  }[];
}

function drafted(text: string, options: PlanDraftOptions = {}): PlanDraft & { tree: Plan } {
  const reading = readPlanDraft(documentTextOf(text), options);
  if (!reading.ok) throw new Error(`${reading.code}: ${reading.message}`);
  return { ...reading.draft, tree: reading.draft.plan as unknown as Plan };
}
const problemsOf = (plan: Plan): Problem[] =>
  plan.categories.flatMap((c) => c.problems ?? c.aspects!.flatMap((a) => a.problems));
const unitName = (plan: Plan, code: string) => plan.units.find((u) => u.code === code)?.name;
const field = (draft: PlanDraft, path: string): DraftFieldSource => {
  const f = draft.fields.find((x) => x.path === path);
  if (!f) throw new Error(`no field source for ${path}`);
  return f;
};
const expectValid = (draft: PlanDraft) => {
  const v = validatePlanDefinition(draft.plan);
  expect(v.ok ? [] : v.problems).toEqual([]);
};

describe('readPlanDraft: the small plan', () => {
  const draft = drafted(small);
  const text = documentTextOf(small).text;
  const at = (f: DraftFieldSource) => text.slice(f.start!, f.end!);

  it('drafts exactly its tree: 2 categories, 3 aspects, 5 problems, 10 measures', () => {
    expect(draft.tree.categories.map((c) => c.title)).toEqual([
      '贯彻落实党中央决策部署不够到位',
      '全面从严治党主体责任落实有差距',
    ]);
    expect(draft.tree.categories.flatMap((c) => c.aspects!.map((a) => a.title))).toEqual([
      '乡村振兴政策落实不够精准',
      '意识形态工作责任制落实不到位',
      '监督执纪问责不够有力',
    ]);
    const problems = problemsOf(draft.tree);
    expect(problems.map((p) => p.title)).toEqual([
      '部分产业扶持资金拨付滞后，项目推进缓慢',
      '农村饮水安全问题排查不彻底，仍有0.35万户存在季节性缺水',
      '意识形态阵地管理存在薄弱环节',
      '对群众反映强烈的问题线索处置不及时',
      '“一把手”和领导班子监督制度执行不严',
    ]);
    expect(problems.map((p) => p.measures.length)).toEqual([2, 3, 1, 2, 2]);
    expect(problems.flatMap((p) => p.measures.map((m) => m.code))).toEqual([
      'P01-M1',
      'P01-M2',
      'P02-M1',
      'P02-M2',
      'P02-M3',
      'P03-M1',
      'P04-M1',
      'P04-M2',
      'P05-M1',
      'P05-M2',
    ]);
    expect(problems[1].measures.map((m) => m.title)).toEqual([
      '立行立改，对缺水农户逐户核查，建立清单',
      '实施供水管网延伸工程，解决0.35万户季节性缺水问题',
      '建立长效机制，健全农村供水工程运行管护制度',
    ]);
    expect(problems[0].measures[0].method).toBe('全面清理2025年以来产业扶持资金拨付情况，逐项建立台账。');
  });

  it('reads the labelled fields of each measure, and those written once for a problem for all its measures', () => {
    const [p1, p2, , p4] = problemsOf(draft.tree);
    expect(p1.measures[0]).toMatchObject({ leadLeader: '王建国', due: '2026-07-31' });
    // 整改目标 written once for 问题一: the requirements of both its measures.
    for (const m of p1.measures) expect(m.requirements).toBe('2026年底前全部资金拨付到位');
    expect(unitName(draft.tree, p1.measures[0].leadUnit)).toBe('县财政局');
    expect(p1.measures[0].coUnits.map((c) => unitName(draft.tree, c))).toEqual(['县农业农村局', '各乡镇']);
    expect(p1.measures[1].indicators).toEqual([
      { code: 'P01-M2-I1', name: expect.any(String), unit: '万元', target: 1200 },
    ]);
    // 问题二: one set of labels after the 一是…三是 paragraph.
    for (const m of p2.measures) {
      expect(unitName(draft.tree, m.leadUnit)).toBe('县水利局');
      expect(m.leadLeader).toBe('李红梅');
    }
    // 问题四: labels after the last of two numbered steps belong to both.
    for (const m of p4.measures) {
      expect(m.leadLeader).toBe('孙立新');
      expect(unitName(draft.tree, m.leadUnit)).toBe('县纪委监委');
    }
    const leader = field(draft, 'categories[0].aspects[0].problems[0].measures[0].leadLeader');
    expect(leader).toMatchObject({ confidence: 'high', rule: expect.stringContaining('牵头领导') });
    expect(at(leader)).toBe('王建国');
    expect(at(field(draft, 'categories[1].aspects[0].problems[0].measures[0].leadLeader'))).toBe('孙立新');
  });

  it('places titles exactly and names the numbering rule', () => {
    const t = field(draft, 'categories[0].aspects[0].title');
    expect(at(t)).toBe('乡村振兴政策落实不够精准');
    expect(t.rule).toBe('quoted:1.');
    const m = field(draft, 'categories[0].aspects[0].problems[1].measures[2].title');
    expect(at(m)).toBe('建立长效机制，健全农村供水工程运行管护制度');
    expect(m.rule).toBe('first-sentence:三是');
  });

  it('reads the inspection header, the title from the first line and the declared totals without a mismatch', () => {
    expect(draft.tree.inspection).toMatchObject({
      name: '市委第二巡察组对临河县委常规巡察',
      inspectingBody: '市委第二巡察组',
      inspectedOrganisation: '中共临河县委',
      onSiteFrom: '2026-03-02',
      onSiteTo: '2026-04-15',
      feedbackDate: '2026-05-20',
    });
    expect(draft.tree.plan.title).toBe('临河县委关于落实市委第二巡察组巡察反馈意见的整改方案');
    expect(field(draft, 'plan.title')).toMatchObject({ rule: 'first-line', confidence: 'low' });
    expect(draft.declared).toMatchObject({
      categories: { count: 2, drafted: 2 },
      aspects: { count: 3, drafted: 3 },
      problems: { count: 5, drafted: 5 },
      measures: { count: 10, drafted: 10 },
    });
    expect(draft.warnings).toEqual([]);
    expect(draft.tree.plan.declared).toEqual({ categories: 2, aspects: 3, problems: 5, measures: 10 });
  });

  it('gives problems the track their words say, and a low default where they say none', () => {
    expect(problemsOf(draft.tree).map((p) => p.track)).toEqual([
      'mechanism',
      'immediate',
      'immediate',
      'long_term',
      'mechanism',
    ]);
    expect(field(draft, 'categories[0].aspects[0].problems[0].track')).toMatchObject({
      rule: 'default:track',
      confidence: 'low',
    });
    expect(field(draft, 'categories[0].aspects[1].problems[0].track')).toMatchObject({
      rule: 'track-phrase',
    });
  });

  it('proposes the units it does not know, and uses the office’s where the names match', () => {
    expect(draft.proposedUnits).toHaveLength(draft.tree.units.length);
    const known = drafted(small, { units: [{ code: 'LH-FIN', name: '临河县财政局' }] });
    const m = problemsOf(known.tree)[0].measures[0];
    expect(m.leadUnit).toBe('LH-FIN');
    expect(known.proposedUnits).not.toContain('LH-FIN');
    expectValid(known);
  });

  it('is a valid plan document', () => expectValid(draft));

  it('takes the plan code and title the caller gives', () => {
    const given = drafted(small, { plan: { code: 'LH-2026', title: '临河县巡察整改方案' } });
    expect(given.tree.plan).toMatchObject({ code: 'LH-2026', title: '临河县巡察整改方案' });
    expect(given.tree.inspection.code).toBe('LH-2026-INSPECTION');
  });
});

describe('readPlanDraft: refusals', () => {
  it.each([
    ['empty text', '', 'DOCUMENT_EMPTY'],
    ['blank lines only', '\n \n\u3000\n', 'DOCUMENT_EMPTY'],
    [
      'prose without numbering',
      '我们认真学习了文件精神。\n下一步将继续努力，抓好落实。',
      'DOCUMENT_NO_STRUCTURE',
    ],
    [
      'only sections that hold no problems',
      '一、指导思想\n坚持以人民为中心。\n二、保障措施\n（一）加强组织领导。\n（二）强化督查督办。',
      'DOCUMENT_NO_STRUCTURE',
    ],
  ])('%s', (_case, text, code) => {
    const reading = readPlanDraft(documentTextOf(text));
    expect(reading).toMatchObject({ ok: false, code });
    if (!reading.ok && code === 'DOCUMENT_NO_STRUCTURE') expect(reading.message).toContain('问题一');
  });
});

describe('readPlanDraft: other layouts', () => {
  it('a feedback opinion that lists problems without measures: one placeholder measure each', () => {
    const draft = drafted(
      [
        '市委第一巡察组关于巡察某县的反馈意见',
        '一、存在的主要问题',
        '（一）贯彻落实党的路线方针政策不到位',
        '1.乡村振兴政策落实不够精准。',
        '2.产业扶持资金拨付滞后。',
        '（二）全面从严治党责任落实不到位',
        '1.监督执纪不够有力。',
        '二、整改要求',
        '（一）提高政治站位。',
      ].join('\n'),
    );
    expect(draft.tree.categories.map((c) => c.title)).toEqual([
      '贯彻落实党的路线方针政策不到位',
      '全面从严治党责任落实不到位',
    ]);
    const problems = problemsOf(draft.tree);
    expect(problems.map((p) => p.title)).toEqual([
      '乡村振兴政策落实不够精准',
      '产业扶持资金拨付滞后',
      '监督执纪不够有力',
    ]);
    for (const p of problems) {
      expect(p.measures).toHaveLength(1);
      expect(p.measures[0]).toMatchObject({ leadUnit: PLACEHOLDER_UNIT.code, leadLeader: '待确定' });
    }
    expect(field(draft, 'categories[0].problems[0].measures[0].title').confidence).toBe('missing');
    expect(field(draft, 'categories[0].problems[0].measures[0].leadUnit').confidence).toBe('missing');
    expect(field(draft, 'inspection.feedbackDate').confidence).toBe('missing');
    expectValid(draft);
  });

  it('headings 关于“…”的问题 are problems when no 问题N is numbered; ① and 一方面 are steps; an intro that analyses causes is the root cause', () => {
    const draft = drafted(
      [
        '一、整改任务',
        '（一）党的建设方面',
        '1.关于“基层党组织软弱涣散”的问题。',
        '问题的根源在于日常管理还不够严格。',
        '①开展软弱涣散村党组织排查。②选派第一书记驻村。③建立长效机制，健全考核制度。',
        '2.关于“干部作风不实”的问题。',
        '一方面，精简会议文件，10月底前完成。另一方面，建立督查检查计划管理制度。',
      ].join('\n'),
    );
    const [p1, p2] = problemsOf(draft.tree);
    expect(p1.title).toBe('基层党组织软弱涣散');
    expect(p1.rootCause).toBe('问题的根源在于日常管理还不够严格。');
    expect(p1.measures.map((m) => m.title)).toEqual([
      '开展软弱涣散村党组织排查',
      '选派第一书记驻村',
      '建立长效机制，健全考核制度',
    ]);
    expect(p2.measures.map((m) => m.title)).toEqual([
      '精简会议文件，10月底前完成',
      '建立督查检查计划管理制度',
    ]);
    expect(p2.measures[0].due).toMatch(/-10-31$/);
    expect(p2.rootCause).toBeUndefined();
    expectValid(draft);
  });

  it('a problem list numbered 1. with measures （1） under each, as paragraphs or inside one', () => {
    const draft = drafted(
      [
        '一、指导思想',
        '（一）坚持问题导向。',
        '二、存在的问题及整改措施',
        '（一）党的领导弱化',
        '1.理论学习不够深入。',
        '（1）制定年度学习计划。',
        '（2）开展专题研讨，6月底前完成。',
        '责任单位：县委办公室',
        '2.议事规则执行不严。',
        '整改措施：（1）修订议事规则；（2）建立会议纪要审核制度。',
        '（二）作风建设不够有力',
        '1.文山会海问题依然存在。',
        '（1）精简会议文件。',
      ].join('\n'),
    );
    expect(draft.tree.categories.map((c) => c.title)).toEqual(['党的领导弱化', '作风建设不够有力']);
    const problems = problemsOf(draft.tree);
    expect(problems.map((p) => p.title)).toEqual([
      '理论学习不够深入',
      '议事规则执行不严',
      '文山会海问题依然存在',
    ]);
    expect(problems.map((p) => p.measures.map((m) => m.title))).toEqual([
      ['制定年度学习计划', '开展专题研讨，6月底前完成'],
      ['修订议事规则', '建立会议纪要审核制度'],
      ['精简会议文件'],
    ]);
    expectValid(draft);
  });

  it('a body repeated with other indentation is read once', () => {
    const body = [
      '问题一：会议多，文件多，基层忙于迎评迎检，作风不实',
      `一是精简会议，压缩数量。${'全面清理各类会议，'.repeat(60)}`,
      '二是精简文件，控制篇幅。',
    ];
    const draft = drafted([...body, ...body.map((line) => `  ${line}`)].join('\n'));
    expect(problemsOf(draft.tree)).toHaveLength(1);
    expect(draft.warnings.map((w) => w.code)).toEqual(['REPEATED_BODY']);
  });

  it('stays a valid plan with a heading that is only a number and headings longer than the format takes', () => {
    const draft = drafted(
      [
        '（一）',
        `1.${'方面'.repeat(300)}`,
        `问题一：${'问'.repeat(2100)}`,
        `一是${'措施'.repeat(150)}。`,
      ].join('\n'),
    );
    const plan = draft.tree.categories[0];
    expect(plan.title).toBe('待确定');
    expect(field(draft, 'categories[0].title')).toMatchObject({ confidence: 'missing', rule: 'placeholder' });
    expect(plan.aspects![0].title).toHaveLength(500);
    expect(field(draft, 'categories[0].aspects[0].title').note).toBe('cut to the first 500 characters');
    expect(plan.aspects![0].problems[0].title).toHaveLength(2000);
    expect(plan.aspects![0].problems[0].measures[0].title).toHaveLength(200);
    expectValid(draft);
  });

  describe('one heading over all the problems', () => {
    const body = [
      '三、瞄准目标靶心，坚持动真碰硬',
      '（一）学习贯彻有差距',
      '问题1“学习不及时”整改情况：',
      '一是建立学习制度。',
      '（二）主体责任落实有差距',
      '问题2“压力传导不够”整改情况：',
      '一是签订责任书。',
      '问题3“考核不严”整改情况：',
      '一是完善考核办法。',
    ];
    it('is a section of the document: the headings under it are the categories', () => {
      const draft = drafted(body.join('\n'));
      expect(
        draft.tree.categories.map((c) => [c.title, problemsOf({ ...draft.tree, categories: [c] }).length]),
      ).toEqual([
        ['学习贯彻有差距', 1],
        ['主体责任落实有差距', 2],
      ]);
      expect(draft.tree.categories.every((c) => c.problems && !c.aspects)).toBe(true);
      expectValid(draft);
    });

    it('is the category when the document declares one', () => {
      const draft = drafted(['梳理为1大类2个方面3个问题。', ...body].join('\n'));
      expect(draft.tree.categories.map((c) => c.title)).toEqual(['瞄准目标靶心，坚持动真碰硬']);
      expect(draft.tree.categories[0].aspects!.map((a) => a.title)).toEqual([
        '学习贯彻有差距',
        '主体责任落实有差距',
      ]);
      expect(draft.warnings).toEqual([]);
      expectValid(draft);
    });
  });

  it('the same field lines under two measures are not a repeated body', () => {
    const fieldLines = [
      '牵头领导：孙立新（县委常委、县纪委书记、县监委主任）',
      '责任单位：县纪委监委',
      '完成时限：2026年9月底前',
    ];
    const draft = drafted(
      [
        '问题一：线索处置不及时',
        '（1）逐件起底。',
        ...fieldLines,
        '（2）建立季度分析制度。',
        ...fieldLines,
      ].join('\n'),
    );
    expect(draft.warnings).toEqual([]);
    expect(problemsOf(draft.tree)[0].measures.map((m) => m.due)).toEqual(['2026-09-30', '2026-09-30']);
  });

  it('an intro that only says who handles the problem is not its root cause', () => {
    const draft = drafted(
      ['问题一：资金监管不严', '省委高度重视，主要负责同志直接抓。', '一是完善制度。', '二是加强检查。'].join(
        '\n',
      ),
    );
    const [p] = problemsOf(draft.tree);
    expect(p.rootCause).toBeUndefined();
    expect(p.measures.map((m) => m.title)).toEqual(['完善制度', '加强检查']);
    expectValid(draft);
  });

  it('warns when the drafted tree does not reach the declared totals, naming what is missing', () => {
    const draft = drafted(
      [
        '梳理为1大类1个方面3个问题，制定5项整改措施。',
        '（一）作风建设',
        '问题一：会议多',
        '一是精简会议。',
      ].join('\n'),
    );
    // No level between the category and its problems: the declared aspect is missing too.
    expect(draft.warnings.map((w) => w.message)).toEqual([
      'the document declares 1 aspects; 0 were drafted: 1 are not itemised in it',
      'the document declares 3 problems; 1 were drafted: 2 are not itemised in it',
      'the document declares 5 measures; 1 were drafted: 4 are not itemised in it',
    ]);
    expect(draft.warnings.every((w) => w.code === 'DECLARED_MISMATCH')).toBe(true);
    expectValid(draft);
  });

  it('a declared total below what was drafted is a warning and is not kept as the plan’s declared figure', () => {
    const draft = drafted(
      [
        '梳理为1大类1个方面1个问题。',
        '（一）作风建设',
        '1.关于“会风不实”的方面',
        '问题一：会议多',
        '一是精简会议。',
        '问题二：文件多',
        '一是精简文件。',
      ].join('\n'),
    );
    expect(draft.declared.problems).toMatchObject({ count: 1, drafted: 2 });
    expect(draft.warnings).toEqual([
      expect.objectContaining({
        code: 'DECLARED_MISMATCH',
        message:
          'the document declares 1 problems; 2 were drafted: 1 more than it declares; check the outline',
      }),
    ]);
    expect(draft.tree.plan.declared).toEqual({ categories: 1, aspects: 1 });
    expectValid(draft);
  });
});

describe('readPlanDraft: whatever it drafts is a valid plan', () => {
  it('leaves contradicting or impossible header dates to the office, with a warning', () => {
    const draft = drafted(
      [
        '2026年5月2日至4月15日，市委第二巡察组对某县委开展了常规巡察。2026年2月30日，反馈了巡察意见。',
        '问题一：会议多',
        '一是精简会议。',
      ].join('\n'),
    );
    expect(draft.warnings.map((w) => w.code)).toEqual(['HEADER_DATES', 'HEADER_DATES']);
    expect(field(draft, 'inspection.onSiteFrom').confidence).toBe('missing');
    expect(field(draft, 'inspection.feedbackDate').confidence).toBe('missing');
    expectValid(draft);
  });

  // Documents cut and spliced from the seed and the small plan (a fixed pseudo-random sequence):
  // each is refused or drafts a plan that validates.
  it('on documents spliced from the fixtures', () => {
    const seedLines = readFileSync(join(documents, 'gansu-rectification-bulletin-2019.txt'), 'utf8').split(
      '\n',
    );
    const lines = [...seedLines.slice(0, 160), ...small.split('\n')];
    let state = 7;
    const next = () => (state = (state * 16807) % 2147483647) / 2147483647;
    const outcomes = { drafted: 0, refused: 0 };
    for (let n = 0; n < 150; n++) {
      const doc = Array.from({ length: 1 + Math.floor(next() * 30) }, () => {
        const line = lines[Math.floor(next() * lines.length)];
        return next() < 0.2 ? line.slice(0, Math.floor(next() * line.length)) : line;
      }).join('\n');
      const reading = readPlanDraft(documentTextOf(doc));
      if (!reading.ok) {
        expect(['DOCUMENT_EMPTY', 'DOCUMENT_NO_STRUCTURE']).toContain(reading.code);
        outcomes.refused++;
        continue;
      }
      const v = validatePlanDefinition(reading.draft.plan);
      expect(v.ok ? [] : v.problems).toEqual([]);
      outcomes.drafted++;
    }
    expect(outcomes.drafted).toBeGreaterThan(100);
  });
});
