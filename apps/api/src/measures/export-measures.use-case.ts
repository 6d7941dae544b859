import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import { TableWorkbook } from '../../../../libs/plan-io/src/xlsx/table-workbook';
import { STEP_LABELS, TRACK_LABELS } from '../../../../libs/plan-io/src/ledger-layout';
import { neutraliseText } from '../../../../libs/plan-io/src/spreadsheet-cell';
import type { MeasureFilter } from '../../../../libs/persistence/src/repositories/measure.repository';
import { MeasureRepository } from '../../../../libs/persistence/src/repositories/measure.repository';
import { LIGHT_LABELS, STATUS_LABELS } from '../../../../libs/reporting/src/bulletin-renderer';
import type { AcknowledgementStatus } from '../../../../libs/domain/src/acknowledgement-policy';
import { ESCALATION_KINDS, ESCALATION_LEVEL } from '../../../../libs/domain/src/escalation-ladder';
import { measureSummary } from './list-measures.use-case';

// One export holds at most this many measures: beyond, the file is too big to be of use and too
// costly to build on request; the office narrows the filters instead.
export const MAX_EXPORT_ROWS = 50_000;
// Rows are read and written a page at a time, so the whole list is never in memory at once.
const PAGE = 2_000;

export const EXPORT_COLUMNS = [
  { header: '方案', width: 16 },
  { header: '问题编号', width: 10 },
  { header: '措施编号', width: 14 },
  { header: '整改措施', width: 48 },
  { header: '整改类型', width: 10 },
  { header: '牵头领导', width: 14 },
  { header: '牵头单位', width: 16 },
  { header: '配合单位', width: 24 },
  { header: '完成时限', width: 14 },
  { header: '状态', width: 10 },
  { header: '逾期', width: 6 },
  { header: '督办等级', width: 10 },
  { header: '销号日期', width: 22 },
  { header: '亮灯', width: 8 },
  { header: '签收', width: 10 },
] as const;

// 签收: where the latest delivery stands; blank when the plan requires none.
const ACKNOWLEDGEMENT_LABELS: Record<AcknowledgementStatus, string> = {
  pending: '待签收',
  acknowledged: '已签收',
  returned: '已退回',
};

// The highest step of each level, as the ledger names it (0: none yet).
const LEVEL_LABELS = new Map<number, string>(
  ESCALATION_KINDS.map((k) => [ESCALATION_LEVEL[k], STEP_LABELS[k]]),
);

export interface MeasureExport {
  readonly fileName: string;
  readonly bytes: Buffer;
}

// The measure board's current view (same filters and order as GET /measures) as an XLSX file.
@Injectable()
export class ExportMeasuresUseCase {
  constructor(@Inject(MeasureRepository) private readonly measures: MeasureRepository) {}

  async execute(filter: Omit<MeasureFilter, 'limit' | 'offset'>): Promise<MeasureExport> {
    const first = await this.measures.list({ ...filter, limit: PAGE, offset: 0 });
    if (first.total > MAX_EXPORT_ROWS)
      throw new DomainError(
        'EXPORT_TOO_LARGE',
        `${first.total} measures match; one export holds at most ${MAX_EXPORT_ROWS}: narrow the filters`,
      );
    const wb = new TableWorkbook();
    const sheet = wb.openTable('整改措施', EXPORT_COLUMNS);
    const now = new Date();
    let page = first.items;
    for (let offset = 0; page.length > 0; ) {
      const codes = await this.measures.treeCodes(page);
      await sheet.addRows(
        page.map((m) => {
          const s = measureSummary(m, now);
          return [
            codes.plans.get(m.planId) ?? '',
            codes.problems.get(m.problemId) ?? '',
            s.code,
            s.title,
            TRACK_LABELS[s.track],
            s.leadLeader,
            s.leadUnit,
            s.coUnits.join('、'),
            s.due,
            STATUS_LABELS[s.status],
            s.overdue ? '是' : '',
            LEVEL_LABELS.get(s.overdueLevel) ?? '',
            s.signedOffAt ?? '',
            s.light ? LIGHT_LABELS[s.light] : '',
            s.acknowledgement ? ACKNOWLEDGEMENT_LABELS[s.acknowledgement] : '',
          ].map((v) => neutraliseText(v));
        }),
      );
      offset += page.length;
      if (offset >= first.total) break;
      page = (await this.measures.list({ ...filter, limit: PAGE, offset })).items;
    }
    await sheet.close();
    return { fileName: `measures-${now.toISOString().slice(0, 10)}.xlsx`, bytes: await wb.toBuffer() };
  }
}
