// The document text of plain text: one paragraph per line. The format readers give Word and PDF
// documents the same shape (their paragraphs joined the same way), so the structure reader sees
// one kind of input whatever the file was, and offsets agree between formats of the same text.
import type { DocumentFormat, DocumentParagraph, DocumentText } from './plan-draft';

// Lines split on any line break (\r\n, \n, \r). Blank lines carry nothing and are dropped; the other
// lines are kept exactly as written (nothing trimmed: offsets must point at the very characters the
// document has). `text` is the kept paragraphs joined by '\n', so for every paragraph
// `text.slice(p.start, p.start + p.text.length) === p.text`. A leading byte-order mark is not text.
export function documentTextOf(text: string, format: DocumentFormat = 'txt'): DocumentText {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\n|\r/)
    .filter((line) => line.trim() !== '');
  const paragraphs: DocumentParagraph[] = [];
  let start = 0;
  for (const line of lines) {
    paragraphs.push({ index: paragraphs.length, start, text: line });
    start += line.length + 1;
  }
  return { format, text: lines.join('\n'), paragraphs };
}
