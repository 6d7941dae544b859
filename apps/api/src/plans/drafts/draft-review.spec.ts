import type { DraftConfidence, DraftFieldSource } from '../../../../../libs/plan-io/src/draft/plan-draft';
import { DRAFT_CONFIDENCES } from '../../../../../libs/plan-io/src/draft/plan-draft';
import { doubtfulFields, fieldPathOfPointer, missingFields, patchPlan, touchedFields } from './draft-review';

const field = (path: string, confidence: DraftConfidence): DraftFieldSource => ({
  path,
  paragraph: null,
  start: null,
  end: null,
  confidence,
  rule: 'test',
});

describe('fieldPathOfPointer: JSON Pointers as draft field paths', () => {
  it.each([
    ['', ''],
    ['/plan/code', 'plan.code'],
    [
      '/categories/0/aspects/1/problems/2/measures/0/due',
      'categories[0].aspects[1].problems[2].measures[0].due',
    ],
    ['/units/3', 'units[3]'],
    ['/a~1b/c~0d', 'a/b.c~d'],
  ])('%s → %s', (pointer, path) => expect(fieldPathOfPointer(pointer)).toBe(path));
});

describe('doubtful and missing fields, by confidence', () => {
  it.each(DRAFT_CONFIDENCES.map((c) => [c]))('%s', (confidence) => {
    const f = [field('plan.title', confidence)];
    const doubtful = confidence === 'low' || confidence === 'missing';
    expect(doubtfulFields(f, [])).toHaveLength(doubtful ? 1 : 0);
    expect(missingFields(f, [])).toHaveLength(confidence === 'missing' ? 1 : 0);
    // An edited field is neither, whatever the reading was.
    expect(doubtfulFields(f, ['plan.title'])).toEqual([]);
    expect(missingFields(f, ['plan.title'])).toEqual([]);
  });
});

describe('touchedFields: the fields an edit reaches', () => {
  const due = 'categories[0].aspects[0].problems[0].measures[1].due';
  const co = 'categories[0].aspects[0].problems[0].measures[1].coUnits';
  const fields = [
    field(due, 'missing'),
    field(co, 'low'),
    field('categories[0].aspects[0].problems[0].measures[10].due', 'low'),
  ];
  it.each([
    [
      'the field itself',
      { op: 'replace', path: '/categories/0/aspects/0/problems/0/measures/1/due', value: 'x' },
      [due],
    ],
    [
      'a part of it',
      { op: 'add', path: '/categories/0/aspects/0/problems/0/measures/1/coUnits/-', value: 'U' },
      [co],
    ],
    [
      'what holds it',
      { op: 'replace', path: '/categories/0/aspects/0/problems/0/measures/1', value: {} },
      [due, co],
    ],
    [
      'a sibling with a longer index, not it',
      { op: 'replace', path: '/categories/0/aspects/0/problems/0/measures/10/title', value: 'x' },
      [],
    ],
    [
      'a test, nothing',
      { op: 'test', path: '/categories/0/aspects/0/problems/0/measures/1/due', value: 'x' },
      [],
    ],
    [
      'a move, from where it took',
      { op: 'move', from: '/categories/0/aspects/0/problems/0/measures/1/due', path: '/x' },
      [due],
    ],
  ] as const)('%s', (_, op, touched) => expect(touchedFields(fields, [op as never])).toEqual(touched));
});

describe('patchPlan: all operations or none', () => {
  const plan = { plan: { code: 'A', title: 'T' }, units: [{ code: 'U1' }] };

  it('applies to a copy', () => {
    const r = patchPlan(plan, [
      { op: 'replace', path: '/plan/title', value: 'T2' },
      { op: 'add', path: '/units/-', value: { code: 'U2' } },
    ]);
    expect(r).toEqual({
      ok: true,
      plan: { plan: { code: 'A', title: 'T2' }, units: [{ code: 'U1' }, { code: 'U2' }] },
    });
    expect(plan.plan.title).toBe('T');
  });

  it.each([
    [
      'a path that does not resolve',
      [
        { op: 'replace', path: '/plan/title', value: 'ok' },
        { op: 'replace', path: '/nothing/here', value: 1 },
      ],
      '[1]',
      'operation 1 (/nothing/here): ',
    ],
    ['an unknown operation', [{ op: 'rename', path: '/plan/title' }], '[0]', 'operation 0 (/plan/title): '],
    ['a value missing', [{ op: 'add', path: '/plan/x' }], '[0]', 'operation 0 (/plan/x): '],
    ['a failed test', [{ op: 'test', path: '/plan/code', value: 'B' }], '[0]', 'operation 0 (/plan/code): '],
  ])('refuses %s, naming the operation', (_, ops, path, message) => {
    const r = patchPlan(plan, ops);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.details).toEqual([{ path, message: expect.stringContaining(message) }]);
    expect(r.message).not.toContain('\n');
    expect(plan).toEqual({ plan: { code: 'A', title: 'T' }, units: [{ code: 'U1' }] });
  });

  it.each([[[]], [{}], ['x'], [null]])('refuses a body that is not a list of operations: %j', (body) => {
    expect(patchPlan(plan, body)).toMatchObject({ ok: false, details: [{ path: '(body)' }] });
  });

  it('refuses a patch that leaves no plan document', () => {
    expect(patchPlan(plan, [{ op: 'replace', path: '', value: [1] }])).toMatchObject({ ok: false });
  });
});
