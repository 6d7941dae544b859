// Reads a plan from the usual ledger workbook (整改台账): 基本信息, 责任单位 (optional), 任务清单
// (one row per measure), 量化指标 and 督办规则 (both optional). Builds the same document a JSON
// file would hold, and remembers which cell every field came from, so that validation problems
// point at cells (`任务清单!F7`). Each sheet has its own reader under `xlsx/`.
import type { Workbook } from 'exceljs';
import { loadExcelJs } from './exceljs.loader';
import { SHEET } from './ledger-layout';
import type { LocatedProblem } from './located-problem';
import { readIndicatorsSheet } from './xlsx/indicators-sheet.reader';
import { readInfoSheet } from './xlsx/info-sheet.reader';
import { readPolicySheet } from './xlsx/policy-sheet.reader';
import { ReadingContext } from './xlsx/reading-context';
import { readTasksSheet } from './xlsx/tasks-sheet.reader';
import { readUnitsSheet } from './xlsx/units-sheet.reader';
import { readSourcesSheet } from './xlsx/sources-sheet.reader';
import { inflateWorkbookZip } from './xlsx/zip-inflation.guard';

export interface WorkbookReading {
  readonly document: Record<string, unknown>;
  // Document path → cell address, for every field read from a cell.
  readonly locations: ReadonlyMap<string, string>;
  // Cells that could not be read at all (formulas, malformed lines); already located.
  readonly problems: readonly LocatedProblem[];
  // Columns that were ignored, and the like: shown, never fatal.
  readonly warnings: readonly LocatedProblem[];
}

export async function readPlanWorkbook(
  bytes: Uint8Array,
): Promise<WorkbookReading | { fatal: LocatedProblem } | { tooLarge: LocatedProblem }> {
  const inflation = inflateWorkbookZip(bytes);
  if (!inflation.ok && inflation.tooLarge)
    return { tooLarge: { path: '(file)', message: inflation.message } };
  if (!inflation.ok)
    return { fatal: { path: '(file)', message: `not a readable XLSX workbook: ${inflation.message}` } };
  const wb = new (loadExcelJs().Workbook)();
  try {
    await wb.xlsx.load(inflation.zip as never);
  } catch (e) {
    return {
      fatal: { path: '(file)', message: `not a readable XLSX workbook: ${(e as Error).message}` },
    };
  }
  return readSheets(wb);
}

// The sheets in this order, so problems come out sheet by sheet.
function readSheets(wb: Workbook): WorkbookReading | { fatal: LocatedProblem } {
  const tasks = wb.getWorksheet(SHEET.tasks);
  if (!tasks)
    return {
      fatal: {
        path: '(file)',
        message: `the workbook has no sheet named ${SHEET.tasks} (one row per measure); start from \`rectify template\``,
      },
    };
  const ctx = new ReadingContext();
  const { inspection, plan, policyVersionAddress } = readInfoSheet(ctx, wb);
  const declaredUnits = readUnitsSheet(ctx, wb);
  const units = declaredUnits ?? [];
  const sources = readSourcesSheet(ctx, wb);
  const categories = readTasksSheet(ctx, tasks, units, declaredUnits !== null);
  readIndicatorsSheet(ctx, wb, categories);
  const steps = readPolicySheet(ctx, wb);
  if (steps.length) {
    plan.escalationPolicy = { version: plan.escalationPolicyVersion, steps };
    if (policyVersionAddress) ctx.locations.set('plan.escalationPolicy.version', policyVersionAddress);
  }
  delete plan.escalationPolicyVersion;
  return {
    document: { formatVersion: 1, inspection, ...(sources ? { sources } : {}), plan, units, categories },
    locations: ctx.locations,
    problems: ctx.problems,
    warnings: ctx.warnings,
  };
}
