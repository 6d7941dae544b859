import { UNIT_LEVELS } from './plan-definition';
import { type GroupUnit, LEVEL_GROUP_NAMES, unitGroups } from './unit-groups';

// A tree with two units at every level, below one another: central → … → village, then other.
const TREE: GroupUnit[] = [
  { code: 'ZY', name: '中央单位', level: 'central' },
  { code: 'ZY2', name: '中央单位二', level: 'central' },
  { code: 'GS', name: '甘肃省', level: 'province', parent: 'ZY' },
  { code: 'QH', name: '青海省', level: 'province', parent: 'ZY' },
  { code: 'LZ', name: '兰州市', level: 'city', parent: 'GS' },
  { code: 'TS', name: '天水市', level: 'city', parent: 'GS' },
  { code: 'XN', name: '西宁市', level: 'city', parent: 'QH' },
  { code: 'CG', name: '城关区', level: 'county', parent: 'LZ' },
  { code: 'QZ', name: '秦州区', level: 'county', parent: 'TS' },
  { code: 'CG-T1', name: '一镇', level: 'township', parent: 'CG' },
  { code: 'CG-T2', name: '二镇', level: 'township', parent: 'CG' },
  { code: 'CG-T1-V1', name: '一村', level: 'village', parent: 'CG-T1' },
  { code: 'CG-T1-V2', name: '二村', level: 'village', parent: 'CG-T1' },
  { code: 'SCHOOL', name: '某学校', level: 'other', parent: 'LZ' },
  { code: 'FIRM', name: '某企业', level: 'other', parent: 'LZ' },
];
const AT_LEVEL = (level: string) => TREE.filter((u) => u.level === level).map((u) => u.code);
const LEAD: Record<(typeof UNIT_LEVELS)[number], string | null> = {
  central: null, // no parent
  province: 'ZY',
  city: null, // GS and QH
  county: null, // LZ and TS
  township: 'CG',
  village: 'CG-T1',
  other: 'LZ',
};

describe('group names', () => {
  it.each(UNIT_LEVELS.flatMap((level) => LEVEL_GROUP_NAMES[level].map((name) => [level, name] as const)))(
    '%s: %s stands for every unit of the level, in unit order',
    (level, name) => {
      expect(unitGroups(TREE).group(name)).toEqual({
        code: name,
        name,
        members: AT_LEVEL(level),
        lead: LEAD[level],
      });
    },
  );

  it('has names for every ranked level and none for other', () => {
    for (const level of UNIT_LEVELS) expect(LEVEL_GROUP_NAMES[level].length > 0).toBe(level !== 'other');
  });

  it.each(UNIT_LEVELS)('a declared group of the %s level', (level) => {
    const g = unitGroups(TREE, [{ code: 'G', name: '本级各单位', level }]).group('G');
    expect(g).toEqual({ code: 'G', name: '本级各单位', members: AT_LEVEL(level), lead: LEAD[level] });
  });

  it.each<[string, string, string[]]>([
    ['central', 'ZY', []],
    ['province', 'ZY', ['GS', 'QH']],
    ['city', 'GS', ['LZ', 'TS']],
    ['county', 'GS', ['CG', 'QZ']],
    ['township', 'LZ', ['CG-T1', 'CG-T2']],
    ['village', 'TS', []],
    ['other', 'GS', ['SCHOOL', 'FIRM']],
  ])(
    'a declared %s group under %s: its units at any depth below, led by that unit',
    (level, under, members) => {
      expect(unitGroups(TREE, [{ code: 'G', level, under }]).group('G')).toEqual({
        code: 'G',
        name: 'G',
        members,
        lead: under,
      });
    },
  );

  it('a declared group of members, led by their common parent if they share one', () => {
    const groups = unitGroups(TREE, [
      { code: '兰天', members: ['TS', 'LZ'] },
      { code: '跨省', members: ['LZ', 'XN'] },
    ]);
    expect(groups.group('兰天')).toEqual({ code: '兰天', name: '兰天', members: ['TS', 'LZ'], lead: 'GS' });
    expect(groups.group('跨省')?.lead).toBeNull();
  });

  it('a declared group takes the place of a usual name; unit codes and other words are no groups', () => {
    const groups = unitGroups(TREE, [{ code: '各市州', members: ['LZ'] }]);
    expect(groups.group('各市州')?.members).toEqual(['LZ']);
    expect(groups.group('LZ')).toBeNull();
    expect(groups.group('各单位')).toBeNull();
    expect(
      unitGroups([...TREE, { code: '各市州', name: '市州', level: 'other' }]).group('各市州'),
    ).toBeNull();
  });
});
