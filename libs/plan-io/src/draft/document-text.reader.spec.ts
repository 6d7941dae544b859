import * as fs from 'node:fs';
import * as path from 'node:path';
import { documentTextOf } from './document-text';
import { documentFormatOf, readDocumentText } from './document-text.reader';
import { IsolatedDocumentTextReader } from './isolated-document-text.reader';
import { readPlanDraft } from './plan-draft.reader';
import type { DocumentFormat } from './plan-draft';
import {
  oldWordDocument,
  passwordWordDocument,
  pdfInStandardChineseFont,
  pdfOf,
  scannedPdf,
  wordDocumentOf,
  wordZipBomb,
  zipNotWord,
} from '../../../../test/support/document-files';
import { planTemplateWorkbook } from '../xlsx-template.writer';

const DOCUMENTS = path.join(__dirname, '../../../../test/fixtures/documents');
const smallPlan = fs.readFileSync(path.join(DOCUMENTS, 'small-plan.txt'), 'utf8');
const SEED = path.join(DOCUMENTS, 'gansu-rectification-bulletin-2019.txt');

// Each reading starts a worker thread that loads mammoth and pdf.js: seconds on a loaded machine.
jest.setTimeout(120_000);

describe('reading documents to draft plans from, in the reading threads', () => {
  const readers: IsolatedDocumentTextReader[] = [];
  const reader = (memoryMb = 256, timeoutMs = 60_000) => {
    const r = new IsolatedDocumentTextReader({ memoryMb, timeoutMs });
    readers.push(r);
    return r;
  };
  afterAll(() => Promise.all(readers.map((r) => r.onModuleDestroy())));
  const shared = reader();
  const documentOf = async (bytes: Uint8Array, format: DocumentFormat) => {
    const reading = await shared.read(bytes, format);
    if (!reading.ok) throw new Error(`${reading.code}: ${reading.message}`);
    expect(reading.document.format).toBe(format);
    return reading.document;
  };
  const paragraphsOf = async (bytes: Uint8Array, format: DocumentFormat) =>
    (await documentOf(bytes, format)).paragraphs.map((p) => p.text);

  it('reads the small plan from text, Word and PDF to the same paragraphs, and drafts the same plan from each', async () => {
    const lines = smallPlan.split('\n').filter((l) => l.trim() !== '');
    const documents = [
      await documentOf(Buffer.from(smallPlan), 'txt'),
      await documentOf(await wordDocumentOf(smallPlan), 'docx'),
      await documentOf(await wordDocumentOf(smallPlan, { automaticNumbers: true }), 'docx'),
      await documentOf(await pdfOf(smallPlan), 'pdf'),
      await documentOf(await pdfOf(smallPlan, { firstLineIndent: true }), 'pdf'),
    ];
    const fromText = readPlanDraft(documents[0]);
    expect(fromText.ok).toBe(true);
    for (const document of documents) {
      expect(document.paragraphs.map((p) => p.text)).toEqual(lines);
      expect(readPlanDraft(document)).toEqual(fromText);
    }
  });

  it('drafts in the reading thread the plan readPlanDraft drafts from the text, with the given units', async () => {
    const units = [{ code: 'LH-FINANCE', name: '县财政局', level: 'county' }];
    const drafted = await shared.draft(await wordDocumentOf(smallPlan), 'docx', { units });
    if (!drafted.ok) throw new Error(`${drafted.code}: ${drafted.message}`);
    expect(drafted.draft).toEqual(
      (readPlanDraft(documentTextOf(smallPlan), { units }) as { draft: unknown }).draft,
    );
    expect(JSON.stringify(drafted.draft.plan)).toContain('"leadUnit":"LH-FINANCE"');
    // A document with no problem structure is refused by the thread's drafting, not read as text.
    expect(await shared.draft(Buffer.from('会议纪要\n今天天气晴。\n'), 'txt', {})).toMatchObject({
      ok: false,
      code: 'DOCUMENT_NO_STRUCTURE',
    });
  });

  it('reads the seed bulletin back from its PDF laid out as official documents are (indents, page numbers): long paragraphs wrapped over many lines and pages are one paragraph each, and draft the same plan as the text', async () => {
    const seed = fs.readFileSync(SEED, 'utf8');
    const lines = seed.split('\n').filter((l) => l.trim() !== '');
    const pdf = await documentOf(await pdfOf(seed, { firstLineIndent: true, pageNumbers: true }), 'pdf');
    expect(pdf.paragraphs.map((p) => p.text)).toEqual(lines);
    expect(readPlanDraft(pdf)).toEqual(readPlanDraft(documentTextOf(seed)));
  });

  it('reads the seed bulletin back from a PDF without indents by its line ends: paragraphs never split or lose text, few run together', async () => {
    const seed = fs.readFileSync(SEED, 'utf8');
    const lines = seed.split('\n').filter((l) => l.trim() !== '');
    const read = await paragraphsOf(await pdfOf(seed), 'pdf');
    // Each paragraph read is one or more consecutive paragraphs of the text, run together where
    // the last line of one ended within a word of the right edge (the PDF does not say otherwise).
    let at = 0;
    for (const paragraph of read) {
      let joined = lines[at++];
      while (joined.length < paragraph.length && at < lines.length) joined += lines[at++];
      expect(paragraph).toBe(joined);
    }
    expect(at).toBe(lines.length);
    const runTogether = lines.length - read.length;
    process.stdout.write(
      `seed PDF without indents: ${read.length} of ${lines.length} paragraphs read, ${runTogether} run into the one before\n`,
    );
    expect(runTogether).toBeLessThanOrEqual(lines.length / 20);
  });

  it('joins wrapped lines of Latin text with a space and of mixed text as written', async () => {
    const text = [
      'Rectify drafts a plan from the documents an office already has, reading the numbering of official documents, the labelled fields and the deadlines, and says where each field came from and how sure the reading is.',
      '混排：2019年完成ISO 9001认证复审，覆盖Lanzhou、Tianshui等14个市州的供水工程运行管护制度建设（含“一户一策”台账），确保2.65万户群众饮水安全，整改资金1,200万元全部到位。',
      'A short line.',
    ].join('\n');
    expect(await paragraphsOf(await pdfOf(text), 'pdf')).toEqual(text.split('\n'));
  });

  it("reads a PDF in a standard Chinese font that is not embedded (STSong-Light, UniGB-UCS2-H) with pdf.js's character maps", async () => {
    // Short lines 20 pt apart, as a form or a list would have them: each its own paragraph.
    const lines = smallPlan
      .split('\n')
      .filter((l) => l.trim() !== '' && l.length <= 30)
      .slice(0, 12);
    const text = lines.join('\n');
    expect(await paragraphsOf(pdfInStandardChineseFont(text), 'pdf')).toEqual(lines);
  });

  it("stops a Word zip bomb at the thread's memory limit, naming it, and reads the next document", async () => {
    const r = reader(64, 120_000);
    const bomb = wordZipBomb(24);
    expect(bomb.length).toBeLessThan(100 * 1024);
    expect(await r.read(bomb, 'docx')).toEqual({
      ok: false,
      code: 'PLAN_FILE_TOO_COMPLEX',
      message: 'the document needs more than 64 MB of memory to read',
    });
    expect(await r.read(await wordDocumentOf(smallPlan), 'docx')).toMatchObject({ ok: true });
  });

  it('stops a reading that takes longer than the time limit, naming it', async () => {
    // A heap no reading of it reaches in that time: the time limit stops it, not the memory one.
    const r = reader(1024, 300);
    expect(await r.read(wordZipBomb(24), 'docx')).toEqual({
      ok: false,
      code: 'PLAN_FILE_TIMEOUT',
      message: 'reading the document took longer than 0.3 s',
    });
  });
});

describe('the refusals', () => {
  const r = new IsolatedDocumentTextReader({ memoryMb: 256, timeoutMs: 60_000 });
  afterAll(() => r.onModuleDestroy());

  it.each<[string, () => Promise<Uint8Array> | Uint8Array, DocumentFormat, string, RegExp]>([
    [
      'an empty file',
      () => Buffer.alloc(0),
      'txt',
      'DOCUMENT_EMPTY',
      /^the document is empty \(0 bytes\): send/,
    ],
    ['blank lines only', () => Buffer.from(' \n\r\n\u3000\n'), 'txt', 'DOCUMENT_EMPTY', /holds no text/],
    [
      'a Word document of blank paragraphs',
      () => wordDocumentOf('\u3000\n  '),
      'docx',
      'DOCUMENT_EMPTY',
      /Word document holds no text/,
    ],
    [
      'binary bytes as text',
      () => Buffer.from([0x81, 0x20, 0xc3, 0x28, 0x00]),
      'txt',
      'DOCUMENT_UNREADABLE',
      /neither UTF-8 nor GB18030.*save it as UTF-8/,
    ],
    [
      'a zip that is not a Word document',
      zipNotWord,
      'docx',
      'DOCUMENT_NOT_WORD',
      /zip archive but not a Word document \(it has no word\/document\.xml\): send the plan as a \.docx/,
    ],
    [
      'an Excel workbook as .docx',
      planTemplateWorkbook,
      'docx',
      'DOCUMENT_NOT_WORD',
      /it is an Excel workbook: import a plan workbook with POST \/plans/,
    ],
    [
      'text as .docx',
      () => Buffer.from(smallPlan),
      'docx',
      'DOCUMENT_UNREADABLE',
      /not a Word document \(\.docx is a zip archive; this is not one\)/,
    ],
    [
      'an old binary .doc',
      oldWordDocument,
      'docx',
      'DOCUMENT_UNSUPPORTED',
      /old binary Word document \(\.doc\).*save it as \.docx/,
    ],
    [
      'a Word document protected by a password',
      passwordWordDocument,
      'docx',
      'DOCUMENT_UNREADABLE',
      /protected by a password: remove it .* and send the document again/,
    ],
    [
      'a PDF protected by a password',
      () => pdfOf(smallPlan, { userPassword: 'zhenggai' }),
      'pdf',
      'DOCUMENT_UNREADABLE',
      /^the PDF is protected by a password: send it without one, or send the Word file$/,
    ],
    [
      'a scanned PDF',
      scannedPdf,
      'pdf',
      'DOCUMENT_NO_TEXT_LAYER',
      /^this PDF has no text layer \(a scan\?\); Rectify does not run OCR: send the Word file or a PDF saved from it$/,
    ],
    [
      'a PDF cut short',
      async () => (await pdfOf(smallPlan)).subarray(0, 400),
      'pdf',
      'DOCUMENT_UNREADABLE',
      /PDF cannot be read/,
    ],
    ['text as PDF', () => Buffer.from(smallPlan), 'pdf', 'DOCUMENT_UNREADABLE', /PDF cannot be read/],
  ])('refuses %s, saying what to send instead', async (_, bytes, format, code, message) => {
    const reading = await r.read(await bytes(), format);
    expect(reading).toMatchObject({ ok: false, code });
    expect(!reading.ok && reading.message).toMatch(message);
  });
});

describe('plain text in the encodings offices save', () => {
  const lines = smallPlan.split('\n').filter((l) => l.trim() !== '');
  const read = async (bytes: Buffer) => {
    const reading = await readDocumentText(bytes, 'txt');
    return reading.ok ? reading.document.paragraphs.map((p) => p.text) : reading;
  };

  it('reads UTF-8 with or without a byte-order mark, and UTF-16 with one', async () => {
    expect(await read(Buffer.from(smallPlan))).toEqual(lines);
    expect(await read(Buffer.from(`\uFEFF${smallPlan}`))).toEqual(lines);
    expect(await read(Buffer.from(`\uFEFF${smallPlan}`, 'utf16le'))).toEqual(lines);
  });

  it('reads GB18030 (GBK) text, which is not UTF-8', async () => {
    // 整改方案 in GBK, and the small plan encoded by the platform's own GB18030 encoder (iconv).
    expect(await read(Buffer.from([0xd5, 0xfb, 0xb8, 0xc4, 0xb7, 0xbd, 0xb0, 0xb8]))).toEqual(['整改方案']);
    expect(await read(fs.readFileSync(path.join(DOCUMENTS, 'small-plan.gb18030.txt')))).toEqual(lines);
  });

  it('gives the paragraphs of documentTextOf, offsets included', async () => {
    expect(await readDocumentText(Buffer.from(smallPlan), 'txt')).toEqual({
      ok: true,
      document: documentTextOf(smallPlan, 'txt'),
    });
  });
});

describe('documentFormatOf', () => {
  it.each<[string | undefined, string | undefined, DocumentFormat | undefined]>([
    ['text/plain', undefined, 'txt'],
    ['text/plain; charset=gb18030', 'x.pdf', 'txt'],
    ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', undefined, 'docx'],
    ['application/pdf', undefined, 'pdf'],
    ['application/octet-stream', '整改方案.DOCX', 'docx'],
    ['application/octet-stream', 'bulletin.pdf', 'pdf'],
    ['application/octet-stream', 'plan.txt', 'txt'],
    [undefined, 'plan.txt', 'txt'],
    ['application/octet-stream', 'plan.doc', undefined],
    ['application/octet-stream', undefined, undefined],
    ['application/msword', 'plan.docx', undefined],
    ['image/png', 'scan.pdf', undefined],
  ])('%s named %s is %s', (type, name, format) => {
    expect(documentFormatOf(type, name)).toBe(format);
  });
});
