import {
  Action,
  ACTIONS,
  actsForLeadUnit,
  ANONYMOUS,
  can,
  canGrantRole,
  MEASURE_COMMAND_ACTION,
  MeasureFacts,
  measureInScope,
  measureScope,
  Principal,
  Role,
  ROLES,
  scopeProblem,
  unitLineage,
  visibleMeasures,
  visibleProblemTree,
  visibleUnitRows,
} from './authorization';
import { MEASURE_COMMANDS } from './measure-status';

function principal(role: Role, units: string[] = [], leaderName: string | null = null): Principal {
  return { kind: 'user', id: `${role}-1`, role, units, leaderName };
}

// The plan's unit tree: the province's poverty office has the city of Linxia below it, and Linxia
// the county of Dongxiang.
const TREE = [
  { code: 'GS-POVERTY', parent: null },
  { code: 'GS-HOUSING', parent: null },
  { code: 'LINXIA', parent: 'GS-POVERTY' },
  { code: 'DONGXIANG', parent: 'LINXIA' },
];

function measure(units: string[], leadLeader = '分管副省长'): MeasureFacts {
  return { leadLeader, unitLineage: unitLineage(units, TREE) };
}

describe('authorization', () => {
  // Y: the role grants the action; '.': it does not. Read across: what each role may do at all.
  const O = true;
  const _ = false;
  const table: Record<Action, Record<Role, boolean>> = {
    //                         admin office leader unit verifier discipline public
    'plan:read': row(O, O, O, O, O, O, _),
    'plan:import': row(O, O, _, _, _, _, _),
    'plan:publish': row(O, O, _, _, _, _, _),
    'measure:read': row(O, O, O, O, O, O, _),
    'measure:report': row(O, _, _, O, _, _, _),
    'measure:verify': row(O, O, _, _, O, _, _),
    'measure:manage': row(O, O, _, _, _, _, _),
    'measure:record-referral': row(O, _, _, _, _, O, _),
    'measure:acknowledge': row(O, _, _, O, _, _, _),
    'measure:adjust-target': row(O, O, _, _, _, _, _),
    'evidence:upload': row(O, O, _, O, O, O, _),
    'evidence:read': row(O, O, O, O, O, O, _),
    'feedback:submit': row(O, O, O, O, O, O, O),
    'feedback:track': row(O, O, O, O, O, O, O),
    'feedback:read': row(O, O, _, _, _, _, _),
    'feedback:triage': row(O, O, _, _, _, _, _),
    'audit:read': row(O, O, _, _, _, _, _),
    'audit:verify': row(O, O, _, _, _, _, _),
    'token:manage': row(O, O, _, _, _, _, _),
    'user:manage': row(O, _, _, _, _, _, _),
    'account:self': row(O, O, O, O, O, O, _),
    'inbox:self': row(O, O, O, O, O, O, _),
    'people:manage': row(O, O, _, _, _, _, _),
    'delivery:read': row(O, O, _, _, _, _, _),
    'delivery:retry': row(O, O, _, _, _, _, _),
    'calendar:manage': row(O, O, _, _, _, _, _),
    'spot:manage': row(O, O, _, _, _, _, _),
    'spot:read': row(O, O, _, _, _, O, _),
    'discipline:manage': row(O, O, _, _, _, _, _),
    'case:read': row(O, O, _, _, _, O, _),
    'case:refer': row(O, O, _, _, _, _, _),
    'case:act': row(O, _, _, _, _, O, _),
    'lead:register': row(O, O, _, _, _, _, _),
    'lead:verify': row(O, _, _, _, _, O, _),
    'figures:read': row(O, O, _, _, _, O, _),
    'figures:enter': row(O, O, _, _, _, O, _),
    'codec:use': row(O, O, _, _, _, _, _),
    'instruction:issue': row(O, O, O, _, _, _, _),
    'instruction:answer': row(O, O, _, O, _, _, _),
    'instruction:read': row(O, O, O, O, _, _, _),
    'assessment:manage': row(O, O, _, _, _, _, _),
  };
  function row(...allowed: boolean[]): Record<Role, boolean> {
    return Object.fromEntries(ROLES.map((r, i) => [r, allowed[i]])) as Record<Role, boolean>;
  }

  it('has a row for every action', () => {
    expect(Object.keys(table).sort()).toEqual([...ACTIONS].sort());
  });

  describe.each(ROLES)('a %s', (role) => {
    it.each(ACTIONS)(`%s as the table says`, (action) => {
      expect(can(principal(role, ['GS-HOUSING'], '分管副省长'), action)).toBe(table[action][role]);
    });
  });

  it('treats an anonymous caller as the public', () => {
    for (const action of ACTIONS) expect(can(ANONYMOUS, action)).toBe(table[action].public);
  });

  describe('measure scope', () => {
    it.each<[string, Principal, string]>([
      ['admin', principal('admin'), 'all'],
      ['office', principal('office'), 'all'],
      ['unit', principal('unit', ['LINXIA']), 'units'],
      ['verifier', principal('verifier', ['GS-HOUSING']), 'units'],
      ['discipline', principal('discipline', ['GS-POVERTY']), 'units'],
      ['lead leader', principal('lead_leader', [], '分管副省长'), 'lead_leader'],
      ['public', ANONYMOUS, 'none'],
      ['unit without units', principal('unit'), 'none'],
      ['lead leader without a name', principal('lead_leader'), 'none'],
    ])('of %s is %s', (_label, p, kind) => {
      expect(measureScope(p).kind).toBe(kind);
    });

    it.each<[string, string[], string[], boolean]>([
      ['its own lead unit', ['GS-HOUSING'], ['GS-HOUSING'], true],
      ['its co-unit', ['LINXIA'], ['GS-HOUSING', 'LINXIA'], true],
      ['a sub-unit', ['GS-POVERTY'], ['LINXIA'], true],
      ['a sub-unit two levels down', ['GS-POVERTY'], ['DONGXIANG'], true],
      ['its parent unit', ['LINXIA'], ['GS-POVERTY'], false],
      ['a sibling unit', ['GS-HOUSING'], ['GS-POVERTY'], false],
      ['one of several units', ['GS-HOUSING', 'DONGXIANG'], ['DONGXIANG'], true],
    ])('lets a unit reach a measure of %s: %s → %s = %s', (_label, userUnits, measureUnits, expected) => {
      const facts = measure(measureUnits);
      for (const role of ['unit', 'verifier', 'discipline'] as const) {
        expect(measureInScope(measureScope(principal(role, userUnits)), facts)).toBe(expected);
        expect(can(principal(role, userUnits), 'measure:read', facts)).toBe(expected);
      }
    });

    it('lets a lead leader reach only the measures they lead', () => {
      const leader = principal('lead_leader', [], '分管副省长');
      expect(can(leader, 'measure:read', measure(['GS-HOUSING'], '分管副省长'))).toBe(true);
      expect(can(leader, 'measure:read', measure(['GS-HOUSING'], '省长'))).toBe(false);
    });

    it('lets office and admin reach every measure, and the public none', () => {
      const facts = measure(['DONGXIANG'], '省长');
      expect(can(principal('office'), 'measure:manage', facts)).toBe(true);
      expect(can(principal('admin'), 'measure:report', facts)).toBe(true);
      expect(can(ANONYMOUS, 'measure:read', facts)).toBe(false);
    });

    it('still requires the role to grant the action inside the scope', () => {
      const facts = measure(['GS-HOUSING']);
      expect(can(principal('unit', ['GS-HOUSING']), 'measure:report', facts)).toBe(true);
      expect(can(principal('unit', ['GS-HOUSING']), 'measure:verify', facts)).toBe(false);
      expect(can(principal('verifier', ['GS-HOUSING']), 'measure:report', facts)).toBe(false);
      expect(can(principal('lead_leader', [], '分管副省长'), 'measure:report', facts)).toBe(false);
    });
  });

  describe('unit lineage', () => {
    it('adds every ancestor once, and stops on a cycle in bad data', () => {
      expect(unitLineage(['DONGXIANG', 'LINXIA'], TREE).sort()).toEqual([
        'DONGXIANG',
        'GS-POVERTY',
        'LINXIA',
      ]);
      expect(
        unitLineage(
          ['A'],
          [
            { code: 'A', parent: 'B' },
            { code: 'B', parent: 'A' },
          ],
        ).sort(),
      ).toEqual(['A', 'B']);
    });

    it('keeps a unit that the tree does not know', () => {
      expect(unitLineage(['ELSEWHERE'], TREE)).toEqual(['ELSEWHERE']);
    });
  });

  it('filters the measures of a plan by the same rule', () => {
    const measures = [
      { code: 'M1', leadLeader: '分管副省长', leadUnitCode: 'GS-HOUSING', coUnitCodes: [] },
      { code: 'M2', leadLeader: '省长', leadUnitCode: 'GS-POVERTY', coUnitCodes: ['DONGXIANG'] },
      { code: 'M3', leadLeader: '省长', leadUnitCode: 'LINXIA', coUnitCodes: [] },
    ];
    const codes = (p: Principal) => visibleMeasures(p, measures, TREE).map((m) => m.code);
    expect(codes(principal('office'))).toEqual(['M1', 'M2', 'M3']);
    expect(codes(principal('unit', ['LINXIA']))).toEqual(['M2', 'M3']);
    expect(codes(principal('unit', ['DONGXIANG']))).toEqual(['M2']);
    expect(codes(principal('lead_leader', [], '分管副省长'))).toEqual(['M1']);
    expect(codes(ANONYMOUS)).toEqual([]);
  });

  describe('the problem tree of a plan', () => {
    // Two categories; C1 has aspects A1 (problems P1, P2) and A2 (P3, no measures yet); C2 has A3 (P4).
    const tree = {
      groups: [
        { id: 'C1', parentId: null },
        { id: 'C2', parentId: null },
        { id: 'A1', parentId: 'C1' },
        { id: 'A2', parentId: 'C1' },
        { id: 'A3', parentId: 'C2' },
      ],
      problems: [
        { id: 'P1', aspectId: 'A1' },
        { id: 'P2', aspectId: 'A1' },
        { id: 'P3', aspectId: 'A2' },
        { id: 'P4', aspectId: 'A3' },
      ],
    };
    const ids = (t: { groups: { id: string }[]; problems: { id: string }[] }) => [
      ...t.groups.map((g) => g.id),
      ...t.problems.map((p) => p.id),
    ];

    it.each<[Role, string[], string[]]>([
      ['admin', [], ['C1', 'C2', 'A1', 'A2', 'A3', 'P1', 'P2', 'P3', 'P4']],
      ['office', [], ['C1', 'C2', 'A1', 'A2', 'A3', 'P1', 'P2', 'P3', 'P4']],
      ['unit', ['P2'], ['C1', 'A1', 'P2']],
      ['verifier', ['P2', 'P4'], ['C1', 'C2', 'A1', 'A3', 'P2', 'P4']],
      ['discipline', ['P1', 'P2'], ['C1', 'A1', 'P1', 'P2']],
      ['lead_leader', ['P4'], ['C2', 'A3', 'P4']],
      ['unit', [], []],
      ['public', [], []],
    ])('a %s whose measures sit under %j sees %j', (role, measureProblems, expected) => {
      const who = role === 'lead_leader' ? principal(role, [], '省长') : principal(role, ['GS-POVERTY']);
      const measures = measureProblems.map((problemId) => ({ problemId }));
      expect(ids(visibleProblemTree(who, tree, measures))).toEqual(expected);
    });

    it('shows the office and admins the problems that hold no measure', () => {
      expect(ids(visibleProblemTree(principal('office'), tree, []))).toContain('P3');
    });
  });

  it('filters the unit rows of a reporting roll-up by the same rule', () => {
    const rows = [
      { code: 'GS-HOUSING', leaders: ['分管副省长'] },
      { code: 'GS-POVERTY', leaders: ['省长'] },
      { code: 'LINXIA', leaders: ['分管副省长', '省长'] },
      { code: 'DONGXIANG', leaders: [] },
    ];
    const codes = (p: Principal) => visibleUnitRows(p, rows, TREE).map((r) => r.code);
    expect(codes(principal('admin'))).toEqual(['GS-HOUSING', 'GS-POVERTY', 'LINXIA', 'DONGXIANG']);
    expect(codes(principal('office'))).toEqual(['GS-HOUSING', 'GS-POVERTY', 'LINXIA', 'DONGXIANG']);
    expect(codes(principal('unit', ['LINXIA']))).toEqual(['LINXIA', 'DONGXIANG']);
    expect(codes(principal('verifier', ['GS-HOUSING']))).toEqual(['GS-HOUSING']);
    expect(codes(principal('discipline', ['GS-POVERTY']))).toEqual(['GS-POVERTY', 'LINXIA', 'DONGXIANG']);
    expect(codes(principal('lead_leader', [], '分管副省长'))).toEqual(['GS-HOUSING', 'LINXIA']);
    expect(codes(principal('unit', []))).toEqual([]);
    expect(codes(ANONYMOUS)).toEqual([]);
  });

  // 签收/退回: the lead unit itself, whatever else the principal may see of the measure.
  it.each<[string, Principal, boolean]>([
    ['the lead unit', principal('unit', ['GS-HOUSING']), true],
    [
      'a principal of several units, the lead unit among them',
      principal('unit', ['LINXIA', 'GS-HOUSING']),
      true,
    ],
    ['a co-unit', principal('unit', ['LINXIA']), false],
    ['the unit above the lead unit', principal('unit', ['GS-POVERTY']), false],
    ['a verifier of the lead unit', principal('verifier', ['GS-HOUSING']), true],
    ['the office', principal('office'), false],
    ['an admin', principal('admin'), false],
    ['the public', ANONYMOUS, false],
  ])('acts for lead unit GS-HOUSING: %s → %s', (_name, p, expected) => {
    expect(actsForLeadUnit(p, 'GS-HOUSING')).toBe(expected);
  });

  it('gives every measure command an action that some role besides admin holds', () => {
    expect(Object.keys(MEASURE_COMMAND_ACTION).sort()).toEqual([...MEASURE_COMMANDS].sort());
    for (const command of MEASURE_COMMANDS) {
      const action = MEASURE_COMMAND_ACTION[command];
      expect(ROLES.filter((r) => r !== 'admin' && table[action][r])).not.toEqual([]);
    }
  });

  describe('granting roles to tokens and accounts', () => {
    it.each<[Role, Role, boolean]>([
      ['admin', 'admin', true],
      ['admin', 'office', true],
      ['office', 'admin', false],
      ['office', 'office', true],
      ['office', 'unit', true],
      ['office', 'public', false],
      ['unit', 'unit', false],
      ['verifier', 'verifier', false],
    ])('a %s may grant %s: %s', (granter, role, expected) => {
      expect(canGrantRole(principal(granter), role)).toBe(expected);
    });

    it.each<[Role, string[], string | null, string | null]>([
      ['unit', ['GS-HOUSING'], null, null],
      ['unit', [], null, 'role unit needs at least one unit code'],
      ['verifier', [], null, 'role verifier needs at least one unit code'],
      ['discipline', ['GS-POVERTY'], null, null],
      ['office', ['GS-HOUSING'], null, 'role office is not scoped to units'],
      ['lead_leader', [], '分管副省长', null],
      ['lead_leader', [], null, 'role lead_leader needs the leader name its measures carry'],
      ['admin', [], '省长', 'role admin has no leader name'],
    ])('checks the scope of a %s %j %s', (role, units, leaderName, problem) => {
      expect(scopeProblem(role, units, leaderName)).toBe(problem);
    });
  });
});
