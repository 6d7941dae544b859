// The spreadsheet layout of a plan's sources (问题来源): an optional sheet of its own, and the
// 任务清单 column where a problem names the sources it comes from.
import { SOURCE_KINDS, type SourceKind } from '../../domain/src/plan-sources';
import { col } from './ledger-layout';

export const SOURCE_SHEET = '问题来源';

export const SOURCE_KIND_LABELS: Record<SourceKind, string> = {
  inspection: '巡视',
  patrol: '巡察',
  special_supervision: '专项督查',
  effectiveness_assessment: '成效考核',
  audit: '审计',
  spot_check: '暗访',
  other: '其他',
};

// Label or English value → kind; unknown text stays as it is, for the schema to refuse.
export function readSourceKind(text: string): string {
  const t = text.trim();
  return (
    SOURCE_KINDS.find((k) => k === t || SOURCE_KIND_LABELS[k] === t) ??
    (t === '督查' ? 'special_supervision' : t)
  );
}

export const SOURCE_COLUMNS = [
  col('code', '来源编号', 12, '必填，如 XS-2018；任务清单的“问题来源”列填这些编号'),
  col('kind', '来源类型', 12, '巡视 / 巡察 / 专项督查 / 成效考核 / 审计 / 暗访 / 其他'),
  col('name', '来源名称', 30, '可留空'),
  col('body', '监督机构', 20, '必填，如 省委第三巡察组'),
  col('inspectedOrganisation', '被监督单位', 20, '可留空：默认为基本信息中的被巡视单位'),
  col('from', '开始日期', 12, 'YYYY-MM-DD，可留空'),
  col('to', '结束日期', 12, 'YYYY-MM-DD，可留空'),
  col('feedbackDate', '反馈日期', 12, 'YYYY-MM-DD，可留空'),
] as const;

// A 任务清单 cell naming sources: codes separated by 、, commas or line breaks.
export function readSourceCodes(text: string): string[] {
  return text
    .split(/[、,，;；\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}
