// Cells in and out of spreadsheets, with formula injection kept out both ways: a formula is
// never imported, and exported text that a spreadsheet program could take for a formula
// (starting with = + - @, or a tab or carriage return) is neutralised with a leading apostrophe.
import type { Cell, CellValue } from 'exceljs';
import { loadExcelJs } from './exceljs.loader';

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

// The inverse of neutraliseText, so a ledger read back gives the text that was written.
export function unneutraliseText(text: string): string {
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

export type CellReading =
  | { readonly kind: 'blank' }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'date'; readonly date: string }
  | { readonly kind: 'refused'; readonly message: string };

// What an office typed in a cell. Merged cells read as their top-left cell.
export function readCell(cell: Cell): CellReading {
  const { ValueType } = loadExcelJs();
  const source = cell.isMerged ? cell.master : cell;
  switch (source.type) {
    case ValueType.Null:
      return { kind: 'blank' };
    case ValueType.Formula: {
      const formula = (source.value as { formula?: string; sharedFormula?: string }).formula ?? '';
      return {
        kind: 'refused',
        message: `formulas are not accepted (=${truncate(formula)}): type the value itself`,
      };
    }
    case ValueType.Number:
      return { kind: 'number', value: source.value as number };
    case ValueType.Date:
      return { kind: 'date', date: isoDay(source.value as Date) };
    case ValueType.Boolean:
      return { kind: 'text', text: String(source.value) };
    case ValueType.Error:
      return { kind: 'refused', message: `the cell holds a spreadsheet error (${source.text})` };
    default:
      return textReading(plainText(source.value));
  }
}

function textReading(raw: string): CellReading {
  const text = raw.replace(/\r\n?/g, '\n').trim();
  if (!text) return { kind: 'blank' };
  if (text.startsWith('='))
    return {
      kind: 'refused',
      message: `text starting with "=" would run as a formula in a spreadsheet (${truncate(text)}): remove the "="`,
    };
  return { kind: 'text', text: unneutraliseText(text) };
}

// Text of strings, rich text and hyperlinks (the shown text, never the link target).
function plainText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((r) => r.text).join('');
  if (typeof value === 'object' && 'text' in value) {
    const t = (value as { text: unknown }).text;
    return typeof t === 'string' ? t : plainText(t as CellValue);
  }
  return String(value);
}

// Spreadsheet dates are wall-clock days stored as UTC midnight (give or take float noise).
function isoDay(d: Date): string {
  const day = 86_400_000;
  return new Date(Math.round(d.getTime() / day) * day).toISOString().slice(0, 10);
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
