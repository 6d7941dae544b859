// The table printed at the end and the same figures as JSON, written to a file whose path is printed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Machine, machineLine } from './machine';

export interface Row {
  readonly what: string;
  readonly result: string;
}

export interface Report {
  readonly startedAt: string;
  readonly mode: string;
  readonly machine: Machine;
  readonly rows: Row[];
  // Every figure with its runs, for whoever wants more than the table.
  readonly figures: Record<string, unknown>;
}

export function printTable(r: Report): void {
  const width = Math.max(...r.rows.map((row) => row.what.length));
  console.log(`\nRectify benchmark (${r.mode}) — ${machineLine(r.machine)}`);
  for (const row of r.rows) console.log(`  ${row.what.padEnd(width)}  ${row.result}`);
}

export function writeJson(r: Report, file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(r, null, 2) + '\n');
  console.log(`\nfigures written to ${file}`);
}
