import { documentTextOf } from './document-text';
import { assignTracks, DEFAULT_TRACK, type TrackedProblem } from './track-assignment';
import { readTrackGroups } from './track-groups';

const at = { paragraph: 0, start: 0, end: 1 };
const groups = (text: string) => readTrackGroups(documentTextOf(text), () => true);

describe('assignTracks', () => {
  const problems: TrackedProblem[] = [
    { title: '会议多', aspectTitle: '作风不实' },
    { title: '填表多', aspectTitle: '作风不实' },
    { title: '考核不严', aspectTitle: '责任落实' },
    { title: '饮水不安全', aspectTitle: '三保障有差距' },
    { title: '住房不达标', aspectTitle: '三保障有差距' },
    {
      title: '资金拨付慢',
      aspectTitle: '资金管理',
      byText: { track: 'immediate', at, confidence: 'medium' },
    },
    { title: '线索处置慢', aspectTitle: '资金管理' },
  ];
  const text =
    '针对能够当下改的,如会议多等2个问题,立行立改。' +
    '针对需要建立常态化工作机制的,如考核不严等1个问题,持续用力。' +
    '针对三保障有差距等3个问题,实施冲刺清零行动。';

  it('names problems by title, problems of a named aspect, then leftovers by their words, then by the counts while they leave room', () => {
    const { readings, warnings } = assignTracks(problems, groups(text));
    expect(readings.map((r) => [r.track, r.rule, r.confidence])).toEqual([
      ['immediate', 'track-group:phrase', 'high'],
      ['long_term', 'track-group:leftover-by-count', 'low'],
      ['mechanism', 'track-group:phrase', 'high'],
      ['long_term', 'track-group:aspect', 'high'],
      ['long_term', 'track-group:aspect', 'high'],
      ['immediate', 'track-group:leftover-by-text', 'low'],
      // The counts are used up: the default.
      [DEFAULT_TRACK, 'default:track', 'low'],
    ]);
    expect(warnings).toEqual([]);
  });

  it('without group sentences: the problem’s own words, else the default, low', () => {
    const { readings } = assignTracks(problems.slice(4, 6), []);
    expect(readings).toEqual([
      expect.objectContaining({ track: DEFAULT_TRACK, rule: 'default:track', confidence: 'low', at: null }),
      expect.objectContaining({ track: 'immediate', rule: 'track-phrase', confidence: 'medium', at }),
    ]);
  });

  it('keeps the first group that names a problem and warns of the second', () => {
    const twice =
      '针对能够当下改的,如会议多等1个问题,立行立改。针对需要建立常态化工作机制的,如会议多等1个问题。';
    const { readings, warnings } = assignTracks(problems.slice(0, 1), groups(twice));
    expect(readings[0].track).toBe('immediate');
    expect(warnings).toEqual([expect.stringContaining('named by the immediate and the mechanism groups')]);
  });
});
