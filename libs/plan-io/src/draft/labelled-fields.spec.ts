import { FIELD_LABELS, LABEL_WORDS, readLabelledFields, splitList, type TextSpan } from './labelled-fields';

// One paragraph at an offset, as the structure reader hands it over.
const span = (text: string, start = 100, paragraph = 7): TextSpan => ({ paragraph, start, text });

// What each field reads as, with its value checked against the text it claims to be at.
function read(text: string) {
  const s = span(text);
  return readLabelledFields([s]).map((f) => {
    expect(text.slice(f.start - s.start, f.end - s.start)).toBe(f.value);
    expect(f.paragraph).toBe(7);
    return [f.label, f.written, f.value];
  });
}

describe('labelled fields (牵头领导：… 责任单位：…), each value placed exactly', () => {
  it.each(FIELD_LABELS.flatMap((label) => LABEL_WORDS[label].map((word) => [label, word] as const)))(
    '%s written as %s, with a full- or a half-width colon',
    (label, word) => {
      expect(read(`${word}：2026年7月底前`)).toEqual([[label, word, '2026年7月底前']]);
      expect(read(`${word}: 县财政局`)).toEqual([[label, word, '县财政局']]);
    },
  );

  it.each<[string, string, string[][]]>([
    [
      'several inside one paragraph, in brackets',
      '（牵头领导：王建国；责任单位：县财政局；完成时限：2026年7月底前）',
      [
        ['lead_leader', '牵头领导', '王建国'],
        ['units', '责任单位', '县财政局'],
        ['due', '完成时限', '2026年7月底前'],
      ],
    ],
    [
      'after the step they belong to, the closing bracket and full stop left out',
      '对滞后项目实行挂图作战（责任单位：县农业农村局、县财政局，完成时限：9月底前）。',
      [
        ['units', '责任单位', '县农业农村局、县财政局'],
        ['due', '完成时限', '9月底前'],
      ],
    ],
    ['in 【】 as some templates write them', '【责任单位】：县水利局', [['units', '责任单位', '县水利局']]],
    ['a heading with its value on the following lines', '整改措施：', [['method', '整改措施', '']]],
    [
      'a goal with a value that has its own brackets',
      '整改目标：全部资金（含结转资金）拨付到位。',
      [['goal', '整改目标', '全部资金（含结转资金）拨付到位']],
    ],
    [
      'separated by spaces only',
      '牵头领导：李红梅  责任单位：县水利局',
      [
        ['lead_leader', '牵头领导', '李红梅'],
        ['units', '责任单位', '县水利局'],
      ],
    ],
  ])('%s', (_why, text, fields) => {
    expect(read(text)).toEqual(fields);
  });

  it.each([
    ['a label word inside a sentence, with no colon', '明确责任单位和完成时限，逐项销号。'],
    ['a label word that runs on into other words', '各责任单位要在完成时限内报送。'],
    ['no label at all', '全面清理2025年以来产业扶持资金拨付情况。'],
  ])('reads nothing from %s', (_why, text) => {
    expect(read(text)).toEqual([]);
  });

  it('places an empty value just after the colon', () => {
    const [f] = readLabelledFields([span('整改措施：')]);
    expect([f.start, f.end]).toEqual([105, 105]);
  });

  it('splits a list into placed parts; 和 inside a name is not a separator', () => {
    const text = '责任单位：省住房和城乡建设厅、省财政厅，省水利局; 各市州';
    const [f] = readLabelledFields([span(text, 0)]);
    const parts = splitList(f);
    expect(parts.map((p) => p.text)).toEqual(['省住房和城乡建设厅', '省财政厅', '省水利局', '各市州']);
    for (const p of parts) expect(text.slice(p.start, p.end)).toBe(p.text);
  });
});
