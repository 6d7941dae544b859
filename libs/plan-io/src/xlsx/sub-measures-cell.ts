// 分解落实 in 任务清单: one sub-measure a line, `单位[：时限][：牵头领导]`, optionally led by a code
// in brackets (`[lanzhou] 兰州市：6月底前`). A title cannot be written here: a sub-measure read from a
// workbook takes its measure's title with the unit's name (plan-sub-measures.ts).
import type { MeasureDefinition } from '../../../domain/src/plan-definition';

// `：`, or `:` not followed by a digit (18:00 stays part of a deadline).
const SEPARATOR = /\s*(?:：|:(?!\d))\s*/;

export interface SubMeasureCellEntry {
  code?: string;
  leadUnit: string;
  due?: string;
  leadLeader?: string;
}

// One line as an entry, the unit as typed (the caller resolves names to codes); null: unreadable.
export function readSubMeasureLine(line: string): SubMeasureCellEntry | null {
  const coded = /^\[([^\]]+)\]\s*(.*)$/s.exec(line);
  const [unit, due, leader, ...rest] = (coded ? coded[2] : line).split(SEPARATOR);
  if (!unit || rest.length) return null;
  return {
    ...(coded ? { code: coded[1].trim() } : {}),
    leadUnit: unit,
    ...(due ? { due } : {}),
    ...(leader ? { leadLeader: leader } : {}),
  };
}

// The cell a measure's sub-measures are written back as (ledger and template alike).
export function subMeasuresCellText(m: Pick<MeasureDefinition, 'subMeasures'>): string | undefined {
  const lines = (m.subMeasures ?? []).map((s) => {
    const code = s.code && s.code !== s.leadUnit ? `[${s.code}] ` : '';
    const tail = s.leadLeader ? `：${s.due ?? ''}：${s.leadLeader}` : s.due ? `：${s.due}` : '';
    return `${code}${s.leadUnit}${tail}`;
  });
  return lines.length ? lines.join('\n') : undefined;
}
