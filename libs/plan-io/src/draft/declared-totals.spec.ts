import { documentTextOf } from './document-text';
import { readDeclaredCounts } from './declared-totals';

const counts = (text: string) => {
  const doc = documentTextOf(text);
  const found = readDeclaredCounts(doc, () => true);
  return Object.fromEntries(
    Object.entries(found).map(([k, v]) => [k, [v.count, doc.text.slice(v.start, v.end)]]),
  );
};

describe('readDeclaredCounts', () => {
  it.each([
    [
      'the seed',
      '梳理为4大类10个方面30个问题,制定了148项有针对性、可操作的整改措施',
      { categories: [4, '4'], aspects: [10, '10'], problems: [30, '30'], measures: [148, '148'] },
    ],
    [
      'the small plan',
      '梳理为2大类3个方面5个问题，制定10项整改措施',
      { categories: [2, '2'], aspects: [3, '3'], problems: [5, '5'], measures: [10, '10'] },
    ],
    ['without categories', '共梳理出3个方面12个问题', { aspects: [3, '3'], problems: [12, '12'] }],
    ['measures counted after the words', '明确整改措施25条', { measures: [25, '25'] }],
    ['a lone count of problems is something else', '梳理成29个具体问题,发现问题107个', {}],
  ])('%s', (_case, text, expected) => expect(counts(text)).toEqual(expected));

  it('reads the first totals written, in paragraphs it may read', () => {
    const doc = documentTextOf('重复：梳理为1大类2个方面3个问题\n梳理为4大类10个方面30个问题');
    expect(readDeclaredCounts(doc, (i) => i === 1).problems!.count).toBe(30);
    expect(readDeclaredCounts(doc, () => true).problems!.count).toBe(3);
  });
});
