import { aPlanDocument } from '../../../test/support/plan-fixtures';
import { validatePlanDefinition } from './plan-definition';
import { planSubMeasures } from './plan-sub-measures';

type Doc = ReturnType<typeof aPlanDocument> & Record<string, unknown>;
const M = 'categories[0].aspects[0].problems[0].measures[0]';

// The fixture with a province, two cities and a county below one of them.
function aTreePlan(mutate: (d: Doc, m: Record<string, unknown>) => void = () => {}) {
  const d = aPlanDocument() as Doc;
  d.units = [
    { code: 'GS', name: '甘肃省', level: 'province' },
    { code: 'GS-POVERTY', name: '省扶贫办', level: 'province', parent: 'GS' },
    { code: 'GS-HOUSING', name: '省住建厅', level: 'province', parent: 'GS' },
    { code: 'LINXIA', name: '临夏州', level: 'city', parent: 'GS' },
    { code: 'LZ', name: '兰州市', level: 'city', parent: 'GS' },
    { code: 'CG', name: '城关区', level: 'county', parent: 'LZ' },
  ];
  mutate(d, d.categories[0].aspects[0].problems[0].measures[0] as Record<string, unknown>);
  return validatePlanDefinition(d);
}
const problems = (mutate: (d: Doc, m: Record<string, unknown>) => void) => {
  const r = aTreePlan(mutate);
  return r.ok ? [] : r.problems;
};

describe('sub-measures written in a plan', () => {
  it('hands a measure given to 各市州 to each city, led by the province, with the measure’s leader and deadline', () => {
    const r = aTreePlan((_, m) => Object.assign(m, { leadUnit: '各市州', coUnits: [] }));
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(planSubMeasures(r.plan).get('P01-M1')).toEqual([
      {
        parentCode: 'P01-M1',
        code: 'P01-M1.LINXIA',
        leadUnit: 'LINXIA',
        leadLeader: '分管副省长',
        title: '9月底前完成2.65万户危房改造（临夏州）',
        due: '2019-09-30',
        group: '各市州',
        from: ['leadUnit'],
      },
      expect.objectContaining({ code: 'P01-M1.LZ', leadUnit: 'LZ', group: '各市州' }),
    ]);
  });

  it('refines a group member with an entry and adds the units the entries name; a co-unit group leaves the lead unit out', () => {
    const r = aTreePlan((d, m) => {
      d.groups = [{ code: '兰州各县区', level: 'county', under: 'LZ' }];
      Object.assign(m, {
        leadUnit: 'GS-HOUSING',
        coUnits: ['各市州', 'GS-POVERTY'],
        subMeasures: [
          { leadUnit: 'LZ', code: 'lanzhou', due: '6月底前', leadLeader: '兰州市副市长' },
          { leadUnit: 'CG', title: '城关区危房改造' },
        ],
      });
    });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const subs = planSubMeasures(r.plan).get('P01-M1') ?? [];
    expect(subs.map((s) => [s.code, s.leadUnit, s.leadLeader, s.due, s.group, s.from.join('.')])).toEqual([
      ['P01-M1.LINXIA', 'LINXIA', '分管副省长', '2019-09-30', '各市州', 'coUnits.0'],
      ['P01-M1.lanzhou', 'LZ', '兰州市副市长', '6月底前', '各市州', 'subMeasures.0'],
      ['P01-M1.CG', 'CG', '分管副省长', '2019-09-30', null, 'subMeasures.1'],
    ]);
    expect(planSubMeasures(r.plan).has('P01-M2')).toBe(false);
  });

  it.each<[string, (d: Doc, m: Record<string, unknown>) => void, { path: string; message: string }[]]>([
    [
      'a group with no unit',
      (_, m) => (m.leadUnit = '各乡镇'),
      [{ path: `${M}.leadUnit`, message: "各乡镇 names no unit of the plan's unit tree" }],
    ],
    [
      'a group whose units share no parent as lead',
      (d, m) => {
        d.groups = [{ code: '部分单位', members: ['LZ', 'CG'] }];
        m.leadUnit = '部分单位';
      },
      [
        {
          path: `${M}.leadUnit`,
          message:
            'the units of 部分单位 share no one parent unit to lead the measure: name a lead unit and put 部分单位 under coUnits, or declare the group with `under`',
        },
      ],
    ],
    [
      'an unknown unit, a group and a unit twice under subMeasures',
      (_, m) =>
        (m.subMeasures = [
          { leadUnit: 'NOPE' },
          { leadUnit: '各县区' },
          { leadUnit: 'LZ' },
          { leadUnit: 'LZ', code: 'b' },
        ]),
      [
        { path: `${M}.subMeasures[0].leadUnit`, message: 'unknown unit NOPE: declare it under units' },
        { path: `${M}.subMeasures[1].leadUnit`, message: '各县区 is a group; a sub-measure names one unit' },
        {
          path: `${M}.subMeasures[3].leadUnit`,
          message: 'LZ already has a sub-measure here (subMeasures[2])',
        },
      ],
    ],
    [
      'a sub-measure deadline after the measure’s, and one that does not read',
      (_, m) =>
        (m.subMeasures = [
          { leadUnit: 'LZ', due: '10月底前' },
          { leadUnit: 'CG', due: '某时' },
        ]),
      [
        {
          path: `${M}.subMeasures[0].due`,
          message: "a sub-measure cannot fall after its measure's deadline",
        },
        { path: `${M}.subMeasures[1].due`, message: expect.stringContaining('"某时" is not a deadline') },
      ],
    ],
    [
      'a sub-measure code taken by another measure',
      (d, m) => {
        m.subMeasures = [{ leadUnit: 'LZ', code: 'M2' }];
        (d.categories[0].aspects[0].problems[0].measures[1] as Record<string, unknown>).code = 'P01-M1.M2';
      },
      [
        {
          path: 'categories[0].aspects[0].problems[0].measures[1].code',
          message: `duplicate measure code P01-M1.M2 (also ${M}.subMeasures[0].code)`,
        },
      ],
    ],
    [
      'a unit code that cannot be a sub-measure code',
      (d, m) => {
        (d.units as unknown[]).push({ code: 'LZ.NEW', name: '兰州新区', level: 'county', parent: 'LZ' });
        m.coUnits = ['各县区'];
      },
      [
        {
          path: `${M}.coUnits[0]`,
          message:
            'the sub-measure of LZ.NEW would be coded LZ.NEW, which must be 1–31 letters, digits, "_" or "-": give it a code under subMeasures',
        },
      ],
    ],
    [
      'groups declared wrong',
      (d) =>
        (d.groups = [
          { code: 'LZ', members: ['CG'] },
          { code: 'G', members: ['NOPE'], under: 'LZ' },
          { code: 'G', level: 'village' },
          { code: 'H' },
          { code: 'K', level: 'city', under: 'NOPE' },
        ]),
      [
        { path: 'groups[0].code', message: 'LZ is a unit code; a group needs a code of its own' },
        { path: 'groups[1].members[0]', message: 'unknown unit NOPE: declare it under units' },
        { path: 'groups[1].under', message: '`under` narrows a level; members are listed as they are' },
        { path: 'groups[2].code', message: 'duplicate group code G (also groups[1])' },
        { path: 'groups[3]', message: 'name either the members or the level of the group' },
        { path: 'groups[4].under', message: 'unknown unit NOPE: declare it under units' },
        { path: 'groups[4]', message: 'names no unit: the plan declares no city unit below NOPE' },
      ],
    ],
    [
      'a cycle and a parent below its child in the unit tree',
      (d) => {
        (d.units as { parent?: string }[])[0].parent = 'CG';
        (d.units as unknown[]).push(
          { code: 'V', name: '某村', level: 'village' },
          { code: 'T', name: '某镇', level: 'township', parent: 'V' },
        );
      },
      [
        {
          path: 'units[0].parent',
          message: 'the unit tree has a cycle: GS → CG → LZ → GS; a unit cannot be above itself',
        },
        {
          path: 'units[0].parent',
          message:
            'CG (county) stands below GS (province): a parent unit cannot be at a lower level than its child',
        },
        {
          path: 'units[7].parent',
          message:
            'V (village) stands below T (township): a parent unit cannot be at a lower level than its child',
        },
      ],
    ],
  ])('refuses %s, located', (_, mutate, expected) => {
    expect(problems(mutate)).toEqual(expected);
  });
});
