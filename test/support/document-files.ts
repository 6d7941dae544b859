// Real Word and PDF documents made from text by the tests of plan drafting (#18), and documents a
// draft must refuse: a scan, a zip that is not a Word document, a Word zip bomb.
import { constants, crc32, deflateRawSync } from 'node:zlib';
import { Document, LevelFormat, Packer, Paragraph } from 'docx';
import PDFDocument from 'pdfkit';
import { zip, zipOf, type ZipEntry } from './sample-files';

const CJK_FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
// The font of the collection: its PostScript name (family 'WenQuanYi Micro Hei').
const CJK_FONT_NAME = 'WenQuanYiMicroHei';

// A Word document with one paragraph per non-blank line of the text; headings are ordinary
// paragraphs, as in most offices' documents (the numbering says the level, not the style). With
// `automaticNumbers`, the typed numbers `一、` `（一）` `1.` `（1）` become Word's automatic
// numbering instead (a list per kind, a list started afresh where the text's count starts again),
// so the numbers are in the document's numbering part, not in its text.
export async function wordDocumentOf(
  text: string,
  options: { readonly automaticNumbers?: boolean } = {},
): Promise<Buffer> {
  const last = new Map<string, { instance: number; count: number }>();
  let instances = 0;
  const paragraphs = text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const kind = options.automaticNumbers ? AUTOMATIC_NUMBERS.find((k) => k.typed.test(line)) : undefined;
      if (!kind) return new Paragraph({ text: line });
      const [typed, number] = kind.typed.exec(line)!;
      const count = kind.count(number);
      const before = last.get(kind.reference);
      const instance = before && before.count + 1 === count ? before.instance : ++instances;
      last.set(kind.reference, { instance, count });
      return new Paragraph({
        text: line.slice(typed.length),
        numbering: { reference: kind.reference, level: 0, instance },
      });
    });
  return Packer.toBuffer(
    new Document({
      numbering: {
        config: AUTOMATIC_NUMBERS.map((k) => ({
          reference: k.reference,
          levels: [{ level: 0, format: k.format, text: k.text, start: 1 }],
        })),
      },
      sections: [{ children: paragraphs }],
    }),
  );
}

const chineseCount = (n: string): number =>
  n.length === 1
    ? '一二三四五六七八九十'.indexOf(n) + 1
    : n.startsWith('十')
      ? 10 + chineseCount(n.slice(1))
      : 0;
const AUTOMATIC_NUMBERS = [
  {
    reference: 'part',
    typed: /^([一二三四五六七八九十]+)、/,
    format: LevelFormat.CHINESE_COUNTING,
    text: '%1、',
    count: chineseCount,
  },
  {
    reference: 'section',
    typed: /^（([一二三四五六七八九十]+)）/,
    format: LevelFormat.CHINESE_COUNTING,
    text: '（%1）',
    count: chineseCount,
  },
  { reference: 'item', typed: /^(\d+)\./, format: LevelFormat.DECIMAL, text: '%1.', count: Number },
  { reference: 'step', typed: /^（(\d+)）/, format: LevelFormat.DECIMAL, text: '（%1）', count: Number },
];

export interface PdfOptions {
  // Indent the first line of each paragraph by two characters (首行缩进), as official documents
  // do (GB/T 9704); without it the reader has only the line ends and the gaps to go by.
  readonly firstLineIndent?: boolean;
  // Print the page number at the foot of each page, `— 1 —`, as official documents do.
  readonly pageNumbers?: boolean;
  // Encrypt it: readers must ask for this password to open it.
  readonly userPassword?: string;
}

// A PDF with a text layer, A4, 12 pt WenQuanYi Micro Hei: one paragraph per line of the text, long
// lines wrapped at the page width by pdfkit (so a long paragraph becomes several lines of the PDF,
// over pages), a blank line of the text a blank line of the page.
export function pdfOf(text: string, options: PdfOptions = {}): Promise<Buffer> {
  return pdfDocument({ userPassword: options.userPassword, bufferPages: options.pageNumbers }, (doc) => {
    doc.registerFont(CJK_FONT_NAME, CJK_FONT, CJK_FONT_NAME).font(CJK_FONT_NAME).fontSize(12);
    for (const line of text.split('\n')) {
      if (line.trim() === '') doc.moveDown();
      else doc.text(line, { indent: options.firstLineIndent ? 24 : 0 });
    }
    if (options.pageNumbers) {
      const { start, count } = doc.bufferedPageRange();
      for (let page = start; page < start + count; page++) {
        doc.switchToPage(page);
        // Below the bottom margin, where pdfkit would otherwise start a new page.
        const bottom = doc.page.margins.bottom;
        doc.page.margins.bottom = 0;
        doc.text(`— ${page + 1} —`, 0, doc.page.height - 50, { width: doc.page.width, align: 'center' });
        doc.page.margins.bottom = bottom;
      }
    }
  });
}

// A PDF as older Chinese office software writes one: the text in STSong-Light, one of the
// standard Chinese fonts a PDF may name without embedding it, encoded UniGB-UCS2-H. Its text
// layer is readable only with that encoding's character map (from pdf.js's package). One line per
// line of the text, none wrapped.
export function pdfInStandardChineseFont(text: string): Buffer {
  const lines = text.split('\n').map((line, i) => {
    const hex = [...line].map((c) => c.charCodeAt(0).toString(16).padStart(4, '0')).join('');
    return `BT /F1 14 Tf 72 ${770 - 20 * i} Td <${hex}> Tj ET`;
  });
  const content = lines.join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>',
    `<< /Length ${Buffer.byteLength(content)} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 7 0 R >>',
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 4 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(pdf));
    pdf += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf);
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

// A "scanned" PDF: two pages of drawings only (the shapes a scan's images would show), with a page
// number as their only text, as a scanner's software stamps it.
export function scannedPdf(): Promise<Buffer> {
  return pdfDocument({}, (doc) => {
    doc.registerFont(CJK_FONT_NAME, CJK_FONT, CJK_FONT_NAME).font(CJK_FONT_NAME).fontSize(10);
    for (let page = 1; page <= 2; page++) {
      if (page > 1) doc.addPage();
      for (let row = 0; row < 30; row++)
        doc.rect(72, 90 + row * 22, 300 + ((row * 37) % 150), 9).fill('#333');
      doc.text(`— ${page} —`, 280, 800, { lineBreak: false });
    }
  });
}

function pdfDocument(
  options: { readonly userPassword?: string; readonly bufferPages?: boolean },
  draw: (doc: PDFKit.PDFDocument) => void,
): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', info: { Title: 'Rectify test document' }, ...options });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  draw(doc);
  doc.end();
  return done;
}

// A zip archive that is not a Word document: a few notes and a picture, no word/document.xml.
export function zipNotWord(): Buffer {
  return zip({ 'notes.txt': '整改台账说明', 'images/seal.png': Buffer.alloc(64, 1) });
}

// An old binary Word document (.doc) as far as its first bytes go: the OLE compound file header.
export function oldWordDocument(): Buffer {
  return Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
}

// A Word document protected by a password as far as its first bytes go: Word keeps it encrypted
// as the EncryptedPackage stream of an OLE compound file.
export function passwordWordDocument(): Buffer {
  return Buffer.concat([oldWordDocument(), Buffer.from('EncryptedInfo\0EncryptedPackage\0', 'utf16le')]);
}

// A .docx whose word/document.xml inflates from a few KB to `megabytes` MB of tiny paragraphs:
// well-formed, every zip header honest, and far more document than a thread's heap limit holds
// once read. The deflate stream is one fully flushed block repeated: a full flush resets the
// window, so each copy inflates on its own.
export function wordZipBomb(megabytes: number): Buffer {
  const body = '<w:p><w:r><w:t>整改</w:t></w:r></w:p>';
  const block = Buffer.from(body.repeat(Math.floor((1024 * 1024) / Buffer.byteLength(body))));
  const head = Buffer.from(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>',
  );
  const tail = Buffer.from('</w:body></w:document>');
  const flushed = (b: Buffer) => deflateRawSync(b, { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const blockDeflated = flushed(block);
  const data = Buffer.concat([
    flushed(head),
    ...Array<Buffer>(megabytes).fill(blockDeflated),
    deflateRawSync(tail),
  ]);
  let crc = crc32(head);
  for (let i = 0; i < megabytes; i++) crc = crc32(block, crc);
  crc = crc32(tail, crc);
  const size = head.length + block.length * megabytes + tail.length;
  return zipOf([
    deflatedEntry('[Content_Types].xml', CONTENT_TYPES),
    deflatedEntry('_rels/.rels', PACKAGE_RELATIONSHIPS),
    { name: 'word/document.xml', data, method: 8, crc, size },
  ]);
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const PACKAGE_RELATIONSHIPS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';

function deflatedEntry(name: string, text: string): ZipEntry {
  const raw = Buffer.from(text);
  return { name, data: deflateRawSync(raw), method: 8, crc: crc32(raw), size: raw.length };
}

// A file of `megabytes` MB of plain text, for the upload limit.
export function largeTextFile(megabytes: number): Buffer {
  return Buffer.alloc(megabytes * 1024 * 1024, '整改措施。\n');
}
