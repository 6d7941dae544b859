import { UNIT_LEVELS } from '../../../domain/src/plan-definition';
import { DraftUnits, levelOf, shortForm } from './draft-units';
import type { KnownUnit } from './plan-draft';

const KNOWN: readonly KnownUnit[] = [
  { code: 'GS-PARTY', name: '中共甘肃省委', level: 'province' },
  { code: 'GS-GOV', name: '甘肃省人民政府' },
  { code: 'GS-FINANCE', name: '甘肃省财政厅' },
  { code: 'GS-DISCIPLINE', name: '省纪委监委' },
  { code: 'GS-WATER', name: '省水利厅' },
  { code: 'GS-HOUSING', name: '省住房和城乡建设厅' },
  { code: 'LH-PARTY', name: '中共临河县委' },
  { code: 'LH-DISCIPLINE', name: '中共临河县纪律检查委员会' },
  { code: 'LH-FINANCE', name: '临河县财政局' },
  { code: 'QS-FINANCE', name: '青山县财政局' },
  { code: 'GS-CITIES', name: '各市州' },
];

describe('resolving a written unit name against the units the office keeps', () => {
  it.each<[string, string, boolean, string]>([
    ['甘肃省财政厅', 'GS-FINANCE', true, 'high'],
    ['GS-FINANCE', 'GS-FINANCE', true, 'high'],
    ['甘肃省 财政厅', 'GS-FINANCE', true, 'high'],
    ['省财政厅', 'GS-FINANCE', true, 'medium'],
    ['省委', 'GS-PARTY', true, 'medium'],
    ['甘肃省委', 'GS-PARTY', true, 'medium'],
    ['省政府', 'GS-GOV', true, 'medium'],
    ['甘肃省水利厅', 'GS-WATER', true, 'medium'],
    ['省纪委', 'GS-DISCIPLINE', true, 'medium'],
    ['甘肃省纪委监委', 'GS-DISCIPLINE', true, 'medium'],
    ['县委', 'LH-PARTY', true, 'medium'],
    // Two county finance bureaus share the short form: the first is taken, flagged as doubtful.
    ['县财政局', 'LH-FINANCE', true, 'low'],
    // Too far from 中共临河县纪律检查委员会 to be matched by rule: proposed, for the office to map.
    ['县纪委监委', 'NEW-01', false, 'medium'],
  ])('%s → %s (known %s, %s)', (written, code, known, confidence) => {
    expect(new DraftUnits(KNOWN).resolve(written)).toEqual({ code, known, confidence });
  });

  it('proposes new units with codes in the order of first mention, the same name the same code', () => {
    const units = new DraftUnits(KNOWN);
    expect(
      ['县水利局', '县委宣传部', '县水利局', '省财政厅', '县委宣传部'].map((n) => units.resolve(n).code),
    ).toEqual(['NEW-01', 'NEW-02', 'NEW-01', 'GS-FINANCE', 'NEW-02']);
    expect(units.proposed()).toEqual(['NEW-01', 'NEW-02']);
    expect(units.nameOf('NEW-02')).toBe('县委宣传部');
    expect(units.nameOf('GS-FINANCE')).toBe('甘肃省财政厅');
    expect(units.nameOf('NEW-09')).toBeUndefined();
  });

  it('lists the units used, known ones first in the office order, levels guessed where not given', () => {
    const units = new DraftUnits(KNOWN);
    for (const n of ['各乡镇', '县财政局', '省政府', '中共甘肃省委', '兰州大学']) units.resolve(n);
    expect(units.used()).toEqual([
      { code: 'GS-PARTY', name: '中共甘肃省委', level: 'province' },
      { code: 'GS-GOV', name: '甘肃省人民政府', level: 'province' },
      { code: 'LH-FINANCE', name: '临河县财政局', level: 'county' },
      { code: 'NEW-01', name: '各乡镇', level: 'township' },
      { code: 'NEW-02', name: '兰州大学', level: 'other' },
    ]);
  });

  it('reads nothing as used before anything is resolved', () => {
    const units = new DraftUnits(KNOWN);
    expect([units.used(), units.proposed()]).toEqual([[], []]);
  });
});

describe('short forms and levels of unit names', () => {
  it.each([
    ['甘肃省财政厅', '省财政厅'],
    ['中共甘肃省委', '省委'],
    ['中共临河县委宣传部', '县委宣传部'],
    ['甘肃省人民政府', '省政府'],
    ['省纪委监委', '省纪委'],
    ['省财政厅', '省财政厅'],
    ['兰州大学', '兰州大学'],
  ])('%s → %s', (name, short) => {
    expect(shortForm(name)).toBe(short);
  });

  it.each<[string, (typeof UNIT_LEVELS)[number]]>([
    ['国家乡村振兴局', 'central'],
    ['甘肃省财政厅', 'province'],
    ['省纪委监委', 'province'],
    ['定西市', 'city'],
    ['甘南州委', 'city'],
    ['各市州', 'city'],
    ['临潭县', 'county'],
    ['县委宣传部', 'county'],
    ['各县区', 'county'],
    ['各乡镇', 'township'],
    ['城关镇', 'township'],
    ['红旗村', 'village'],
    ['兰州大学', 'other'],
    ['承贷银行及相关金融机构', 'other'],
  ])('%s is at the %s level', (name, level) => {
    expect(levelOf(name)).toBe(level);
  });

  it('covers every unit level', () => {
    const levels = new Set(
      ['国家乡村振兴局', '省财政厅', '定西市', '临潭县', '城关镇', '红旗村', '兰州大学'].map(levelOf),
    );
    expect([...levels].sort()).toEqual([...UNIT_LEVELS].sort());
  });
});

describe('units mentioned in free text', () => {
  // The names mentioned, each checked against the text at its offsets.
  function mentioned(text: string, known: readonly KnownUnit[] = KNOWN): string[] {
    const start = 40;
    return new DraftUnits(known).mentions({ paragraph: 3, start, text }).map((m) => {
      const written = text.slice(m.start - start, m.end - start);
      return written === m.name ? m.name : `${m.name}=${written}`;
    });
  }

  it.each<[string, string, string[]]>([
    ['a provincial department', '由省财政厅牵头，省水利厅配合。', ['省财政厅', '省水利厅']],
    [
      'a commission and a party organ',
      '省发展改革委会同省委组织部、省纪委监委开展督导。',
      ['省发展改革委', '省委组织部', '省纪委监委'],
    ],
    [
      'a department of the office by its field',
      '财政部门牵头抓总，住房和城乡建设部门配合。',
      ['甘肃省财政厅=财政部门', '省住房和城乡建设厅=住房和城乡建设部门'],
    ],
    ['a leading group', '省脱贫攻坚领导小组每月调度。', ['省脱贫攻坚领导小组']],
    ['the party committee as the subject', '省委第一时间派出督导组。', ['省委']],
    ['a known unit by its full name', '中共临河县委办公室印发通知。', ['中共临河县委']],
    ['county organs', '县纪委监委对县财政局、县委宣传部开展检查。', ['县纪委监委', '县财政局', '县委宣传部']],
    [
      'named places',
      '督促定西市、甘南州、临潭县、迭部县抓好整改，在宕昌县开展试点。',
      ['定西市', '甘南州', '临潭县', '迭部县', '宕昌县'],
    ],
    [
      'the generic levels, however written',
      '指导市(州)、县（区）、乡(镇)落实；各市州、各县区、各乡镇配合。',
      ['各市州=市(州)', '各县区=县（区）', '各乡镇=乡(镇)', '各市州', '各县区', '各乡镇'],
    ],
  ])('%s', (_why, text, names) => {
    expect(mentioned(text)).toEqual(names);
  });

  it.each([
    ['a leader, not a unit', '省委书记、省长直接抓、具体抓，省委常委会会议专题研究。'],
    ['a verb before a level', '组织市县开展自查，全省已举办培训班95期。'],
    ['a kind of county', '到27个深度贫困县挂任纪委副书记，对贫困县逐一督导。'],
    ['a meeting', '省十三届八次全委会议作出安排。'],
  ])('reads no unit from %s', (_why, text) => {
    expect(mentioned(text)).toEqual([]);
  });

  it('reads the remit of a step that names no unit from the office units, never proposing one', () => {
    const units = new DraftUnits(KNOWN);
    const text = '加快推进农村危房改造，统筹解决饮水安全问题。';
    expect(units.remit({ paragraph: 0, start: 10, text })).toEqual({
      code: 'GS-HOUSING',
      subject: '危房',
      start: 16,
      end: 18,
    });
    expect(units.remit({ paragraph: 0, start: 0, text: '开展控辍保学专项行动。' })).toBeUndefined();
    // A specific subject before a broad one, wherever each is written.
    expect(units.remit({ paragraph: 0, start: 0, text: '抽调干部督导饮水安全工作。' })?.code).toBe(
      'GS-WATER',
    );
    expect(units.proposed()).toEqual([]);
  });
});
