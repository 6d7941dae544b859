// The numbering of official documents (公文序号), as written at the start of a paragraph: 一、 （一） 1.
// （1） ① 第一， 问题一：. Each style is one outline level wherever it appears; which level is a
// category, an aspect or a problem is decided later from the document's words (outline-reader.ts).

export const NUMBERING_STYLES = [
  'chinese-comma', // 一、
  'chinese-paren', // （一） (一)
  'arabic-dot', // 1. 1、 １．
  'arabic-paren', // （1） (1)
  'circled', // ①
  'ordinal', // 第一，
  'problem', // 问题一： 问题1“…”
] as const;
export type NumberingStyle = (typeof NUMBERING_STYLES)[number];

export interface Numbering {
  readonly style: NumberingStyle;
  readonly ordinal: number;
  // The written number, e.g. `（一）`, for the rule that names it.
  readonly written: string;
  // Characters the number (and the space after it) takes at the start of the paragraph.
  readonly length: number;
}

const CN = '一二三四五六七八九十';

// 一 → 1, 十二 → 12, 二十 → 20, 二十三 → 23; Arabic and full-width digits as written.
export function ordinalOf(written: string): number {
  const digits = written.replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10));
  if (/^\d+$/.test(digits)) return Number(digits);
  const at = (c: string) => CN.indexOf(c) + 1;
  if (written === '十') return 10;
  if (written.length === 1) return at(written);
  if (written.startsWith('十')) return 10 + at(written[1]);
  if (written.endsWith('十')) return at(written[0]) * 10;
  return at(written[0]) * 10 + at(written[2]);
}

const PATTERNS: readonly (readonly [NumberingStyle, RegExp])[] = [
  ['problem', /^问题([一二三四五六七八九十]{1,3}|\d{1,3})(?=[：:“"‘「、.．\s])[：:、.．]?/],
  ['chinese-paren', /^[（(]([一二三四五六七八九十]{1,3})[）)]/],
  ['arabic-paren', /^[（(]([0-9０-９]{1,3})[）)]/],
  ['chinese-comma', /^([一二三四五六七八九十]{1,3})[、，,．.](?![0-9])/],
  // `2019.5` and `1.2万` are figures, not numbers of headings.
  ['arabic-dot', /^([0-9０-９]{1,3})(?:[.．](?![0-9０-９])|、)/],
  ['circled', /^([①-⑳])/],
  // 第一， but not 第一时间, 第一书记: the ordinal must be followed by a separator.
  ['ordinal', /^第([一二三四五六七八九十]{1,3})(?:[、，,：:]|是)/],
];

// The numbering a paragraph starts with (leading spaces allowed), or null.
export function numberingOf(paragraph: string): Numbering | null {
  const indent = /^[\s\u3000]*/.exec(paragraph)![0].length;
  const text = paragraph.slice(indent);
  for (const [style, pattern] of PATTERNS) {
    const m = pattern.exec(text);
    if (!m) continue;
    const ordinal = style === 'circled' ? m[1].charCodeAt(0) - 0x2460 + 1 : ordinalOf(m[1]);
    const space = /^[\s\u3000]*/.exec(text.slice(m[0].length))![0].length;
    return { style, ordinal, written: m[0], length: indent + m[0].length + space };
  }
  return null;
}

// An enumeration inside a paragraph: 一是… 二是…, ①…②…, （1）…（2）… or 1.…2.…, 一方面… 另一方面….
export interface Enumerator {
  readonly kind: 'shi' | 'circled' | 'paren' | 'fangmian';
  readonly ordinal: number;
  // Offset of the enumerator in the paragraph and of the text after it.
  readonly at: number;
  readonly textAt: number;
  readonly written: string;
}

// `一是` counts only at the start of a paragraph or a sentence (after 。；：), so `唯一是` or
// `统一是` inside a sentence is not an enumerator.
const SHI = /(^|[。；;：:！!\s])([一二三四五六七八九十]{1,3})是(?![否非])[，,：:]?/g;
const CIRCLED = /[①-⑳]/g;
// （1） or 1. inside a paragraph counts, like 一是, at its start or a sentence's (not 2.65万).
const PAREN = /(^|[。；;：:！!\s])([（(]([0-9０-９]{1,2})[）)]|([0-9０-９]{1,2})[.．、](?![0-9０-９]))/g;
const FANGMIAN = /(另)?一方面[，,：:]?/g;

export function enumeratorsIn(paragraph: string, kind: Enumerator['kind']): Enumerator[] {
  const out: Enumerator[] = [];
  if (kind === 'shi')
    for (const m of paragraph.matchAll(SHI)) {
      const at = m.index + m[1].length;
      out.push({ kind, ordinal: ordinalOf(m[2]), at, textAt: m.index + m[0].length, written: `${m[2]}是` });
    }
  if (kind === 'paren')
    for (const m of paragraph.matchAll(PAREN)) {
      const at = m.index + m[1].length;
      out.push({ kind, ordinal: ordinalOf(m[3] ?? m[4]), at, textAt: at + m[2].length, written: m[2] });
    }
  if (kind === 'circled')
    for (const m of paragraph.matchAll(CIRCLED))
      out.push({
        kind,
        ordinal: m[0].charCodeAt(0) - 0x2460 + 1,
        at: m.index,
        textAt: m.index + 1,
        written: m[0],
      });
  if (kind === 'fangmian')
    for (const m of paragraph.matchAll(FANGMIAN))
      out.push({ kind, ordinal: m[1] ? 2 : 1, at: m.index, textAt: m.index + m[0].length, written: m[0] });
  return out;
}
