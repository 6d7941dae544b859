// The roll-up of a reporting period as a document for the office: 日调度 / 周调度 / 旬报 / 月通报,
// in the bulletin's style (report-document.ts): who reported, who missed (漏报), and each unit's
// measures by status. Rendered from the stored roll-up, over the rows the reader may see.
import type { ReportingCadence } from '../../domain/src/reporting-period';
import { STATUS_LABELS } from './bulletin-renderer';
import { type Block, type DocumentFormat, renderDocument, zhDate } from './report-document';
import type { RollUp, RollUpUnit } from './roll-up';
import { MEASURE_STATUSES } from '../../domain/src/measure-status';

// What the period's document is called.
export const ROLL_UP_NAMES: Record<ReportingCadence, string> = {
  daily: '日调度情况',
  weekly: '周调度情况',
  ten_daily: '旬报',
  monthly: '月通报',
};

export function rollUpTitle(r: RollUp): string {
  return `${r.plan.title}整改进展${ROLL_UP_NAMES[r.cadence]}（${r.period.label}）`;
}

export function renderRollUp(r: RollUp, format: DocumentFormat): string {
  return renderDocument(rollUpBlocks(r), format, rollUpTitle(r));
}

export function rollUpBlocks(r: RollUp): Block[] {
  const days =
    r.period.firstDay === r.period.lastDay
      ? zhDate(r.period.firstDay)
      : `${zhDate(r.period.firstDay)}至${zhDate(r.period.lastDay)}`;
  const owed = r.units.filter((u) => u.owed);
  const reported = owed.filter((u) => u.reported);
  const missed = owed.filter((u) => !u.reported);
  const missedText = missed.length
    ? `，漏报${missed.length}个：${missed.map((u) => `${u.name}${streak(u)}`).join('、')}`
    : '，无漏报';
  return [
    { kind: 'title', text: rollUpTitle(r) },
    { kind: 'note', text: `报告周期：${days}（${r.period.key}）` },
    { kind: 'heading', text: '一、报告情况' },
    {
      kind: 'paragraph',
      text: owed.length
        ? `本期应报送进展情况的责任单位${owed.length}个，已报送${reported.length}个${missedText}。`
        : '本期没有应报送进展情况的责任单位。',
    },
    { kind: 'heading', text: '二、各责任单位整改措施进展' },
    {
      kind: 'table',
      header: [
        '责任单位',
        '报告情况',
        '本期进展报告',
        ...MEASURE_STATUSES.map((s) => STATUS_LABELS[s]),
        '合计',
      ],
      rows: r.units.map((u) => [
        u.name,
        reportCell(u),
        String(u.reports),
        ...MEASURE_STATUSES.map((s) => String(u.measures[s])),
        String(u.measures.total),
      ]),
    },
  ];
}

function reportCell(u: RollUpUnit): string {
  if (!u.owed) return '无在办措施';
  return u.reported ? '已报送' : `漏报${streak(u)}`;
}

function streak(u: RollUpUnit): string {
  return u.consecutiveMisses > 1 ? `（连续${u.consecutiveMisses}期）` : '';
}
