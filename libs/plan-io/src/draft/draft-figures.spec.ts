import { readFigures } from './draft-figures';

// The figures read from one paragraph, each checked against the text at its offsets.
function figures(text: string) {
  const start = 20;
  return readFigures({ paragraph: 2, start, text }).map((f) => {
    expect(f.paragraph).toBe(2);
    expect(/^[\d０-９]/.test(text.slice(f.start - start, f.end - start))).toBe(true);
    return {
      written: text.slice(f.start - start, f.end - start),
      ...f,
      paragraph: undefined,
      start: undefined,
      end: undefined,
    };
  });
}

describe('figures stated as goals, read as indicator targets', () => {
  it.each<
    [string, string, { written: string; name: string; unit: string; target: number; confidence: string }[]]
  >([
    [
      'ten thousand households, from the small plan',
      '二是实施供水管网延伸工程，解决0.35万户季节性缺水问题。',
      [{ written: '0.35万户', name: '季节性缺水问题解决', unit: '户', target: 3500, confidence: 'low' }],
    ],
    [
      'a deadline makes it a commitment (the demo: P08-M4)',
      '9月底前完成剩余2.65万户四类重点对象存量危房改造。',
      [
        {
          written: '2.65万户',
          name: '四类重点对象存量危房改造完成',
          unit: '户',
          target: 26500,
          confidence: 'medium',
        },
      ],
    ],
    [
      '万元 stays a unit',
      '对滞后项目实行挂图作战，每月通报进展，确保完成拨付资金1200万元。',
      [{ written: '1200万元', name: '拨付资金', unit: '万元', target: 1200, confidence: 'medium' }],
    ],
    [
      '亿元 stays a unit (the demo: P28-M2)',
      '及时下达我省剩余55.84亿元地方政府债券资金。',
      [
        {
          written: '55.84亿元',
          name: '地方政府债券资金下达',
          unit: '亿元',
          target: 55.84,
          confidence: 'low',
        },
      ],
    ],
    [
      'a percentage with 以上, named by the words before the verb (the demo: P26-M3)',
      '2019年全省各级各部门会议数量减少30%以上。',
      [{ written: '30%', name: '各级各部门会议数量减少', unit: '%', target: 30, confidence: 'medium' }],
    ],
    [
      'full-width digits and percent sign',
      '力争贫困村集体经济覆盖率达到１00％',
      [{ written: '１00％', name: '贫困村集体经济覆盖率达到', unit: '%', target: 100, confidence: 'medium' }],
    ],
    [
      'two figures in a list, each named from its own words',
      '2019年全省计划实施集中供水工程790处、分散工程3012处。',
      [
        { written: '790处', name: '实施集中供水工程', unit: '处', target: 790, confidence: 'medium' },
        { written: '3012处', name: '实施分散工程', unit: '处', target: 3012, confidence: 'medium' },
      ],
    ],
    [
      'the object of an action after it (the demo: P08-M1, P24-M1)',
      '对75个贫困县开展第三方实地调查评估，选择6个贫困县区开展重点综合整治。',
      [
        { written: '75个', name: '贫困县开展第三方实地调查评估', unit: '个', target: 75, confidence: 'low' },
        { written: '6个', name: '贫困县区开展重点综合整治', unit: '个', target: 6, confidence: 'low' },
      ],
    ],
  ])('%s', (_why, text, expected) => {
    expect(figures(text)).toEqual(expected.map((e) => expect.objectContaining(e)));
  });

  it('says why a goal without a deadline or commitment is only low', () => {
    const [f] = figures('解决0.35万户季节性缺水问题');
    expect(f.note).toContain('解决');
    const [g] = figures('年底前解决0.35万户季节性缺水问题');
    expect(g.note).toBeUndefined();
  });

  it.each([
    ['已 before the figure', '截至目前已完成改造8738户。'],
    ['a sentence that opens with 截至', '截至3月底，全省举办合作社带头人培训班115期。'],
    ['a sentence that opens with 目前', '目前，全省集中供水率达到91%、自来水普及率达到88%。'],
    ['a dated report', '3月27日，下发了工作要点，培训干部300人。'],
    ['a verb with 了', '2018年改善了11.4万户。'],
    ['an action with 了', '对空缺的2个市州党政班子副职岗位及时进行了补充。'],
    ['a figure without a goal verb', '涉及65个县区，总投资预计25.5亿元。'],
    ['a year, a date, an ordinal', '2026年7月底前完成第3批。'],
  ])('reads no goal from %s', (_why, text) => {
    expect(figures(text)).toEqual([]);
  });
});
