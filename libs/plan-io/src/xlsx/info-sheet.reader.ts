// 基本信息: a label in column A, its value in column B; unknown labels are passed over.
import type { Workbook } from 'exceljs';
import { INFO_FIELDS, readCadence, SHEET } from '../ledger-layout';
import { readCell } from '../spreadsheet-cell';
import { normaliseHeader, numberOf, textOf } from './cell-reading';
import { readProgressInfo } from './progress-info';
import type { ReadingContext } from './reading-context';

export interface InfoSheet {
  readonly inspection: Record<string, unknown>;
  readonly plan: Record<string, unknown>;
  // Located only once the 督办规则 sheet turns out to hold steps.
  readonly policyVersionAddress: string | undefined;
}

export function readInfoSheet(ctx: ReadingContext, wb: Workbook): InfoSheet {
  const inspection: Record<string, unknown> = {};
  const plan: Record<string, unknown> = {};
  let policyVersionAddress: string | undefined;
  const ws = wb.getWorksheet(SHEET.info);
  if (!ws) {
    ctx.problems.push({
      path: 'plan',
      location: SHEET.info,
      message: `the workbook has no ${SHEET.info} sheet`,
    });
    return { inspection, plan, policyVersionAddress };
  }
  ctx.locations.set('plan', `${SHEET.info}!A1`);
  ctx.locations.set('inspection', `${SHEET.info}!A1`);
  ws.eachRow((row) => {
    const label = textOf(readCell(row.getCell(1)));
    const field = INFO_FIELDS.find((f) => normaliseHeader(f.label) === normaliseHeader(label ?? ''));
    if (!field) return;
    const cell = row.getCell(2);
    const address = `${SHEET.info}!${cell.address}`;
    const reading = ctx.take(readCell(cell), address);
    if (reading === undefined) return;
    if (readProgressInfo(field.key, reading, plan)) {
      ctx.locations.set(field.key, address);
      return;
    }
    const [scope, name] = field.key.split('.');
    const target = scope === 'plan' ? plan : inspection;
    if (field.key === 'plan.escalationPolicy.version') {
      target.escalationPolicyVersion = String(reading);
      policyVersionAddress = address;
      return;
    }
    target[name] =
      field.key === 'plan.baseYear' || field.key === 'plan.immediateWithinDays'
        ? numberOf(reading)
        : field.key === 'plan.reportingCadence'
          ? readCadence(String(reading))
          : String(reading);
    ctx.locations.set(field.key, address);
  });
  return { inspection, plan, policyVersionAddress };
}
