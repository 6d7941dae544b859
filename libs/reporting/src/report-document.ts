// A report as a list of blocks (title, headings, paragraphs, notes, tables), written out as
// Markdown or HTML: both serialisations of one list, so both always say the same. Bulletins (通报)
// and reporting roll-ups (旬报 / 月通报) are built this way.

export type Block =
  | { readonly kind: 'title' | 'heading' | 'paragraph' | 'note'; readonly text: string }
  | {
      readonly kind: 'table';
      readonly header: readonly string[];
      readonly rows: readonly (readonly string[])[];
    };

export const DOCUMENT_FORMATS = ['md', 'html'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

export function renderDocument(blocks: readonly Block[], format: DocumentFormat, title: string): string {
  return format === 'md' ? markdown(blocks) : html(blocks, title);
}

// 2019-01-18 → 2019年1月18日
export function zhDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

// Markdown: imported titles and texts stay text (see mdText), and tables keep to one line per row,
// so `|` in cells is escaped too.
function markdown(blocks: readonly Block[]): string {
  const cell = (t: string) => mdText(t).replace(/\|/g, '\\|');
  return `${blocks
    .map((b) => {
      switch (b.kind) {
        case 'title':
          return `# ${mdText(b.text)}`;
        case 'heading':
          return `## ${mdText(b.text)}`;
        case 'note':
          return `> ${mdText(b.text)}`;
        case 'paragraph':
          return mdText(b.text);
        case 'table':
          return [
            `| ${b.header.map(cell).join(' | ')} |`,
            `| ${b.header.map(() => '---').join(' | ')} |`,
            ...b.rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
          ].join('\n');
      }
    })
    .join('\n\n')}\n`;
}

function html(blocks: readonly Block[], title: string): string {
  const body = blocks
    .map((b) => {
      switch (b.kind) {
        case 'title':
          return `<h1>${esc(b.text)}</h1>`;
        case 'heading':
          return `<h2>${esc(b.text)}</h2>`;
        case 'note':
          return `<p class="note">${esc(b.text)}</p>`;
        case 'paragraph':
          return `<p>${esc(b.text)}</p>`;
        case 'table':
          return [
            '<table>',
            `<thead><tr>${b.header.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead>`,
            `<tbody>${b.rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('')}</tbody>`,
            '</table>',
          ].join('');
      }
    })
    .join('\n');
  return [
    '<!doctype html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${esc(title)}</title>`,
    '<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.7}' +
      'table{border-collapse:collapse;width:100%}th,td{border:1px solid #bbb;padding:.3em .5em;text-align:left}' +
      'th{background:#eef2f7}.note{color:#555}</style>',
    '</head>',
    '<body>',
    body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

// Imported titles and texts are text, never markup: a measure title `[click](http://evil)` must not
// become a link in a bulletin, nor `![x](http://track)` an image that reports who opened it. Raw
// HTML and entities are escaped; the characters that open links, images, autolinks (`http:`,
// `mailto:`, `www.`), emphasis and code are backslash-escaped; line breaks become spaces, so no text
// starts a block of its own (heading, list, quote, code, link reference definition), and a list or
// heading marker at the start is escaped.
export function mdText(text: string): string {
  return text
    .replace(/\s*\n\s*/g, ' ')
    .replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c] ?? c)
    .replace(/[\\`*_~[\]#:]/g, '\\$&')
    .replace(/(www)\./gi, '$1\\.')
    .trimStart()
    .replace(/^([+=-])/, '\\$1')
    .replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2');
}

function esc(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}
