import { mdText, renderDocument } from './report-document';

describe('imported text in a Markdown report', () => {
  it.each([
    ['a link', '[click](http://evil)', '\\[click\\](http\\://evil)'],
    ['an image (a tracking pixel)', '![x](http://track)', '!\\[x\\](http\\://track)'],
    ['a reference link', '[a][r]', '\\[a\\]\\[r\\]'],
    [
      'a link reference definition on a line of its own',
      '整改\n[r]: http://evil',
      '整改 \\[r\\]\\: http\\://evil',
    ],
    ['an autolink in angle brackets', '<http://evil>', '&lt;http\\://evil&gt;'],
    ['a bare URL (GFM autolink)', '见https://evil.example/x', '见https\\://evil.example/x'],
    ['a www autolink', '见www.evil.example', '见www\\.evil.example'],
    ['a www autolink after emphasis', '_WWW.evil.example_', '\\_WWW\\.evil.example\\_'],
    ['a mailto autolink', 'mailto:a@evil.example', 'mailto\\:a@evil.example'],
    ['raw HTML', '<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    ['an entity', '&#60;script&#62;', '&amp;\\#60;script&amp;\\#62;'],
    ['emphasis and strikethrough', '*a* __b__ ~~c~~', '\\*a\\* \\_\\_b\\_\\_ \\~\\~c\\~\\~'],
    ['a code span', '`rm -rf`', '\\`rm -rf\\`'],
    ['a backslash', 'a\\b', 'a\\\\b'],
    ['a heading on a new line', '措施\n# 标题', '措施 \\# 标题'],
    ['a list item at the start', '- 一项', '\\- 一项'],
    ['a list item after spaces', '   + 一项', '\\+ 一项'],
    ['an ordered list item at the start', '1. 一项', '1\\. 一项'],
    ['an ordered list item with a parenthesis', '2) 一项', '2\\) 一项'],
    ['indented code', '    code', 'code'],
    ['a setext underline', '标题\n===', '标题 ==='],
  ])('escapes %s', (_label, text, escaped) => {
    expect(mdText(text)).toBe(escaped);
  });

  it.each(['9月底前完成2.65万户危房改造', '2019-09-30', '66.7%', '省住建厅（省扶贫办）', 'P01-M1 第2项措施'])(
    'leaves plain text as it is: %s',
    (text) => {
      expect(mdText(text)).toBe(text);
    },
  );

  it('escapes titles, headings, notes, paragraphs and table cells alike', () => {
    const md = renderDocument(
      [
        { kind: 'title', text: '[t](http://evil)' },
        { kind: 'heading', text: '[h](http://evil)' },
        { kind: 'note', text: '[n](http://evil)' },
        { kind: 'paragraph', text: '![p](http://track)' },
        { kind: 'table', header: ['措施'], rows: [['[c](http://evil) | x']] },
      ],
      'md',
      'report',
    );
    expect(md).toBe(
      [
        '# \\[t\\](http\\://evil)',
        '## \\[h\\](http\\://evil)',
        '> \\[n\\](http\\://evil)',
        '!\\[p\\](http\\://track)',
        '| 措施 |\n| --- |\n| \\[c\\](http\\://evil) \\| x |',
      ].join('\n\n') + '\n',
    );
  });

  it('leaves the HTML edition to HTML escaping: a link there is already text', () => {
    const html = renderDocument([{ kind: 'paragraph', text: '[click](http://evil) <b>' }], 'html', 't');
    expect(html).toContain('<p>[click](http://evil) &lt;b&gt;</p>');
  });
});
