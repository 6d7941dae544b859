import { UNIT_LEVELS } from './plan-definition';
import { RANKED_UNIT_LEVELS, type TreeUnit, unitTreeProblems } from './unit-tree';

const u = (code: string, parent?: string, level = 'other'): TreeUnit => ({
  code,
  level,
  ...(parent ? { parent } : {}),
});

describe('the unit tree', () => {
  it.each<[string, TreeUnit[], { index: number; message: string }[]]>([
    ['a tree', [u('GS'), u('LZ', 'GS'), u('CG', 'LZ'), u('TS', 'GS')], []],
    ['a forest', [u('GS'), u('QH'), u('XN', 'QH')], []],
    [
      'two units above each other',
      [u('A', 'B'), u('B', 'A')],
      [{ index: 0, message: 'the unit tree has a cycle: A → B → A; a unit cannot be above itself' }],
    ],
    [
      'a cycle of three reached from below, named from its first unit in the document',
      [u('LEAF', 'Y'), u('X', 'Z'), u('Y', 'X'), u('Z', 'Y')],
      [{ index: 1, message: 'the unit tree has a cycle: X → Z → Y → X; a unit cannot be above itself' }],
    ],
    [
      'two cycles, each once',
      [u('A', 'B'), u('B', 'A'), u('C', 'D'), u('D', 'C'), u('E', 'C')],
      [
        { index: 0, message: 'the unit tree has a cycle: A → B → A; a unit cannot be above itself' },
        { index: 2, message: 'the unit tree has a cycle: C → D → C; a unit cannot be above itself' },
      ],
    ],
    // The plan check's own errors; not repeated here.
    ['a unit its own parent', [u('A', 'A')], []],
    ['an unknown parent', [u('A', 'NOPE')], []],
  ])('%s', (_, units, problems) => {
    expect(unitTreeProblems(units)).toEqual(problems.map((p) => ({ ...p, field: 'parent' })));
  });

  it('ranks every level but other', () => {
    expect([...RANKED_UNIT_LEVELS, 'other']).toEqual([...UNIT_LEVELS]);
  });

  // Each level as the child of each level: refused exactly when the parent ranks lower.
  const pairs = UNIT_LEVELS.flatMap((child) => UNIT_LEVELS.map((parent) => [child, parent] as const));
  it.each(pairs)('a %s unit under a %s unit', (child, parent) => {
    const rank = (l: string) => (RANKED_UNIT_LEVELS as readonly string[]).indexOf(l);
    const refused = child !== 'other' && parent !== 'other' && rank(parent) > rank(child);
    expect(unitTreeProblems([u('P', undefined, parent), u('C', 'P', child)])).toEqual(
      refused
        ? [
            {
              index: 1,
              field: 'parent',
              message: `P (${parent}) stands below C (${child}): a parent unit cannot be at a lower level than its child`,
            },
          ]
        : [],
    );
  });
});
