import { fileNameRefusal } from './evidence-file-name';

describe('evidence file names', () => {
  it.each([
    '整改佐证.pdf',
    '台账 (2019) 第3批.xlsx',
    'تقرير.pdf', // right-to-left text itself is fine; only the invisible controls are not
    'naïve – draft.docx',
  ])('accepts %s', (name) => {
    expect(fileNameRefusal(name)).toBeNull();
  });

  it.each([
    ['\u202a', 'U+202A'],
    ['\u202b', 'U+202B'],
    ['\u202c', 'U+202C'],
    ['\u202d', 'U+202D'],
    ['\u202e', 'U+202E'],
    ['\u2066', 'U+2066'],
    ['\u2067', 'U+2067'],
    ['\u2068', 'U+2068'],
    ['\u2069', 'U+2069'],
    ['\u200e', 'U+200E'],
    ['\u200f', 'U+200F'],
    ['\u061c', 'U+061C'],
  ])('refuses the bidirectional control %j, naming %s', (c, codePoint) => {
    expect(fileNameRefusal(`invoice${c}fdp.exe`)).toBe(
      `contains ${codePoint}, a bidirectional control character`,
    );
  });

  it.each([
    ['\u0000', 'U+0000'],
    ['\t', 'U+0009'],
    ['\n', 'U+000A'],
    ['\r', 'U+000D'],
    ['\u001b', 'U+001B'],
    ['\u007f', 'U+007F'],
    ['\u0085', 'U+0085'],
    ['\u009b', 'U+009B'],
    ['\u2028', 'U+2028'],
    ['\u2029', 'U+2029'],
  ])('refuses the control character %j, naming %s', (c, codePoint) => {
    expect(fileNameRefusal(`a${c}b.pdf`)).toBe(`contains ${codePoint}, a control character`);
  });

  it.each([
    ['../../etc/passwd', 'U+002F (/)'],
    ['..\\boot.ini', 'U+005C (\\)'],
  ])('refuses a path in %s', (name, codePoint) => {
    expect(fileNameRefusal(name)).toBe(`contains ${codePoint}, a path separator`);
  });

  it('names the first offending character', () => {
    expect(fileNameRefusal('a\u202eb\u0000c')).toBe('contains U+202E, a bidirectional control character');
  });
});
