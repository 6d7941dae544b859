// 责任单位 (optional): one row per unit that 任务清单 may name by code or by name.
import type { Workbook } from 'exceljs';
import { readUnitLevel, SHEET, UNIT_COLUMNS } from '../ledger-layout';
import type { ReadingContext } from './reading-context';

// `null` when the workbook declares no units: they are then derived from the names in 任务清单.
export function readUnitsSheet(ctx: ReadingContext, wb: Workbook): Record<string, unknown>[] | null {
  const ws = wb.getWorksheet(SHEET.units);
  if (!ws) return null;
  const rows = ctx.rowsOf(ws, UNIT_COLUMNS, ['code', 'name']);
  if (!rows.length) return null;
  return rows.map((row, i) => {
    const unit: Record<string, unknown> = {};
    for (const key of ['code', 'name', 'level', 'parent'] as const) {
      const v = ctx.field(row, key, `units[${i}].${key}`);
      if (v !== undefined) unit[key] = key === 'level' ? readUnitLevel(String(v)) : String(v);
    }
    ctx.locations.set(`units[${i}]`, row.code?.address ?? row.name?.address ?? '');
    return unit;
  });
}
