// What every sheet reader shares while a workbook is read: the cell each document field came
// from, and the problems and warnings found so far, in the order the sheets are read.
import type { Worksheet } from 'exceljs';
import { LEDGER_STATUS_COLUMNS, type ColumnSpec } from '../ledger-layout';
import type { LocatedProblem } from '../located-problem';
import { readCell, type CellReading } from '../spreadsheet-cell';
import { normaliseHeader, REFUSED, textOf, type Row } from './cell-reading';

export class ReadingContext {
  // Document path → cell address, for every field read from a cell.
  readonly locations = new Map<string, string>();
  readonly problems: LocatedProblem[] = [];
  readonly warnings: LocatedProblem[] = [];

  // Data rows of a sheet by header, skipping blank rows; complains once about missing columns.
  rowsOf(ws: Worksheet, columns: readonly ColumnSpec<string>[], required: readonly string[]): Row[] {
    const header = ws.getRow(1);
    const byColumn = new Map<number, string>();
    header.eachCell((cell, c) => {
      const label = normaliseHeader(textOf(readCell(cell)) ?? '');
      if (!label) return;
      const spec = columns.find((s) => [s.header, ...s.aliases].some((h) => normaliseHeader(h) === label));
      if (spec) byColumn.set(c, spec.key);
      else if ((LEDGER_STATUS_COLUMNS as readonly string[]).includes(label)) byColumn.set(c, label);
      else
        this.warnings.push({
          path: '(file)',
          location: `${ws.name}!${cell.address}`,
          message: `column "${label}" is not part of the plan layout and was ignored`,
        });
    });
    const present = new Set(byColumn.values());
    const missing = required.filter((k) => !present.has(k));
    if (missing.length) {
      const names = missing.map((k) => columns.find((s) => s.key === k)?.header ?? k);
      this.problems.push({
        path: '(file)',
        location: `${ws.name}!1:1`,
        message: `${ws.name} has no column ${names.join(', ')}`,
      });
    }
    const rows: Row[] = [];
    // Only the rows that hold values: a lone cell at row 1,048,576 is one row, not a million.
    ws.eachRow((excelRow, r) => {
      if (r < 2) return;
      const row: Row = {};
      let any = false;
      for (const [c, key] of byColumn) {
        const cell = excelRow.getCell(c);
        const reading = readCell(cell);
        row[key] = { reading, address: `${ws.name}!${cell.address}` };
        if (reading.kind !== 'blank') any = true;
      }
      if (any) rows.push(row);
    });
    return rows;
  }

  // A cell's value as text or number, recording refusals; `undefined` when blank. A refused
  // cell reads as a placeholder, so the rest of the document is still checked; problems at
  // that cell are then reported once (see plan-file.reader).
  take(reading: CellReading, address: string): string | number | undefined {
    if (reading.kind === 'refused') {
      this.problems.push({ path: '(file)', location: address, message: reading.message });
      return REFUSED;
    }
    if (reading.kind === 'blank') return undefined;
    if (reading.kind === 'number') return reading.value;
    return reading.kind === 'date' ? reading.date : reading.text;
  }

  // A row's cell, taken and located at `path`.
  field(row: Row, key: string, path: string): string | number | undefined {
    const cell = row[key];
    if (!cell) return undefined;
    this.locations.set(path, cell.address);
    return this.take(cell.reading, cell.address);
  }

  // A row's cell as text, taken but not located.
  text(row: Row, key: string): string | undefined {
    const cell = row[key];
    if (!cell) return undefined;
    const v = this.take(cell.reading, cell.address);
    return v === undefined ? undefined : String(v);
  }
}
