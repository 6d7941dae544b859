import { wordParagraphs } from './word-numbering';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

const level = (ilvl: number, format: string, text: string, start = 1) =>
  `<w:lvl w:ilvl="${ilvl}"><w:start w:val="${start}"/><w:numFmt w:val="${format}"/><w:lvlText w:val="${text}"/></w:lvl>`;
const numbering = (abstracts: string[], nums: string) =>
  `<w:numbering ${W}>${abstracts.map((levels, i) => `<w:abstractNum w:abstractNumId="${i}">${levels}</w:abstractNum>`).join('')}${nums}</w:numbering>`;
const num = (id: number, abstractId: number, startOverride?: number) =>
  `<w:num w:numId="${id}"><w:abstractNumId w:val="${abstractId}"/>${
    startOverride !== undefined
      ? `<w:lvlOverride w:ilvl="0"><w:startOverride w:val="${startOverride}"/></w:lvlOverride>`
      : ''
  }</w:num>`;
const paragraph = (text: string, numId?: number, ilvl = 0, style?: string) =>
  `<w:p><w:pPr>${style ? `<w:pStyle w:val="${style}"/>` : ''}${
    numId !== undefined ? `<w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr>` : ''
  }</w:pPr><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
const document = (...paragraphs: string[]) =>
  `<w:document ${W}><w:body>${paragraphs.join('')}</w:body></w:document>`;
const labels = (doc: string, num: string, styles?: string) =>
  wordParagraphs(doc, num, styles).map((p) => `${p.label}${p.text}`);

describe('Word automatic numbering', () => {
  it('counts each level in its format, deeper levels starting again under a new number above', () => {
    const list = numbering(
      [
        level(0, 'chineseCounting', '%1、') +
          level(1, 'chineseCounting', '（%2）') +
          level(2, 'decimal', '%3.'),
      ],
      num(1, 0),
    );
    const doc = document(
      paragraph('目标', 1, 0),
      paragraph('问题', 1, 0),
      paragraph('方面', 1, 1),
      paragraph('关于', 1, 2),
      paragraph('关于', 1, 2),
      paragraph('方面', 1, 1),
      paragraph('关于', 1, 2),
      paragraph('不编号'),
      paragraph('保障', 1, 0),
      paragraph('领导', 1, 1),
    );
    expect(labels(doc, list)).toEqual([
      '一、目标',
      '二、问题',
      '（一）方面',
      '1.关于',
      '2.关于',
      '（二）方面',
      '1.关于',
      '不编号',
      '三、保障',
      '（一）领导',
    ]);
  });

  it.each([
    [
      'chineseCounting',
      [1, 9, 10, 11, 20, 21, 99, 100, 105, 110],
      '一 九 十 十一 二十 二十一 九十九 一百 一百零五 一百一十',
    ],
    ['chineseCountingThousand', [3, 12], '三 十二'],
    ['ideographTraditional', [1, 2, 10], '甲 乙 癸'],
    ['decimalEnclosedCircle', [1, 2, 20], '① ② ⑳'],
    ['decimalEnclosedCircleChinese', [3], '③'],
    ['decimalFullWidth', [1, 12], '１ １２'],
    ['decimalZero', [3, 12], '03 12'],
    ['decimal', [7, 12], '7 12'],
    ['lowerLetter', [1, 26, 27], 'a z aa'],
    ['upperLetter', [2], 'B'],
    ['lowerRoman', [4, 9], 'iv ix'],
    ['upperRoman', [14], 'XIV'],
  ])('writes %s as Word does', (format, counts, written) => {
    const doc = document(...counts.map((_, i) => paragraph(String(i), i + 1, 0)));
    const list = numbering([level(0, format, '%1')], counts.map((n, i) => num(i + 1, 0, n)).join(''));
    expect(
      wordParagraphs(doc, list)
        .map((p) => p.label)
        .join(' '),
    ).toBe(written);
  });

  it('gives bullets and unnumbered levels no label', () => {
    const list = numbering([level(0, 'bullet', '') + level(1, 'none', '')], num(1, 0));
    expect(labels(document(paragraph('要点', 1, 0), paragraph('说明', 1, 1)), list)).toEqual([
      '要点',
      '说明',
    ]);
  });

  it('numbers several levels in one label (%1.%2) and lists that start afresh (startOverride)', () => {
    const list = numbering(
      [level(0, 'decimal', '%1.') + level(1, 'decimal', '%1.%2')],
      num(1, 0) + num(2, 0, 1),
    );
    const doc = document(
      paragraph('a', 1, 0),
      paragraph('b', 1, 1),
      paragraph('c', 1, 1),
      paragraph('d', 2, 0),
    );
    expect(labels(doc, list)).toEqual(['1.a', '1.1b', '1.2c', '1.d']);
  });

  it('counts lists that continue one another (several numIds of one list) on', () => {
    const list = numbering([level(0, 'chineseCounting', '%1、')], num(1, 0) + num(2, 0));
    expect(labels(document(paragraph('a', 1), paragraph('b', 2)), list)).toEqual(['一、a', '二、b']);
  });

  it('numbers paragraphs whose style numbers them (标题 1 numbered 一、)', () => {
    const list = numbering([level(0, 'chineseCounting', '%1、')], num(5, 0));
    const styles = `<w:styles ${W}><w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="5"/></w:numPr></w:pPr></w:style></w:styles>`;
    const doc = document(
      paragraph('整改目标', undefined, 0, '1'),
      paragraph('正文'),
      paragraph('问题清单', undefined, 0, '1'),
    );
    expect(labels(doc, list, styles)).toEqual(['一、整改目标', '正文', '二、问题清单']);
  });

  it('reads the text as mammoth does: tabs, XML escapes, no deleted text', () => {
    const doc = document(
      '<w:p><w:r><w:t>A&amp;B&#x4E00;</w:t><w:tab/><w:t>C</w:t></w:r><w:del><w:r><w:delText>gone</w:delText></w:r></w:del></w:p>',
      '<w:p/>',
    );
    expect(wordParagraphs(doc, numbering([], '')).map((p) => p.text)).toEqual(['A&B一\tC', '']);
  });
});
