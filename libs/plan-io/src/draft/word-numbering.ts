// The numbers Word draws itself (automatic numbering: `一、` `（一）` `1.` set as a list level, not
// typed). mammoth's text leaves them out, and they are what the structure reader reads the plan's
// levels by, so the Word reader puts them back: each paragraph's label, computed from
// word/numbering.xml the way Word counts (a counter per list and level, deeper levels restarting
// when a level above counts on), in the level's format (chineseCounting, decimal, ①, 甲乙丙…).
// The parts are Word's own XML, read with patterns: a label that cannot be computed is left out.

export interface WordParagraph {
  // The paragraph's text as mammoth gives it (its w:t runs and tabs), to align the two readings.
  readonly text: string;
  // The number Word draws before it, with its punctuation (`（一）`), or '' when none.
  readonly label: string;
}

interface Level {
  readonly start: number;
  readonly format: string;
  readonly text: string;
}

export function wordParagraphs(document: string, numbering?: string, styles?: string): WordParagraph[] {
  const lists = numbering ? readNumbering(numbering) : undefined;
  const styleNumbers = styles ? readStyleNumbers(styles) : new Map<string, NumberReference>();
  const counters = new Map<string, number[]>();
  const paragraphs: WordParagraph[] = [];
  for (const [, xml] of document.matchAll(/<w:p\b[^>]*?(?:\/>|>([\s\S]*?)<\/w:p>)/g)) {
    const body = xml ?? '';
    const text = [...body.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>/g)]
      .map((m) => (m[0] === '<w:tab/>' ? '\t' : decodeXml(m[1])))
      .join('');
    const reference = numberReference(body, styleNumbers);
    paragraphs.push({ text, label: lists && reference ? label(lists, reference, counters) : '' });
  }
  return paragraphs;
}

interface NumberReference {
  readonly numId: string;
  readonly level: number;
}

function numberReference(
  paragraph: string,
  styleNumbers: ReadonlyMap<string, NumberReference>,
): NumberReference | undefined {
  const properties = /<w:pPr>([\s\S]*?)<\/w:pPr>/.exec(paragraph)?.[1] ?? '';
  const own = /<w:numPr>([\s\S]*?)<\/w:numPr>/.exec(properties)?.[1];
  const style = /<w:pStyle w:val="([^"]*)"/.exec(properties)?.[1];
  const fromStyle = style !== undefined ? styleNumbers.get(style) : undefined;
  if (own === undefined) return fromStyle;
  const numId = attribute(own, 'w:numId') ?? fromStyle?.numId;
  const level = attribute(own, 'w:ilvl');
  if (numId === undefined) return undefined;
  return { numId, level: level !== undefined ? Number(level) : (fromStyle?.level ?? 0) };
}

// Paragraph styles that number their paragraphs (标题 1 numbered 一、 in many offices' templates).
function readStyleNumbers(styles: string): Map<string, NumberReference> {
  const numbers = new Map<string, NumberReference>();
  for (const [, id, body] of styles.matchAll(
    /<w:style\b[^>]*w:styleId="([^"]*)"[^>]*>([\s\S]*?)<\/w:style>/g,
  )) {
    const numPr = /<w:numPr>([\s\S]*?)<\/w:numPr>/.exec(body)?.[1];
    const numId = numPr && attribute(numPr, 'w:numId');
    if (numId) numbers.set(id, { numId, level: Number(attribute(numPr, 'w:ilvl') ?? 0) });
  }
  return numbers;
}

interface Lists {
  // numId → the abstract list it counts in, and the levels it starts afresh (startOverride).
  readonly nums: ReadonlyMap<
    string,
    { readonly abstractId: string; readonly starts: ReadonlyMap<number, number> }
  >;
  readonly abstracts: ReadonlyMap<string, ReadonlyMap<number, Level>>;
}

function readNumbering(xml: string): Lists {
  const abstracts = new Map<string, Map<number, Level>>();
  for (const [, id, body] of xml.matchAll(
    /<w:abstractNum\b[^>]*w:abstractNumId="([^"]*)"[^>]*>([\s\S]*?)<\/w:abstractNum>/g,
  )) {
    const levels = new Map<number, Level>();
    for (const [, ilvl, level] of body.matchAll(/<w:lvl\b[^>]*w:ilvl="(\d+)"[^>]*>([\s\S]*?)<\/w:lvl>/g))
      levels.set(Number(ilvl), {
        start: Number(/<w:start w:val="(\d+)"/.exec(level)?.[1] ?? 1),
        format: /<w:numFmt w:val="([^"]*)"/.exec(level)?.[1] ?? 'decimal',
        text: decodeXml(/<w:lvlText w:val="([^"]*)"/.exec(level)?.[1] ?? ''),
      });
    abstracts.set(id, levels);
  }
  const nums = new Map<string, { abstractId: string; starts: Map<number, number> }>();
  for (const [, id, body] of xml.matchAll(/<w:num\b[^>]*w:numId="([^"]*)"[^>]*>([\s\S]*?)<\/w:num>/g)) {
    const abstractId = /<w:abstractNumId w:val="([^"]*)"/.exec(body)?.[1];
    if (abstractId === undefined) continue;
    const starts = new Map<number, number>();
    for (const [, ilvl, start] of body.matchAll(
      /<w:lvlOverride w:ilvl="(\d+)">\s*<w:startOverride w:val="(\d+)"/g,
    ))
      starts.set(Number(ilvl), Number(start));
    nums.set(id, { abstractId, starts });
  }
  return { nums, abstracts };
}

// The paragraph's label, counting it: a list's counters are kept per abstract list, so that the
// lists that continue one another (several numIds of one abstractNum) count on; a numId that
// starts a level afresh (startOverride) restarts it at its first paragraph.
function label(lists: Lists, reference: NumberReference, counters: Map<string, number[]>): string {
  const num = lists.nums.get(reference.numId);
  const levels = num && lists.abstracts.get(num.abstractId);
  const level = levels?.get(reference.level);
  if (!num || !levels || !level || level.format === 'bullet' || level.format === 'none') return '';
  const key = num.starts.size > 0 ? `num:${reference.numId}` : `abstract:${num.abstractId}`;
  const startOf = (ilvl: number) => num.starts.get(ilvl) ?? levels.get(ilvl)?.start ?? 1;
  const counts = counters.get(key) ?? [];
  counts[reference.level] =
    counts[reference.level] === undefined ? startOf(reference.level) : counts[reference.level] + 1;
  counts.length = reference.level + 1;
  counters.set(key, counts);
  return level.text.replace(/%(\d)/g, (_, n: string) => {
    const ilvl = Number(n) - 1;
    const format = levels.get(ilvl)?.format ?? 'decimal';
    return formatted(counts[ilvl] ?? startOf(ilvl), format);
  });
}

const CHINESE_DIGITS = '〇一二三四五六七八九';
const HEAVENLY_STEMS = '甲乙丙丁戊己庚辛壬癸';

function formatted(n: number, format: string): string {
  switch (format) {
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'chineseLegalSimplified':
    case 'japaneseCounting':
    case 'taiwaneseCounting':
      return chineseNumber(n);
    case 'ideographTraditional':
      return HEAVENLY_STEMS[(n - 1) % 10] ?? String(n);
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return n >= 1 && n <= 20 ? String.fromCodePoint(0x2460 + n - 1) : String(n);
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return [...String(n)].map((d) => String.fromCodePoint(0xff10 + Number(d))).join('');
    case 'decimalZero':
      return String(n).padStart(2, '0');
    case 'lowerLetter':
      return letters(n).toLowerCase();
    case 'upperLetter':
      return letters(n);
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'upperRoman':
      return roman(n);
    default:
      return String(n);
  }
}

// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五: as Chinese documents number.
function chineseNumber(n: number): string {
  if (n <= 0 || n >= 1000) return String(n);
  const [hundreds, tens, units] = [Math.floor(n / 100), Math.floor(n / 10) % 10, n % 10];
  let out = hundreds > 0 ? `${CHINESE_DIGITS[hundreds]}百` : '';
  if (tens > 0) out += `${tens === 1 && hundreds === 0 ? '' : CHINESE_DIGITS[tens]}十`;
  else if (hundreds > 0 && units > 0) out += '零';
  if (units > 0) out += CHINESE_DIGITS[units];
  return out;
}

function letters(n: number): string {
  return 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[(n - 1) % 26].repeat(Math.floor((n - 1) / 26) + 1);
}

function roman(n: number): string {
  const numerals: [number, string][] = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  for (const [value, numeral] of numerals) for (; n >= value; n -= value) out += numeral;
  return out;
}

function attribute(xml: string, element: string): string | undefined {
  return new RegExp(`<${element} w:val="([^"]*)"`).exec(xml)?.[1];
}

function decodeXml(text: string): string {
  return text.replace(/&(?:#x([0-9a-f]+)|#(\d+)|(amp|lt|gt|quot|apos));/gi, (_, hex, dec, name) => {
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    if (dec) return String.fromCodePoint(Number(dec));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[name as 'amp'];
  });
}
