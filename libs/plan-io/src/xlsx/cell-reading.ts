// Cell values as the sheet readers see them: a row by column key, and the plain text or number
// of a cell, whichever sheet it is on.
import type { CellReading } from '../spreadsheet-cell';

// A data row by column key, each cell with its `sheet!cell` address.
export type Row = Record<string, { reading: CellReading; address: string } | undefined>;

// What a refused cell reads as, so the rest of the document is still checked.
export const REFUSED = 'REFUSED';

export function textOf(reading: CellReading | undefined): string | undefined {
  if (!reading) return undefined;
  if (reading.kind === 'text') return reading.text;
  if (reading.kind === 'number') return String(reading.value);
  if (reading.kind === 'date') return reading.date;
  return undefined;
}

// "26500", "2.65万", "1,200" → numbers; anything else stays text for the schema to refuse.
export function numberOf(v: string | number): string | number {
  if (typeof v === 'number') return v;
  if (v === REFUSED) return 0;
  const t = v.replace(/[,，\s]/g, '');
  const m = /^(-?\d+(?:\.\d+)?)(万|亿)?$/.exec(t);
  if (!m) return v;
  const scale = m[2] === '万' ? 10_000 : m[2] === '亿' ? 100_000_000 : 1;
  return Math.round(Number(m[1]) * scale * 1e6) / 1e6;
}

// "完成时限（必填）", "* 措施编号" → the plain header.
export function normaliseHeader(text: string): string {
  return text
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/[*＊\s]/g, '')
    .trim();
}
