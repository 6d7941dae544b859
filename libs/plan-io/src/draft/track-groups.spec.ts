import { documentTextOf } from './document-text';
import { bigramDice, normaliseTitle, PHRASE_MATCH, phraseMatch, readTrackGroups } from './track-groups';

const groupsOf = (text: string) => readTrackGroups(documentTextOf(text), () => true);

describe('readTrackGroups', () => {
  it.each([
    ['immediate', '针对巡视指出的、能够当下改的,如会议多,填表多等2个问题,立行立改。', '当下改'],
    [
      'mechanism',
      '针对巡视指出的、需要健全完善常态化工作机制的,如考核不严等1个问题,持续用力、久久为功。',
      '常态化',
    ],
    ['long_term', '针对巡视指出的饮水不安全,住房不达标等2个问题,实施固强补弱冲刺清零行动。', '固强补弱'],
    ['referral', '对需要移交的,如信访件处理不及时等1个问题,按规定移交处理。', '移交'],
  ])('%s: the words outside the list decide', (track, text, qualifier) => {
    expect(groupsOf(text)).toEqual([expect.objectContaining({ track, qualifier })]);
  });

  it('places the count and the listed phrases; 、 stays inside a phrase, 以及 starts one', () => {
    const text =
      '其中,针对巡视指出的、能够当下改的,如省委学习不及时,班子配备不合理、调整不及时,以及作风不实等3个问题,立行立改。';
    const doc = documentTextOf(text);
    const [g] = readTrackGroups(doc, () => true);
    expect(g.count).toBe(3);
    expect(doc.text.slice(g.counted.start, g.counted.start + g.counted.text.length)).toBe('等3个问题');
    expect(g.phrases.map((p) => p.text)).toEqual([
      '省委学习不及时',
      '班子配备不合理、调整不及时',
      '作风不实',
    ]);
    for (const p of g.phrases) expect(doc.text.slice(p.start, p.start + p.text.length)).toBe(p.text);
  });

  it('ignores counts no track words qualify, and paragraphs it is told not to read', () => {
    expect(groupsOf('将问题梳理为4大类10个方面30个问题。梳理成29个具体问题等3个问题。')).toEqual([]);
    expect(readTrackGroups(documentTextOf('如会议多等1个问题,立行立改。'), () => false)).toEqual([]);
  });
});

describe('title matching', () => {
  it('normalises away punctuation, spaces and quotes of any width', () => {
    expect(normaliseTitle('执行“两不愁、三保障”政策, 存在偏差。')).toBe('执行两不愁三保障政策存在偏差');
    expect(normaliseTitle("推行农民专业合作社'大水漫灌'")).toBe('推行农民专业合作社大水漫灌');
  });

  it('Dice of character bigrams', () => {
    expect(bigramDice('abcd', 'abcd')).toBe(1);
    expect(bigramDice('abcd', 'wxyz')).toBe(0);
    expect(bigramDice('abc', 'abd')).toBe(0.5);
  });

  it.each([
    ['the whole title', '精准帮扶措施雷同', '精准帮扶措施雷同', true],
    [
      'a clause of a long title',
      '省纪委监委对下传导压力不够',
      '省纪委监委对下传导压力不够,市县纪委监委监督不力',
      true,
    ],
    ['a close wording', '有的市县主体责任落实不到位', '有的市县主体责任不到位', true],
    [
      'similar words, another finding',
      '2017年中央考核指出易地扶贫搬迁进度缓慢',
      '易地扶贫搬迁推进缓慢,政策把握不准',
      false,
    ],
    ['unrelated', '精准帮扶措施雷同', '检查多、会议多、填表多', false],
  ])('%s', (_case, phrase, title, named) => {
    expect(phraseMatch(phrase, title) >= PHRASE_MATCH).toBe(named);
  });
});
