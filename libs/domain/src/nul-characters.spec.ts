import { nestingDepthOver, nulCharacterPaths } from './nul-characters';

describe('nulCharacterPaths', () => {
  it.each([
    ['a clean document', { title: '整改', list: ['a', 1, null, { b: 'c' }] }, []],
    ['a NUL in a field', { title: 'a\u0000b' }, ['title']],
    ['a NUL deep in a list', { measures: [{}, { due: '2030\u0000' }] }, ['measures[1].due']],
    ['a NUL in a key', { 'x\u0000': 1 }, ['(object) (a key)']],
    ['a NUL in a bare string', '\u0000', ['(value)']],
  ])('finds %s', (_, value, paths) => {
    expect(nulCharacterPaths(value)).toEqual(paths);
  });

  it('names paths under the root it is given, and stops at the limit', () => {
    expect(nulCharacterPaths({ a: '\u0000' }, ['body'])).toEqual(['body.a']);
    expect(
      nulCharacterPaths(
        Array.from({ length: 50 }, () => '\u0000'),
        [],
        3,
      ),
    ).toHaveLength(3);
  });
});

describe('nestingDepthOver', () => {
  const nested = (n: number): unknown => JSON.parse(`${'['.repeat(n)}${']'.repeat(n)}`);
  it.each([
    ['a string', () => 'a string', false],
    ['an empty list', () => [], false],
    ['a list in an object', () => ({ a: [] }), false],
    ['lists 64 deep', () => nested(64), false],
    ['lists 65 deep', () => nested(65), true],
    ['lists 20,000 deep', () => nested(20000), true],
  ])('says whether %s nest more than 64 deep: %s', (_, value, over) => {
    expect(nestingDepthOver(value(), 64)).toBe(over);
  });
});
