import { aPlanDocument } from '../../../test/support/plan-fixtures';
import { validatePlanDefinition } from './plan-definition';
import {
  planSources,
  problemSourceCodes,
  sourceLabel,
  SOURCE_KIND_WORDING,
  SOURCE_KINDS,
  type SourceKind,
} from './plan-sources';

type Doc = ReturnType<typeof aPlanDocument> & Record<string, unknown>;

// Two problems under one aspect, so a problem can name one source and another two.
function aSourcedPlan(mutate: (d: Doc) => void = () => undefined) {
  const doc = aPlanDocument() as Doc;
  const aspect = doc.categories[0].aspects[0];
  aspect.problems.push({
    ...aspect.problems[0],
    code: 'P02',
    measures: [{ ...aspect.problems[0].measures[0], code: 'P02-M1' }],
  });
  doc.sources = [
    {
      code: 'XS',
      kind: 'inspection',
      body: '中央第一巡视组',
      from: '2018-10-17',
      to: '2018-11-30',
      feedbackDate: '2019-01-18',
    },
    {
      code: 'KH',
      kind: 'effectiveness_assessment',
      body: '国务院扶贫开发领导小组',
      feedbackDate: '2019-03-01',
    },
  ];
  (aspect.problems[0] as Record<string, unknown>).sources = ['XS'];
  (aspect.problems[1] as Record<string, unknown>).sources = ['XS', 'KH'];
  mutate(doc);
  return doc;
}

const problem = (d: Doc, i: number) => d.categories[0].aspects[0].problems[i] as Record<string, unknown>;

describe('plan sources (问题来源)', () => {
  // Every kind has its own wording; none but 巡视 says 开展巡视.
  it.each(SOURCE_KINDS.map((k) => [k]))('words a %s in its own terms', (kind: SourceKind) => {
    const w = SOURCE_KIND_WORDING[kind];
    expect(w.action).toBe(`开展${w.name}`);
    expect(w.action === '开展巡视').toBe(kind === 'inspection');
  });

  it.each([
    ['inspection', '开展巡视', '巡视意见', '巡视'],
    ['patrol', '开展巡察', '巡察意见', '巡察'],
    ['special_supervision', '开展专项督查', '督查意见', '督查'],
    ['effectiveness_assessment', '开展成效考核', '考核意见', '考核'],
    ['audit', '开展审计', '审计发现问题', '审计'],
    ['spot_check', '开展暗访', '暗访发现问题', '暗访'],
    ['other', '开展监督检查', '监督检查意见', '监督检查'],
  ] as const)(
    'a %s source reads 对…%s, 反馈了%s; its problems are %s反馈问题',
    (kind, action, findings, short) => {
      expect(SOURCE_KIND_WORDING[kind]).toEqual({ name: expect.any(String), action, findings, short });
    },
  );
  it('names a source by its name, or by its body and kind', () => {
    expect(sourceLabel({ name: null, body: '省委第三巡察组', kind: 'patrol' })).toBe('省委第三巡察组巡察');
    expect(
      sourceLabel({
        name: '2018年度成效考核',
        body: '国务院扶贫开发领导小组',
        kind: 'effectiveness_assessment',
      }),
    ).toBe('2018年度成效考核');
  });

  it('reads a plan without sources as having its inspection as the one implicit source', () => {
    const doc = aPlanDocument();
    const sources = planSources(doc);
    expect(sources).toEqual([
      {
        code: 'GS-2019-INSPECTION',
        kind: 'inspection',
        name: doc.inspection.name,
        body: '中央第一巡视组',
        inspectedOrganisation: '中共甘肃省委',
        from: '2018-10-17',
        to: '2018-11-30',
        feedbackDate: '2019-01-18',
        implicit: true,
      },
    ]);
    expect(problemSourceCodes(sources, {})).toEqual(['GS-2019-INSPECTION']);
  });

  it('accepts problems naming one or two declared sources', () => {
    const r = validatePlanDefinition(aSourcedPlan());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const sources = planSources(r.plan);
    expect(sources.map((s) => [s.code, s.kind, s.inspectedOrganisation])).toEqual([
      ['XS', 'inspection', '中共甘肃省委'],
      ['KH', 'effectiveness_assessment', '中共甘肃省委'],
    ]);
    expect(problemSourceCodes(sources, r.plan.categories[0].aspects[0].problems[1])).toEqual(['XS', 'KH']);
  });

  it.each<[string, (d: Doc) => void, { path: string; message: string }[]]>([
    [
      'an unknown source code',
      (d) => (problem(d, 1).sources = ['XS', 'SJ']),
      [
        {
          path: 'categories[0].aspects[0].problems[1].sources[1]',
          message: 'unknown source SJ: declare it under sources (known: XS, KH)',
        },
      ],
    ],
    [
      'a source named twice',
      (d) => (problem(d, 1).sources = ['KH', 'KH']),
      [{ path: 'categories[0].aspects[0].problems[1].sources[1]', message: 'source KH is named twice' }],
    ],
    [
      'a problem naming none of several sources',
      (d) => delete problem(d, 0).sources,
      [
        {
          path: 'categories[0].aspects[0].problems[0].sources',
          message: 'name the source(s) the problem comes from: one or more of XS, KH',
        },
      ],
    ],
    [
      'a duplicate source and dates out of order',
      (d) =>
        (d.sources = [
          {
            code: 'XS',
            kind: 'patrol',
            body: '省委第三巡察组',
            from: '2019-02-01',
            to: '2019-01-01',
            feedbackDate: '2018-12-01',
          },
          { code: 'XS', kind: 'audit', body: '审计署' },
        ]),
      [
        { path: 'sources[0].to', message: 'the source ends before it starts' },
        { path: 'sources[0].feedbackDate', message: 'feedback comes before the source started' },
        { path: 'sources[1].code', message: 'duplicate source code XS' },
        {
          path: 'categories[0].aspects[0].problems[1].sources[1]',
          message: 'unknown source KH: declare it under sources (known: XS, XS)',
        },
      ],
    ],
    [
      'a carry-over of its own plan',
      (d) => (problem(d, 0).carriesOver = { plan: 'GS-2019', problem: 'P02' }),
      [
        {
          path: 'categories[0].aspects[0].problems[0].carriesOver.plan',
          message: 'a problem carries over one of an earlier plan, not of its own',
        },
      ],
    ],
    [
      'a reopening of its own plan',
      (d) =>
        ((problem(d, 0).measures as Record<string, unknown>[])[0].reopens = {
          plan: 'GS-2019',
          measure: 'P02-M1',
        }),
      [
        {
          path: 'categories[0].aspects[0].problems[0].measures[0].reopens.plan',
          message: 'a measure reopens one of an earlier plan, not of its own',
        },
      ],
    ],
  ])('refuses %s, naming the path', (_, mutate, problems) => {
    expect(validatePlanDefinition(aSourcedPlan(mutate))).toEqual({ ok: false, problems });
  });

  it('refuses a source of an unknown kind', () => {
    const r = validatePlanDefinition(
      aSourcedPlan((d) => ((d.sources as { kind: string }[])[1].kind = '督查')),
    );
    expect(r.ok ? [] : r.problems.map((p) => p.path)).toEqual(['sources[1].kind']);
  });

  it('names the implicit source by the inspection code, so a problem may name it', () => {
    const doc = aPlanDocument() as Doc;
    problem(doc, 0).sources = ['GS-2019-INSPECTION'];
    expect(validatePlanDefinition(doc).ok).toBe(true);
  });
});
