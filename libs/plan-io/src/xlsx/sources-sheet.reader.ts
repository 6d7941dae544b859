// 问题来源 (optional): one row per source the plan's problems come from.
import type { Workbook } from 'exceljs';
import { readSourceKind, SOURCE_COLUMNS, SOURCE_SHEET } from '../source-layout';
import type { ReadingContext } from './reading-context';

// `null` when the workbook declares no sources: the inspection is then the plan's one source.
export function readSourcesSheet(ctx: ReadingContext, wb: Workbook): Record<string, unknown>[] | null {
  const ws = wb.getWorksheet(SOURCE_SHEET);
  if (!ws) return null;
  const rows = ctx.rowsOf(ws, SOURCE_COLUMNS, ['code', 'kind', 'body']);
  if (!rows.length) return null;
  return rows.map((row, i) => {
    const source: Record<string, unknown> = {};
    for (const { key } of SOURCE_COLUMNS) {
      const v = ctx.field(row, key, `sources[${i}].${key}`);
      if (v !== undefined) source[key] = key === 'kind' ? readSourceKind(String(v)) : String(v);
    }
    ctx.locations.set(`sources[${i}]`, row.code?.address ?? '');
    return source;
  });
}
