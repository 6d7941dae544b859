// 督办规则 (optional): one escalation step per row; none means the default policy applies.
import type { Workbook } from 'exceljs';
import { POLICY_COLUMNS, readStepKind, SHEET } from '../ledger-layout';
import type { ReadingContext } from './reading-context';

export function readPolicySheet(ctx: ReadingContext, wb: Workbook): Record<string, unknown>[] {
  const ws = wb.getWorksheet(SHEET.policy);
  if (!ws) return [];
  return ctx.rowsOf(ws, POLICY_COLUMNS, ['kind', 'offset']).map((row, i) => {
    const step: Record<string, unknown> = {};
    const kind = ctx.field(row, 'kind', `plan.escalationPolicy.steps[${i}].kind`);
    const offset = ctx.field(row, 'offset', `plan.escalationPolicy.steps[${i}].offset`);
    if (kind !== undefined) step.kind = readStepKind(String(kind));
    if (offset !== undefined) step.offset = String(offset);
    return step;
  });
}
