// The ledger's 批示落实 sheet: every leader's instruction of the plan with its target, author, date,
// limit and state, and each answer (落实情况) on a line of its own with the unit that gave it, its
// date and whether it came late. An instruction not yet answered has one line with the answer
// columns empty, so the sheet also lists what is still owed.
import type { TableWorkbook } from '../../plan-io/src/xlsx/table-workbook';
import type { InstructionState, InstructionTargetKind } from '../../domain/src/leader-instruction';
import { addTable, type CellOut } from '../../plan-io/src/plan-workbook.writer';

export const INSTRUCTION_SHEET = '批示落实';

export interface InstructionLedgerEntry {
  readonly targetKind: InstructionTargetKind;
  readonly targetCode: string;
  readonly text: string;
  readonly author: string;
  readonly issuedOn: string; // YYYY-MM-DD, as on the instruction
  readonly dueAt: string; // YYYY-MM-DD HH:mm in the plan's zone
  readonly state: InstructionState;
  readonly answers: readonly {
    readonly unit: string | null; // the unit's name (code); null: the office
    readonly text: string;
    readonly answeredAt: string; // YYYY-MM-DD HH:mm in the plan's zone
    readonly late: boolean;
  }[];
}

const TARGET_LABELS: Record<InstructionTargetKind, string> = {
  plan: '整改方案',
  problem: '问题',
  measure: '整改措施',
};

export const INSTRUCTION_STATE_LABELS: Record<InstructionState, string> = {
  awaiting_answer: '待落实',
  answered: '已落实',
  answer_overdue: '逾期未落实',
};

export async function addInstructionSheet(
  wb: TableWorkbook,
  entries: readonly InstructionLedgerEntry[],
): Promise<void> {
  const rows: CellOut[][] = [];
  entries.forEach((e, i) => {
    const head: CellOut[] = [
      i + 1,
      `${TARGET_LABELS[e.targetKind]} ${e.targetCode}`,
      e.text,
      e.author,
      e.issuedOn,
      e.dueAt,
      INSTRUCTION_STATE_LABELS[e.state],
    ];
    if (!e.answers.length) rows.push(head);
    for (const a of e.answers)
      rows.push([...head, a.unit ?? '整改办', a.text, a.answeredAt, a.late ? '是' : '否']);
  });
  await addTable(
    wb,
    INSTRUCTION_SHEET,
    [
      { header: '序号', width: 6 },
      { header: '批示对象', width: 18 },
      { header: '批示内容', width: 40 },
      { header: '批示领导', width: 14 },
      { header: '批示日期', width: 12 },
      { header: '落实时限', width: 18 },
      { header: '落实状态', width: 12 },
      { header: '落实单位', width: 18 },
      { header: '落实情况', width: 40 },
      { header: '报送时间', width: 18 },
      { header: '逾期报送', width: 10 },
    ],
    rows,
  );
}
