// The format readers of plan drafting (#18): uploaded bytes of a .txt, .docx or text-layer .pdf
// become a DocumentText whose paragraphs are the document's own, whatever the format, so the same
// text drafts to the same plan. Each refusal says what is wrong and what to send instead. The API
// reads documents in a worker thread with memory and time limits (isolated-document-text.reader.ts):
// the PDF library is an ES module only that thread loads.
import * as path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { documentTextOf } from './document-text';
import type { DocumentFormat, DocumentText, DraftRefusalCode } from './plan-draft';
import { wordParagraphs } from './word-numbering';

export type DocumentTextReading =
  | { readonly ok: true; readonly document: DocumentText }
  | { readonly ok: false; readonly code: DraftRefusalCode; readonly message: string };

const CONTENT_TYPES: Readonly<Record<string, DocumentFormat>> = {
  'text/plain': 'txt',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/pdf': 'pdf',
};
const EXTENSIONS: Readonly<Record<string, DocumentFormat>> = {
  '.txt': 'txt',
  '.docx': 'docx',
  '.pdf': 'pdf',
};

// The format an upload declares: by its content type (parameters such as `; charset=` ignored), or by
// the file name's extension when the type says nothing (application/octet-stream, or none).
export function documentFormatOf(
  contentType: string | undefined,
  fileName?: string,
): DocumentFormat | undefined {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (CONTENT_TYPES[type]) return CONTENT_TYPES[type];
  if (type !== '' && type !== 'application/octet-stream') return undefined;
  return fileName ? EXTENSIONS[path.extname(fileName).toLowerCase()] : undefined;
}

const SEND_INSTEAD = 'send the plan as a .txt (UTF-8), .docx or a PDF with a text layer';

export async function readDocumentText(
  bytes: Uint8Array,
  format: DocumentFormat,
): Promise<DocumentTextReading> {
  if (bytes.length === 0)
    return refusal('DOCUMENT_EMPTY', `the document is empty (0 bytes): ${SEND_INSTEAD}`);
  const text = await textOf(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), format);
  if (typeof text !== 'string') return text;
  const document = documentTextOf(text, format);
  if (document.paragraphs.length === 0)
    return refusal(
      'DOCUMENT_EMPTY',
      `the ${FORMAT_NAMES[format]} holds no text, only blank lines: ${SEND_INSTEAD}`,
    );
  return { ok: true, document };
}

const FORMAT_NAMES: Readonly<Record<DocumentFormat, string>> = {
  txt: 'text file',
  docx: 'Word document',
  pdf: 'PDF',
};

function textOf(bytes: Buffer, format: DocumentFormat): Promise<string | Refusal> | string | Refusal {
  switch (format) {
    case 'txt':
      return plainText(bytes);
    case 'docx':
      return wordText(bytes);
    case 'pdf':
      return pdfText(bytes);
  }
}

type Refusal = Extract<DocumentTextReading, { ok: false }>;
function refusal(code: DraftRefusalCode, message: string): Refusal {
  return { ok: false, code, message };
}

// UTF-8 (TextDecoder drops a byte-order mark), UTF-16 when a byte-order mark says so, else GB18030 (a
// superset of GBK and GB2312), which Chinese offices' editors still save by default.
function plainText(bytes: Buffer): string | Refusal {
  const decoded = decodeText(bytes);
  if (decoded === undefined || decoded.includes('\u0000'))
    return refusal(
      'DOCUMENT_UNREADABLE',
      'the text file is neither UTF-8 nor GB18030 (GBK) text: save it as UTF-8 text, or send the Word document',
    );
  return decoded;
}

function decodeText(bytes: Buffer): string | undefined {
  const bom16 = bytes.length >= 2 ? bytes.readUInt16BE(0) : 0;
  const encodings = bom16 === 0xfffe ? ['utf-16le'] : bom16 === 0xfeff ? ['utf-16be'] : ['utf-8', 'gb18030'];
  for (const encoding of encodings) {
    try {
      return new TextDecoder(encoding, { fatal: true }).decode(bytes);
    } catch {
      // Not this encoding: the next one, or none.
    }
  }
  return undefined;
}

const OLE_COMPOUND_FILE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);
const WORD_MAIN_PART = 'word/document.xml';
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

async function wordText(bytes: Buffer): Promise<string | Refusal> {
  // Word saves a password-protected .docx encrypted inside an OLE compound file, as a .doc is.
  if (bytes.subarray(0, 4).equals(OLE_COMPOUND_FILE) && bytes.includes(ENCRYPTED_PACKAGE))
    return refusal(
      'DOCUMENT_UNREADABLE',
      'the Word document is protected by a password: remove it (Word: File, Info, Protect Document) and send the document again',
    );
  if (bytes.subarray(0, 4).equals(OLE_COMPOUND_FILE))
    return refusal(
      'DOCUMENT_UNSUPPORTED',
      'this is an old binary Word document (.doc), which Rectify does not read: save it as .docx (Word: File, Save As, Word Document) and send that',
    );
  const entries = zipEntries(bytes);
  if (!entries)
    return refusal(
      'DOCUMENT_UNREADABLE',
      `the file is not a Word document (.docx is a zip archive; this is not one): ${SEND_INSTEAD}`,
    );
  const names = entries.map((e) => e.name);
  if (!names.includes(WORD_MAIN_PART))
    return refusal(
      'DOCUMENT_NOT_WORD',
      `the file is a zip archive but not a Word document (it has no ${WORD_MAIN_PART}${names.some((n) => n.startsWith('xl/')) ? '; it is an Excel workbook: import a plan workbook with POST /plans instead' : ''}): send the plan as a .docx`,
    );
  // mammoth is CommonJS; it is loaded on first use so that reading plain text does not load it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mammoth = require('mammoth') as typeof import('mammoth');
  try {
    // Paragraphs come out separated by a blank line, which documentTextOf drops.
    return withAutomaticNumbers((await mammoth.extractRawText({ buffer: bytes })).value, entries);
  } catch (e) {
    return refusal(
      'DOCUMENT_UNREADABLE',
      `the Word document cannot be read (${(e as Error).message}): save it again as .docx, or send it as PDF`,
    );
  }
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;

interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressed: Buffer;
  readonly declared: number;
}

// The entries a zip archive's central directory lists, or undefined when it is not a zip archive.
// Nothing is inflated: a Word document is told from any other zip by its names alone.
function zipEntries(buf: Buffer): ZipEntry[] | undefined {
  let end = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--)
    if (buf.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) {
      end = i;
      break;
    }
  if (end < 0) return undefined;
  const entries: ZipEntry[] = [];
  let at = buf.readUInt32LE(end + 16);
  for (let i = buf.readUInt16LE(end + 10); i > 0; i--) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== CENTRAL_FILE_HEADER) return undefined;
    const nameLength = buf.readUInt16LE(at + 28);
    const compressedSize = buf.readUInt32LE(at + 20);
    const localAt = buf.readUInt32LE(at + 42);
    const dataAt =
      localAt + 30 <= buf.length
        ? localAt + 30 + buf.readUInt16LE(localAt + 26) + buf.readUInt16LE(localAt + 28)
        : buf.length;
    entries.push({
      name: buf.toString('utf8', at + 46, at + 46 + nameLength),
      method: buf.readUInt16LE(at + 10),
      compressed: buf.subarray(dataAt, dataAt + compressedSize),
      declared: buf.readUInt32LE(at + 24),
    });
    at += 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return entries;
}

// The parts read again for Word's automatic numbers are inflated no further than they declare,
// and not at all beyond this: such a document is read without its automatic numbers (mammoth
// still reads it, within the thread's memory limit).
const MAX_NUMBERING_PART_BYTES = 32 * 1024 * 1024;

function zipPart(entries: readonly ZipEntry[], name: string): string | undefined {
  const entry = entries.find((e) => e.name === name);
  if (!entry || entry.declared > MAX_NUMBERING_PART_BYTES) return undefined;
  try {
    if (entry.method === 0) return entry.compressed.toString('utf8');
    if (entry.method !== 8) return undefined;
    return inflateRawSync(entry.compressed, { maxOutputLength: Math.max(entry.declared, 1) }).toString(
      'utf8',
    );
  } catch {
    // Cut short, or inflating beyond what it declares: mammoth says what is wrong with it.
    return undefined;
  }
}

// mammoth's paragraphs with the numbers Word draws before them put back. Its paragraphs and
// Word's own are aligned by their text: a paragraph found in neither order keeps no number.
function withAutomaticNumbers(text: string, entries: readonly ZipEntry[]): string {
  const numbering = zipPart(entries, 'word/numbering.xml');
  const document = numbering && zipPart(entries, WORD_MAIN_PART);
  if (!numbering || !document) return text;
  const numbered = wordParagraphs(document, numbering, zipPart(entries, 'word/styles.xml'));
  if (numbered.every((p) => p.label === '')) return text;
  const paragraphs = text.split('\n\n');
  let at = 0;
  for (const { text: own, label } of numbered) {
    const window = paragraphs.slice(at, at + ALIGNMENT_WINDOW + 1).indexOf(own);
    if (window < 0) continue;
    const found = at + window;
    if (label !== '') paragraphs[found] = label + paragraphs[found];
    at = found + 1;
  }
  return paragraphs.join('\n\n');
}

// How far ahead of the last aligned paragraph mammoth's next one is looked for.
const ALIGNMENT_WINDOW = 20;

// A page's text items as pdf.js gives them, and the page size.
interface PdfTextItem {
  readonly str: string;
  readonly transform: readonly number[];
  readonly width: number;
  readonly hasEOL: boolean;
}
interface PdfPage {
  readonly width: number;
  readonly items: readonly PdfTextItem[];
}

// Fewer letters than this per page on average: the pages are pictures (a scan) with at most a
// page number or a stamp as text.
const MIN_CHARACTERS_PER_PAGE = 16;

async function pdfText(bytes: Buffer): Promise<string | Refusal> {
  const pages = await pdfPages(bytes);
  if (!Array.isArray(pages)) return pages;
  const characters = pages.reduce(
    (n, p) => n + p.items.reduce((m, i) => m + i.str.replace(/\s/g, '').length, 0),
    0,
  );
  if (characters < MIN_CHARACTERS_PER_PAGE * pages.length)
    return refusal(
      'DOCUMENT_NO_TEXT_LAYER',
      'this PDF has no text layer (a scan?); Rectify does not run OCR: send the Word file or a PDF saved from it',
    );
  return pdfParagraphs(pages).join('\n');
}

async function pdfPages(bytes: Buffer): Promise<PdfPage[] | Refusal> {
  // An ES module only: Node's require(esm) loads it in the reading thread; Jest's runtime cannot.
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const root = path.dirname(require.resolve('pdfjs-dist/package.json'));
  // pdf.js takes ownership of the buffer it is given: a copy.
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    // Chinese PDFs often use the predefined CJK encodings (UniGB-UCS2-H) without embedding fonts.
    cMapUrl: `${root}/cmaps/`,
    cMapPacked: true,
    standardFontDataUrl: `${root}/standard_fonts/`,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  });
  try {
    const doc = await task.promise;
    const pages: PdfPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const items = content.items.flatMap((i) =>
        'str' in i
          ? [{ str: i.str, transform: i.transform as number[], width: i.width, hasEOL: i.hasEOL }]
          : [],
      );
      pages.push({ width: page.getViewport({ scale: 1 }).width, items });
      page.cleanup();
    }
    return pages;
  } catch (e) {
    const name = (e as Error).name;
    return refusal(
      'DOCUMENT_UNREADABLE',
      name === 'PasswordException'
        ? 'the PDF is protected by a password: send it without one, or send the Word file'
        : `the PDF cannot be read (${(e as Error).message}): send the Word file or a PDF saved from it`,
    );
  } finally {
    await task.destroy();
  }
}

interface PdfLine {
  readonly page: number;
  readonly text: string;
  readonly x: number;
  readonly end: number;
  readonly y: number;
  // The font size (text height) of the line's first item.
  readonly size: number;
}

// Lines from the items by their baseline (a new line at hasEOL or where the baseline moves by more
// than half the text height), then paragraphs from lines. A paragraph ends before a line that is
// indented (the first line of a paragraph, 首行缩进 in official documents) or follows a wider gap
// (a blank line). In a document that indents its paragraphs, that is all; in one that does not, a
// paragraph also ends at a line that stops short of the right edge: the next line's first word
// would have fitted there. (A paragraph whose last line happens to end within a word of the edge
// then runs into the next one: without indents or gaps, a PDF does not say otherwise.)
function pdfParagraphs(pages: readonly PdfPage[]): string[] {
  const lines = pages.flatMap((page, n) => withoutPageNumber(pdfLines(page.items, n)));
  if (lines.length === 0) return [];
  // Folded, not spread: a PDF may have more lines than a call takes arguments.
  const left = lines.reduce((x, l) => Math.min(x, l.x), Infinity);
  const right = Math.max(
    lines.reduce((x, l) => Math.max(x, l.end), -Infinity),
    pages.reduce((x, p) => Math.max(x, p.width - left), -Infinity),
  );
  const pitch = typicalPitch(lines);
  const indented = (line: PdfLine) => line.x > left + line.size / 2;
  const wrapped = (before: PdfLine, line: PdfLine) =>
    right - before.end < firstWordWidth(line) + line.size / 10;
  // Lines after a line that stopped far short of the edge start paragraphs: are they indented?
  const starts = lines.filter((line, i) => i > 0 && right - lines[i - 1].end > 4 * line.size);
  const indents = starts.length >= 3 && starts.filter(indented).length >= 0.8 * starts.length;
  const paragraphs: string[] = [];
  let current = lines[0].text;
  for (let i = 1; i < lines.length; i++) {
    const [before, line] = [lines[i - 1], lines[i]];
    const gap = before.page === line.page ? before.y - line.y : pitch;
    const continues = !indented(line) && gap < pitch * 1.5 && (indents || wrapped(before, line));
    if (continues) current += wrapJoint(current, line.text) + line.text;
    else {
      paragraphs.push(current);
      current = line.text;
    }
  }
  paragraphs.push(current);
  return paragraphs.map((p) => p.trim());
}

// A page number (`— 3 —`, `- 3 -`, `3`, `第3页 共9页`, `3/9`), as official documents print
// at the foot of each page: not text of the document, and it would cut a paragraph that runs on
// over the page in two.
const PAGE_NUMBER =
  /^(?:[-—–－\s]*\d{1,4}[-—–－\s]*|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*\/\s*\d+)$/u;

// The page's lines without a page number printed above or below all the others.
function withoutPageNumber(lines: readonly PdfLine[]): PdfLine[] {
  if (lines.length < 2) return [...lines];
  const top = lines.reduce((y, l) => Math.max(y, l.y), -Infinity);
  const bottom = lines.reduce((y, l) => Math.min(y, l.y), Infinity);
  return lines.filter((l) => !((l.y === top || l.y === bottom) && PAGE_NUMBER.test(l.text.trim())));
}

function pdfLines(items: readonly PdfTextItem[], page: number): PdfLine[] {
  const lines: PdfLine[] = [];
  let parts: PdfTextItem[] = [];
  const flush = () => {
    const shown = parts.filter((p) => p.str !== '');
    if (shown.length > 0 && shown.some((p) => p.str.trim() !== '')) {
      let text = '';
      let end = shown[0].transform[4];
      for (const p of shown) {
        const size = fontSize(p);
        if (
          text !== '' &&
          p.transform[4] - end > size / 4 &&
          !/\s$/.test(text) &&
          !noSpaceBetween(text, p.str)
        )
          text += ' ';
        text += p.str;
        end = Math.max(end, p.transform[4] + p.width);
      }
      const first = shown[0];
      lines.push({ page, text, x: first.transform[4], end, y: first.transform[5], size: fontSize(first) });
    }
    parts = [];
  };
  for (const item of items) {
    const last = parts.at(-1);
    if (last && (last.hasEOL || Math.abs(item.transform[5] - last.transform[5]) > fontSize(last) / 2))
      flush();
    parts.push(item);
  }
  flush();
  return lines;
}

function fontSize(item: PdfTextItem): number {
  return Math.hypot(item.transform[2], item.transform[3]) || 1;
}

// The usual distance between the baselines of consecutive lines on a page.
function typicalPitch(lines: readonly PdfLine[]): number {
  const gaps: number[] = [];
  for (let i = 1; i < lines.length; i++)
    if (lines[i].page === lines[i - 1].page && lines[i - 1].y > lines[i].y)
      gaps.push(lines[i - 1].y - lines[i].y);
  if (gaps.length === 0) return Infinity;
  gaps.sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)];
}

// CJK characters and full-width punctuation: no space between them and their neighbours.
const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u2018-\u201d\u2026\u2014]/u;
function noSpaceBetween(before: string, after: string): boolean {
  return CJK.test(before.at(-1) ?? '') || CJK.test(after[0] ?? '');
}

// What a wrapped line lost at its end: a space where words were wrapped at one (Latin text), nothing
// within CJK text, numbers or after punctuation followed by a digit (`部署,2018年`).
function wrapJoint(before: string, after: string): string {
  const last = before.at(-1) ?? '';
  const first = after[0] ?? '';
  if (/[A-Za-z0-9]/.test(last) && /[A-Za-z0-9]/.test(first)) return ' ';
  if (/[,.;:!?)]/.test(last) && /[A-Za-z]/.test(first)) return ' ';
  return '';
}

// Where a line breaker may not break (a simplification of UAX #14 and of the Chinese line-breaking
// rules, 禁则): before closing punctuation, after opening punctuation, on either side of a quotation
// mark, and within a run of Latin letters, digits and their punctuation.
const NO_BREAK_BEFORE = /[，。、；：？！）》」』】〕…—,.;:!?)\]%]/u;
const NO_BREAK_AFTER = /[（《「『【〔([]/u;
const QUOTATION = /[“”‘’"']/u;
function glued(before: string, after: string): boolean {
  if (NO_BREAK_BEFORE.test(after) || NO_BREAK_AFTER.test(before)) return true;
  if (QUOTATION.test(before) || QUOTATION.test(after)) return true;
  return !CJK.test(before) && !CJK.test(after) && !/\s/.test(before) && !/\s/.test(after);
}

// The width of the line's first unbreakable piece, estimated (a CJK character is one em wide, a
// Latin one about half): had the line before ended farther than this from the edge, the piece
// would have fitted there, so that line was not wrapped.
function firstWordWidth(line: PdfLine): number {
  const text = [...line.text];
  let n = 1;
  while (n < text.length && glued(text[n - 1], text[n])) n++;
  return text.slice(0, n).reduce((w, c) => w + (CJK.test(c) ? line.size : line.size * 0.55), 0);
}
