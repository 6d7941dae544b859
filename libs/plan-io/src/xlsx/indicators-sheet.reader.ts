// 量化指标 (optional): a measure's indicators after the first, one per row, found by measure code.
import type { Workbook } from 'exceljs';
import { defaultIndicatorCode, INDICATOR_COLUMNS, SHEET } from '../ledger-layout';
import { numberOf, textOf } from './cell-reading';
import type { ReadingContext } from './reading-context';
import type { CategoryOut } from './tasks-sheet.reader';

// Appends to the measures 任务清单 gave, so it is read after that sheet.
export function readIndicatorsSheet(ctx: ReadingContext, wb: Workbook, categories: CategoryOut[]): void {
  const ws = wb.getWorksheet(SHEET.indicators);
  if (!ws) return;
  const measures = new Map<string, { m: Record<string, unknown>; path: string }>();
  categories.forEach((c, ci) =>
    c.aspects.forEach((a, ai) =>
      a.problems.forEach((p, pi) =>
        p.measures.forEach((m, mi) =>
          measures.set(String(m.code), {
            m,
            path: `categories[${ci}].aspects[${ai}].problems[${pi}].measures[${mi}]`,
          }),
        ),
      ),
    ),
  );
  for (const row of ctx.rowsOf(ws, INDICATOR_COLUMNS, ['measureCode', 'name', 'target', 'unit'])) {
    const code = textOf(row.measureCode?.reading);
    const target = code === undefined ? undefined : measures.get(code);
    if (!target) {
      ctx.problems.push({
        path: '(file)',
        location: row.measureCode?.address,
        message: `no measure ${code ?? '(empty)'} in ${SHEET.tasks}`,
      });
      continue;
    }
    const list = target.m.indicators as Record<string, unknown>[];
    const i = list.length;
    const ind: Record<string, unknown> = {};
    for (const key of ['code', 'name', 'target', 'unit', 'baseline', 'current'] as const) {
      const v = ctx.field(row, key, `${target.path}.indicators[${i}].${key}`);
      if (v === undefined) continue;
      ind[key] = ['target', 'baseline', 'current'].includes(key) ? numberOf(v) : String(v);
    }
    ind.code ??= defaultIndicatorCode(i);
    ctx.locations.set(`${target.path}.indicators[${i}]`, row.measureCode?.address ?? '');
    list.push(ind);
  }
}
