import { DecompositionContext, decompositionIssues, SubMeasureClaim } from './decomposition-rules';

const NOW = Date.UTC(2026, 0, 1);
const PARENT_DUE = Date.UTC(2026, 5, 30);
const TREE = [
  { code: 'GS-POVERTY', parent: null },
  { code: 'GS-HOUSING', parent: null },
  { code: 'LINXIA', parent: 'GS-POVERTY' },
  { code: 'LINXIA-COUNTY', parent: 'LINXIA' },
];

function ctx(callerUnits: DecompositionContext['callerUnits']): DecompositionContext {
  return {
    now: NOW,
    parentDueAt: PARENT_DUE,
    parentLeader: '分管副省长',
    tree: TREE,
    callerUnits,
    posts: [{ unitCode: 'LINXIA', title: '州长' }],
    persons: [{ name: '张三', unitCodes: ['LINXIA-COUNTY'] }],
  };
}

const OK: SubMeasureClaim = {
  leadUnitCode: 'LINXIA',
  leadLeader: '分管副省长',
  dueAt: '2026-03-01T00:00:00Z',
};

describe('who may hand a measure down to whom', () => {
  it.each<[string, Partial<SubMeasureClaim>, DecompositionContext['callerUnits'], string[]]>([
    ['its own unit', { leadUnitCode: 'GS-POVERTY' }, ['GS-POVERTY'], []],
    ['a unit below its own', {}, ['GS-POVERTY'], []],
    ['two levels below', { leadUnitCode: 'LINXIA-COUNTY' }, ['GS-POVERTY'], []],
    ['another unit', { leadUnitCode: 'GS-HOUSING' }, ['GS-POVERTY'], ['leadUnitCode']],
    ['a unit above its own', { leadUnitCode: 'GS-POVERTY' }, ['LINXIA'], ['leadUnitCode']],
    ['a unit outside the tree', { leadUnitCode: 'NO-SUCH-UNIT' }, ['GS-POVERTY'], ['leadUnitCode']],
    ['a post of the lead unit as leader', { leadLeader: '州长' }, ['GS-POVERTY'], []],
    [
      'a post of another unit as leader',
      { leadUnitCode: 'LINXIA-COUNTY', leadLeader: '州长' },
      ['GS-POVERTY'],
      ['leadLeader'],
    ],
    [
      'a person of the lead unit as leader',
      { leadUnitCode: 'LINXIA-COUNTY', leadLeader: '张三' },
      ['GS-POVERTY'],
      [],
    ],
    ['an unknown leader', { leadLeader: '省长' }, ['GS-POVERTY'], ['leadLeader']],
    ['no units at all', {}, [], ['leadUnitCode']],
    [
      'the office: another unit and any leader',
      { leadUnitCode: 'GS-HOUSING', leadLeader: '省长' },
      'any',
      [],
    ],
    ['the office: a unit outside the tree', { leadUnitCode: 'NO-SUCH-UNIT' }, 'any', ['leadUnitCode']],
    ['a deadline in the past', { dueAt: '2019-09-30T00:00:00Z' }, 'any', ['dueAt']],
    ['a deadline now', { dueAt: new Date(NOW).toISOString() }, ['GS-POVERTY'], ['dueAt']],
    ['a deadline after the measure’s', { dueAt: '2026-07-01T00:00:00Z' }, ['GS-POVERTY'], ['dueAt']],
    ['the measure’s own deadline', { dueAt: new Date(PARENT_DUE).toISOString() }, ['GS-POVERTY'], []],
  ])('%s', (_, change, caller, fields) => {
    const issues = decompositionIssues([{ ...OK, ...change }], ctx(caller));
    expect(issues.map((i) => i.path)).toEqual(fields.map((f) => `subMeasures[0].${f}`));
  });

  it('names each sub-measure by its index', () => {
    const issues = decompositionIssues([OK, { ...OK, leadUnitCode: 'GS-HOUSING' }], ctx(['GS-POVERTY']));
    expect(issues).toEqual([
      {
        path: 'subMeasures[1].leadUnitCode',
        message: 'GS-HOUSING is neither one of your units nor below one of them',
      },
    ]);
  });
});
