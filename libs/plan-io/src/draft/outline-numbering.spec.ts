import { enumeratorsIn, NUMBERING_STYLES, numberingOf, ordinalOf } from './outline-numbering';

describe('numberingOf: every numbering style', () => {
  it.each([
    ['一、提高政治站位', 'chinese-comma', 1, '一、'],
    ['十二、其他', 'chinese-comma', 12, '十二、'],
    ['（一）统一思想认识', 'chinese-paren', 1, '（一）'],
    ['(三)深刻反思剖析', 'chinese-paren', 3, '(三)'],
    ['1.关于“…”的问题', 'arabic-dot', 1, '1.'],
    ['2、加强监督', 'arabic-dot', 2, '2、'],
    ['１．全角数字', 'arabic-dot', 1, '１．'],
    ['（1）全面清理', 'arabic-paren', 1, '（1）'],
    ['(12)建立台账', 'arabic-paren', 12, '(12)'],
    ['③建立长效机制', 'circled', 3, '③'],
    ['第二，强化督查', 'ordinal', 2, '第二，'],
    ['问题一：资金拨付滞后', 'problem', 1, '问题一：'],
    ['问题12“密集出台政策”整改情况', 'problem', 12, '问题12'],
    ['  （二）缩进的标题', 'chinese-paren', 2, '（二）'],
  ] as const)('%s', (text, style, ordinal, written) => {
    expect(numberingOf(text)).toMatchObject({ style, ordinal, written });
  });

  it('covers every style', () => {
    const seen = new Set(
      ['一、', '（一）', '1.', '（1）', '①', '第一，', '问题一：'].map((t) => numberingOf(`${t}x`)!.style),
    );
    expect([...seen].sort()).toEqual([...NUMBERING_STYLES].sort());
  });

  it.each([
    ['a figure', '2.65万户四类重点对象'],
    ['a date', '2019年1月18日,中央巡视组反馈'],
    ['a month', '3月7日,习近平总书记'],
    ['第一时间', '第一时间召开会议'],
    ['第一书记', '第一书记驻村'],
    ['plain text', '省委高度重视'],
    ['问题 in a sentence', '问题整改见底见效'],
  ])('is not numbering: %s', (_case, text) => expect(numberingOf(text)).toBeNull());

  it('gives the length the number takes, spaces after it included', () => {
    expect(numberingOf('  1. 标题')!.length).toBe(5);
  });
});

describe('ordinalOf', () => {
  it.each([
    ['一', 1],
    ['十', 10],
    ['十二', 12],
    ['二十', 20],
    ['二十三', 23],
    ['7', 7],
    ['１２', 12],
  ])('%s → %d', (written, n) => expect(ordinalOf(written)).toBe(n));
});

describe('enumeratorsIn', () => {
  it('finds 一是… at the start of a paragraph or a sentence only', () => {
    const found = enumeratorsIn('整改措施：一是立行立改。二是实施工程，统一是前提。三是建立机制。', 'shi');
    expect(found.map((e) => [e.written, e.ordinal])).toEqual([
      ['一是', 1],
      ['二是', 2],
      ['三是', 3],
    ]);
  });

  it('finds （1）（2） at the start of a paragraph or a sentence', () => {
    const found = enumeratorsIn('整改措施：（1）修订规则；（2）建立制度，见附件(3)。', 'paren');
    expect(found.map((e) => [e.written, e.ordinal])).toEqual([
      ['（1）', 1],
      ['（2）', 2],
    ]);
    const dots = enumeratorsIn('整改措施：1.开展排查，解决2.65万户；2、建立台账。', 'paren');
    expect(dots.map((e) => [e.written, e.ordinal])).toEqual([
      ['1.', 1],
      ['2、', 2],
    ]);
  });

  it('finds ①②', () => {
    expect(enumeratorsIn('①排查。②整改。', 'circled').map((e) => e.ordinal)).toEqual([1, 2]);
  });

  it('finds 一方面 and 另一方面, text after the comma', () => {
    const p = '一方面,督促整改。另一方面,全面摸底。';
    const found = enumeratorsIn(p, 'fangmian');
    expect(found.map((e) => e.ordinal)).toEqual([1, 2]);
    expect(p.slice(found[1].textAt)).toBe('全面摸底。');
  });
});
