import { documentTextOf } from './document-text';

describe('documentTextOf', () => {
  it.each([
    ['one line', 'a', ['a']],
    ['\\n breaks', 'a\nb', ['a', 'b']],
    ['\\r\\n breaks', 'a\r\nb\r\n', ['a', 'b']],
    ['\\r breaks', 'a\rb', ['a', 'b']],
    ['blank lines dropped', '\n\na\n   \n\u3000\nb\n\n', ['a', 'b']],
    ['nothing trimmed', '  一、总体要求 \n\t（一）x', ['  一、总体要求 ', '\t（一）x']],
    ['a byte-order mark is not text', '\uFEFF标题\n正文', ['标题', '正文']],
    ['empty text', '', []],
  ])('%s', (_case, input, expected) => {
    const doc = documentTextOf(input);
    expect(doc.paragraphs.map((p) => p.text)).toEqual(expected);
    expect(doc.text).toBe(expected.join('\n'));
    doc.paragraphs.forEach((p, i) => {
      expect(p.index).toBe(i);
      expect(doc.text.slice(p.start, p.start + p.text.length)).toBe(p.text);
    });
  });

  it('keeps the format it is given', () => {
    expect(documentTextOf('a').format).toBe('txt');
    expect(documentTextOf('a', 'docx').format).toBe('docx');
  });
});
