// A workbook of tables, written as SpreadsheetML row by row into a zip: the ledger (整改台账), the
// plan template and the measure board's export. Every sheet Rectify writes is one table — a frozen
// header row (bold, shaded, an optional note on each header cell), body rows of text and numbers
// (wrapped, at the top), a width per column, at most a drop-down on one column — so that is all
// this writes. ExcelJS wrote them before and still reads every workbook; its writer built a row,
// cell and style object for each of a 50,000-measure ledger's two million cells, 3.4–4.8 s of the
// API's thread where these strings take a fraction of it (BENCHMARKS.md, "The ledger's own
// writer"). The zip is archiver's, the library ExcelJS writes with: deflated by zlib off the API's
// thread.
import { once } from 'node:events';
import { PassThrough, type Writable } from 'node:stream';
import { nextSlice, sliceIsUp } from '../../../runtime/src/event-loop-slices';

export type TableCell = string | number | undefined;

export interface TableColumn {
  readonly header: string;
  readonly width: number;
  // A note on the header cell (what to type in the column).
  readonly note?: string;
  // The column in grey, header included (the info sheet's notes).
  readonly grey?: boolean;
}

// A drop-down on one column of the body: `column` counts from 0, rows from the first body row to
// `throughRow` (a sheet row number); a value not in the list is still accepted.
export interface ListValidation {
  readonly column: number;
  readonly throughRow: number;
  readonly values: readonly string[];
}

// The cell formats of styles.xml, by their index in cellXfs.
const XF = {
  headerRow: 1, // bold, centred, wrapped: what a header cell beyond the table shows
  header: 2, // bold, shaded, centred, wrapped
  body: 3, // wrapped, at the top
  greyColumn: 4,
  greyHeader: 5, // grey (not bold), shaded, centred, wrapped
  greyBody: 6,
} as const;

const SHEET_NS =
  'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CT = 'application/vnd.openxmlformats-officedocument';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
// A sheet's rows go to the zip in pieces of about this many characters.
const PIECE = 1 << 16;

interface SheetWritten {
  readonly name: string;
  readonly notes: boolean;
}

export class TableWorkbook {
  private readonly zip = loadArchiver()('zip');
  private readonly bytes: Promise<Buffer>;
  private readonly failed: Promise<never>;
  private readonly sheets: SheetWritten[] = [];
  private readonly strings = new Map<string, number>();
  private stringUses = 0;
  private finished = false;
  private open: string | null = null;

  constructor(private readonly creator = 'Rectify') {
    const chunks: Buffer[] = [];
    this.zip.on('data', (c: Buffer) => chunks.push(c));
    this.bytes = new Promise<Buffer>((resolve, reject) => {
      this.zip.on('end', () => resolve(Buffer.concat(chunks)));
      this.zip.on('error', reject);
    });
    this.failed = this.bytes.then(() => new Promise<never>(() => undefined));
    // A failure is reported by whichever wait sees it first; none is left unhandled.
    this.failed.catch(() => undefined);
  }

  // Adds one sheet whose rows are all at hand.
  async addTable(
    name: string,
    columns: readonly TableColumn[],
    rows: Iterable<readonly TableCell[]>,
    validation?: ListValidation,
  ): Promise<void> {
    const sheet = this.openTable(name, columns);
    await sheet.addRows(rows);
    await sheet.close(validation);
  }

  // Opens a sheet to add rows to as they are read (a page at a time); one sheet is open at a time,
  // closed before the next is opened or the workbook finished.
  openTable(name: string, columns: readonly TableColumn[]): TableSheet {
    if (this.finished) throw new Error(`the workbook is finished: no sheet ${name} can be added`);
    if (this.open) throw new Error(`sheet ${this.open} is still open: close it before adding ${name}`);
    if (columns.length === 0) throw new Error(`sheet ${name} has no columns`);
    // What a spreadsheet program refuses to open.
    if (!/^[^:\\/?*[\]]{1,31}$/.test(name))
      throw new Error(`sheet name "${name}" must be 1 to 31 characters, none of : \\ / ? * [ ]`);
    if (this.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase()))
      throw new Error(`the workbook has a sheet ${name} already`);
    this.open = name;
    const index = this.sheets.length + 1;
    const part = new PassThrough();
    this.zip.append(part, { name: `xl/worksheets/sheet${index}.xml` });
    const letters = columns.map((_, i) => columnLetters(i));
    const head =
      XML_HEAD +
      `<worksheet ${SHEET_NS}><sheetViews><sheetView workbookViewId="0"${index === 1 ? ' tabSelected="1"' : ''}>` +
      '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
      '<selection pane="bottomLeft"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>' +
      columns
        .map(
          (c, i) =>
            `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"` +
            `${c.grey ? ` style="${XF.greyColumn}"` : ''}/>`,
        )
        .join('') +
      `</cols><sheetData><row r="1" spans="1:${columns.length}" s="${XF.headerRow}" customFormat="1">` +
      columns
        .map(
          (c, i) =>
            `<c r="${letters[i]}1" s="${c.grey ? XF.greyHeader : XF.header}" t="s"><v>${this.shared(c.header)}</v></c>`,
        )
        .join('') +
      '</row>';
    return new TableSheet(
      { name, columns, letters, part, head },
      {
        shared: (text) => this.shared(text),
        again: (index) => {
          this.stringUses++;
          return index;
        },
        write: (piece) => this.write(part, piece),
        closed: (notes) => {
          if (notes) this.addNotes(index, columns, letters);
          this.sheets.push({ name, notes });
          this.open = null;
        },
      },
    );
  }

  // The workbook's bytes, once every sheet is added.
  async toBuffer(): Promise<Buffer> {
    if (this.finished) throw new Error('the workbook is finished already');
    if (this.open) throw new Error(`sheet ${this.open} is still open: close it before finishing`);
    this.finished = true;
    const sheets = this.sheets;
    const part = (name: string, xml: string) => this.zip.append(XML_HEAD + xml, { name });
    part(
      'xl/workbook.xml',
      `<workbook ${SHEET_NS}><bookViews><workbookView/></bookViews><sheets>` +
        sheets
          .map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 3}"/>`)
          .join('') +
        '</sheets></workbook>',
    );
    part(
      'xl/_rels/workbook.xml.rels',
      `<Relationships xmlns="${PKG_REL}">` +
        `<Relationship Id="rId1" Type="${REL}/styles" Target="styles.xml"/>` +
        `<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` +
        sheets
          .map(
            (_, i) =>
              `<Relationship Id="rId${i + 3}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
          )
          .join('') +
        '</Relationships>',
    );
    part('xl/styles.xml', STYLES);
    await this.addSharedStrings();
    part(
      '_rels/.rels',
      `<Relationships xmlns="${PKG_REL}">` +
        `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/>` +
        `<Relationship Id="rId2" Type="${PKG_REL}/metadata/core-properties" Target="docProps/core.xml"/>` +
        `<Relationship Id="rId3" Type="${REL}/extended-properties" Target="docProps/app.xml"/>` +
        '</Relationships>',
    );
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    part(
      'docProps/core.xml',
      '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
        `<dc:creator>${escapeXml(this.creator)}</dc:creator>` +
        `<dcterms:created xsi:type="dcterms:W3CDTF">${now}</dcterms:created>` +
        `<dcterms:modified xsi:type="dcterms:W3CDTF">${now}</dcterms:modified></cp:coreProperties>`,
    );
    part(
      'docProps/app.xml',
      '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">' +
        `<Application>${escapeXml(this.creator)}</Application></Properties>`,
    );
    part(
      '[Content_Types].xml',
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        `<Default Extension="vml" ContentType="${CT}.vmlDrawing"/>` +
        `<Override PartName="/xl/workbook.xml" ContentType="${CT}.spreadsheetml.sheet.main+xml"/>` +
        sheets
          .map(
            (s, i) =>
              `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${CT}.spreadsheetml.worksheet+xml"/>` +
              (s.notes
                ? `<Override PartName="/xl/comments${i + 1}.xml" ContentType="${CT}.spreadsheetml.comments+xml"/>`
                : ''),
          )
          .join('') +
        `<Override PartName="/xl/styles.xml" ContentType="${CT}.spreadsheetml.styles+xml"/>` +
        `<Override PartName="/xl/sharedStrings.xml" ContentType="${CT}.spreadsheetml.sharedStrings+xml"/>` +
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
        `<Override PartName="/docProps/app.xml" ContentType="${CT}.extended-properties+xml"/>` +
        '</Types>',
    );
    await Promise.race([this.zip.finalize(), this.failed]);
    return this.bytes;
  }

  // A string's index in the shared strings: a unit's name or a status written once however many
  // rows carry it.
  private shared(text: string): number {
    this.stringUses++;
    let i = this.strings.get(text);
    if (i === undefined) {
      i = this.strings.size;
      this.strings.set(text, i);
    }
    return i;
  }

  private async addSharedStrings(): Promise<void> {
    const part = new PassThrough();
    this.zip.append(part, { name: 'xl/sharedStrings.xml' });
    let piece =
      XML_HEAD +
      `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${this.stringUses}" ` +
      `uniqueCount="${this.strings.size}">`;
    for (const text of this.strings.keys()) {
      piece += `<si>${textElement(text)}</si>`;
      if (piece.length >= PIECE) {
        await this.write(part, piece);
        piece = '';
      }
      if (sliceIsUp()) await nextSlice();
    }
    await this.write(part, `${piece}</sst>`);
    part.end();
  }

  // The header cells' notes: the comments part and the drawing a spreadsheet shows them with.
  private addNotes(index: number, columns: readonly TableColumn[], letters: readonly string[]): void {
    const noted = columns.flatMap((c, i) => (c.note ? [{ note: c.note, i }] : []));
    this.zip.append(
      XML_HEAD +
        `<Relationships xmlns="${PKG_REL}">` +
        `<Relationship Id="rId1" Type="${REL}/comments" Target="../comments${index}.xml"/>` +
        `<Relationship Id="rId2" Type="${REL}/vmlDrawing" Target="../drawings/vmlDrawing${index}.vml"/>` +
        '</Relationships>',
      { name: `xl/worksheets/_rels/sheet${index}.xml.rels` },
    );
    this.zip.append(
      XML_HEAD +
        '<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>' +
        `${escapeXml(this.creator)}</author></authors><commentList>` +
        noted
          .map(
            ({ note, i }) =>
              `<comment ref="${letters[i]}1" authorId="0"><text><r>${textElement(note)}</r></text></comment>`,
          )
          .join('') +
        '</commentList></comments>',
      { name: `xl/comments${index}.xml` },
    );
    // VML shape ids are unique in the workbook: 1,024 to a sheet, from the sheet's own block.
    this.zip.append(
      '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" ' +
        'xmlns:x="urn:schemas-microsoft-com:office:excel">' +
        `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${index}"/></o:shapelayout>` +
        '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">' +
        '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>' +
        noted
          .map(
            ({ i }, k) =>
              `<v:shape id="_x0000_s${index * 1024 + k + 1}" type="#_x0000_t202" ` +
              'style="position:absolute;margin-left:105.3pt;margin-top:10.5pt;width:97.8pt;height:59.1pt;z-index:1;visibility:hidden" ' +
              'fillcolor="infoBackground [80]" strokecolor="none [81]" o:insetmode="auto">' +
              '<v:fill color2="infoBackground [80]"/><v:shadow color="none [81]" obscured="t"/>' +
              '<v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"/></v:textbox>' +
              '<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/>' +
              `<x:Anchor>${i + 1}, 6, 0, 14, ${i + 3}, 2, 4, 16</x:Anchor><x:AutoFill>False</x:AutoFill>` +
              `<x:Row>0</x:Row><x:Column>${i}</x:Column></x:ClientData></v:shape>`,
          )
          .join('') +
        '</xml>',
      { name: `xl/drawings/vmlDrawing${index}.vml` },
    );
  }

  // Writes and waits while the zip is behind, so a large sheet is not held in memory whole.
  private async write(part: Writable, piece: string): Promise<void> {
    if (!part.write(piece)) await Promise.race([once(part, 'drain'), this.failed]);
  }
}

interface SheetParts {
  readonly name: string;
  readonly columns: readonly TableColumn[];
  readonly letters: readonly string[];
  readonly part: Writable;
  readonly head: string;
}

interface SheetBook {
  shared(text: string): number;
  // A shared string's index used once more.
  again(index: number): number;
  write(piece: string): Promise<void>;
  closed(notes: boolean): void;
}

// One sheet being written: its rows go out in pieces as they are added.
export class TableSheet {
  // Each column's last text and its shared index: a problem's title, its unit or a status
  // repeats down consecutive rows, and is not looked up among a ledger's 160,000 strings again.
  private readonly lastText: (string | undefined)[];
  private readonly lastIndex: number[];
  private readonly bodyXf: readonly number[];
  // Each column's cell up to its value, for a cell that follows the one before it: whole strings,
  // so a ledger's two million cells are each a few concatenations, not a dozen.
  private readonly numberCell: readonly string[];
  private readonly textCell: readonly string[];
  private piece: string;
  private row = 1;
  private done = false;

  constructor(
    private readonly sheet: SheetParts,
    private readonly book: SheetBook,
  ) {
    this.lastText = sheet.columns.map(() => undefined);
    this.lastIndex = sheet.columns.map(() => 0);
    this.bodyXf = sheet.columns.map((c) => (c.grey ? XF.greyBody : XF.body));
    this.numberCell = this.bodyXf.map((xf) => `<c s="${xf}"><v>`);
    this.textCell = this.bodyXf.map((xf) => `<c s="${xf}" t="s"><v>`);
    this.piece = sheet.head;
  }

  // The event loop gets its turns while many rows are written (libs/runtime/src/event-loop-slices.ts).
  async addRows(rows: Iterable<readonly TableCell[]>): Promise<void> {
    if (this.done) throw new Error(`sheet ${this.sheet.name} is closed`);
    const { letters, columns, name } = this.sheet;
    for (const values of rows) {
      const r = ++this.row;
      if (values.length > columns.length)
        throw new Error(`sheet ${name}, row ${r}: ${values.length} values for its ${columns.length} columns`);
      let xml = `<row r="${r}" s="${XF.body}" customFormat="1">`;
      // A cell names its place only when it does not follow the cell before it: the first of the
      // row, or one after an empty value. A reader places a cell without one in the next column
      // (the attribute is optional in SpreadsheetML); with the rows' spans it was a fifth of a
      // ledger's XML. The first cell names it always: ExcelJS places only a cell after another
      // without one.
      let next = -1;
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        // An empty value writes no cell: the row's style is what shows there.
        if (v === undefined || v === '') continue;
        const number = typeof v === 'number' && Number.isFinite(v);
        xml +=
          i === next
            ? number
              ? this.numberCell[i]
              : this.textCell[i]
            : `<c r="${letters[i]}${r}" s="${this.bodyXf[i]}"${number ? '' : ' t="s"'}><v>`;
        xml += number ? v : this.sharedIn(i, String(v));
        xml += '</v></c>';
        next = i + 1;
      }
      this.piece += `${xml}</row>`;
      if (this.piece.length >= PIECE) {
        await this.book.write(this.piece);
        this.piece = '';
      }
      if (sliceIsUp()) await nextSlice();
    }
  }

  private sharedIn(column: number, text: string): number {
    if (this.lastText[column] === text) return this.book.again(this.lastIndex[column]);
    const i = this.book.shared(text);
    this.lastText[column] = text;
    this.lastIndex[column] = i;
    return i;
  }

  async close(validation?: ListValidation): Promise<void> {
    if (this.done) throw new Error(`sheet ${this.sheet.name} is closed already`);
    if (validation) dropDownRefusal(this.sheet, validation);
    this.done = true;
    let piece = `${this.piece}</sheetData>`;
    this.piece = '';
    if (validation) {
      const col = columnLetters(validation.column);
      piece +=
        '<dataValidations count="1"><dataValidation type="list" allowBlank="1" ' +
        `sqref="${col}2:${col}${Math.max(validation.throughRow, 2)}"><formula1>` +
        `${escapeXml(`"${validation.values.join(',')}"`)}</formula1></dataValidation></dataValidations>`;
    }
    const notes = this.sheet.columns.some((c) => c.note);
    piece +=
      '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
      `${notes ? '<legacyDrawing r:id="rId2"/>' : ''}</worksheet>`;
    await this.book.write(piece);
    this.sheet.part.end();
    this.book.closed(notes);
  }
}

// A list a spreadsheet program can show: the values are one quoted, comma-separated formula of at
// most 255 characters.
function dropDownRefusal(sheet: SheetParts, v: ListValidation): void {
  if (!(Number.isInteger(v.column) && v.column >= 0 && v.column < sheet.columns.length))
    throw new Error(`sheet ${sheet.name} has no column ${v.column} for a drop-down`);
  const odd = v.values.find((x) => x === '' || /[,"]/.test(x));
  if (odd !== undefined)
    throw new Error(`sheet ${sheet.name}: drop-down value "${odd}" is empty or holds a comma or a quote`);
  const length = v.values.join(',').length;
  if (length > 255)
    throw new Error(`sheet ${sheet.name}: the drop-down's values take ${length} characters, at most 255`);
}

// archiver (with its stream libraries) is loaded when the first workbook is written, as exceljs is
// when the first is read (exceljs.loader.ts): the API and the worker start without it.
function loadArchiver(): typeof import('archiver') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('archiver') as typeof import('archiver');
}

// 0 → A, 25 → Z, 26 → AA.
export function columnLetters(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

// Characters XML 1.0 cannot carry (controls other than tab, newline and carriage return) are left
// out, as ExcelJS did; the five markup characters are escaped.
// eslint-disable-next-line no-control-regex -- the controls are what it finds
const NEEDS_ESCAPE = /[&<>"'\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/;
const MARKUP: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

export function escapeXml(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  // eslint-disable-next-line no-control-regex -- the controls are what it finds
  return text.replace(/[&<>"'\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/g, (c) => MARKUP[c] ?? '');
}

// A `<t>` keeps leading and trailing spaces and line breaks only when told to.
function textElement(text: string): string {
  const escaped = escapeXml(text);
  return /^\s|\s$/.test(text) ? `<t xml:space="preserve">${escaped}</t>` : `<t>${escaped}</t>`;
}

const STYLES =
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="3"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
  '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
  '<font><sz val="11"/><color rgb="FF666666"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' +
  '<fill><patternFill patternType="solid"><fgColor rgb="FFE8EEF7"/><bgColor indexed="64"/></patternFill></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="7"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>' +
  '<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>' +
  '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '<xf numFmtId="0" fontId="2" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>' +
  '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>' +
  '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';
