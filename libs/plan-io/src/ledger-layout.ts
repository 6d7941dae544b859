// The spreadsheet layout of a plan (整改台账), shared by the import reader, the template and the
// exported ledger, so that a ledger can be read back as the plan it came from.
import { ESCALATION_STEP_KINDS, type EscalationStepKind } from '../../domain/src/escalation-ladder';
import { EVIDENCE_KINDS, type EvidenceKind } from '../../domain/src/evidence-kind';
import { REPORTING_CADENCES, UNIT_LEVELS, type ReportingCadence } from '../../domain/src/plan-definition';
import { TRACKS, type Track } from '../../domain/src/track';
import { PROGRESS_INFO_FIELDS } from './xlsx/progress-info';

export const SHEET = {
  guide: '填表说明',
  info: '基本信息',
  units: '责任单位',
  tasks: '任务清单',
  indicators: '量化指标',
  policy: '督办规则',
} as const;

export interface ColumnSpec<K extends string> {
  readonly key: K;
  readonly header: string;
  // What an office may type in the header instead (older templates, English).
  readonly aliases: readonly string[];
  readonly width: number;
  readonly note: string;
}

// One column of a sheet of the ledger layout (the sources sheet uses it too).
export const col = <K extends string>(
  key: K,
  header: string,
  width: number,
  note: string,
  aliases: string[] = [],
): ColumnSpec<K> => ({ key, header, width, note, aliases: [...aliases, key] });

// 任务清单: one row per measure. Category, aspect and problem columns may be merged or left
// blank below their first row: a blank cell takes the value above it.
export const TASK_COLUMNS = [
  col('categoryCode', '大类编号', 10, '可留空：按出现顺序编为 C1、C2…', ['类别编号']),
  col('category', '问题大类', 28, '如：学习领会习近平总书记关于扶贫工作重要论述有差距', ['大类', '问题类别']),
  col('aspectCode', '方面编号', 10, '可留空：按出现顺序编为 C1-A1…'),
  col('aspect', '问题方面', 28, '如：脱贫攻坚理论武装不够扎实', ['方面']),
  col('problemCode', '问题编号', 10, '必填，如 P01；同一问题的多条措施可合并单元格或留空'),
  col('problem', '问题', 36, '巡视反馈的问题', ['问题描述', '问题表现']),
  col('track', '整改类型', 12, '立行立改 / 长效机制 / 长期攻坚 / 线索移交', ['整改类别']),
  col('rootCause', '原因剖析', 30, '可留空', ['原因分析']),
  col('measureCode', '措施编号', 12, '必填，在整个方案内唯一，如 P01-M1'),
  col('measure', '整改措施', 40, '必填', ['措施', '整改任务']),
  col('method', '具体举措', 40, '可留空：怎么改', ['工作举措', '整改举措']),
  col('leadLeader', '牵头领导', 14, '必填', ['责任领导']),
  col('leadUnit', '牵头单位', 18, '单位编号或名称', ['责任单位', '牵头部门']),
  col('coUnits', '配合单位', 24, '多个单位用顿号、逗号或换行分隔', ['协同单位', '配合部门']),
  col(
    'due',
    '完成时限',
    14,
    '2019-09-30，或 9月底前、6月30日前、9月26日18:00前、4月下旬、2019年底前、明年6月底前、年内、立行立改、长期坚持',
    ['整改时限', '时限'],
  ),
  col('milestones', '阶段目标', 30, '每行一个：时限：内容，如 4月下旬：举办专题研讨班；可加编号 [MS1]'),
  col('indicatorCode', '指标编号', 10, '可留空：编为 I1；更多指标填在“量化指标”表'),
  col('indicatorName', '指标名称', 18, '如：危房改造户数'),
  col('indicatorTarget', '目标值', 10, '数字，可写 2.65万'),
  col('indicatorUnit', '计量单位', 8, '如：户'),
  col('indicatorBaseline', '基线值', 10, '可留空'),
  col('indicatorCurrent', '当前值', 10, '可留空'),
  col('requirements', '整改要求', 30, '可留空'),
  col('evidenceRules', '佐证材料', 30, '每行一个：类型：说明；类型为 文件、照片、数据、现场核查、证言、附件'),
  col('referralItems', '移交线索', 30, '线索移交类：每行一个：编号：摘要'),
  col('problemSources', '问题来源', 16, '可留空：“问题来源”表的来源编号，多个用顿号分隔'),
  col(
    'subMeasures',
    '分解落实',
    30,
    '可留空；每行一个子措施：单位：时限：牵头领导，时限和领导可省略，如 兰州市：6月底前。牵头或配合单位填“各市州”“各县区”等时，自动为每个市州、县区分解一项子措施',
    ['分解到', '子措施'],
  ),
] as const;
export type TaskColumnKey = (typeof TASK_COLUMNS)[number]['key'];

// Columns an exported ledger adds to 任务清单: read back, they are ignored, and a row whose
// status is 已调出 is skipped (the measure left the plan).
export const LEDGER_STATUS_COLUMNS = ['状态', '督办等级', '逾期天数', '销号日期'] as const;
export const WITHDRAWN_LABEL = '已调出';

export const UNIT_COLUMNS = [
  col('code', '单位编号', 18, '如 GS-HOUSING；可用中文'),
  col('name', '单位名称', 24, '如 省住建厅'),
  col('level', '层级', 10, '中央 / 省级 / 市级 / 县级 / 乡镇 / 村 / 其他'),
  col('parent', '上级单位编号', 18, '可留空'),
] as const;

export const INDICATOR_COLUMNS = [
  col('measureCode', '措施编号', 12, '指标所属措施'),
  col('code', '指标编号', 10, '在措施内唯一'),
  col('name', '指标名称', 20, ''),
  col('target', '目标值', 10, '数字'),
  col('unit', '计量单位', 8, ''),
  col('baseline', '基线值', 10, '可留空'),
  col('current', '当前值', 10, '可留空'),
] as const;

export const POLICY_COLUMNS = [
  col('kind', '步骤', 14, '提醒 / 催办 / 督办 / 约谈 / 问责移送'),
  col(
    'offset',
    '时点',
    12,
    '相对完成时限的 ISO 8601 时长：-P7D 为提前7天，P3D 为逾期3天；填写了工作日历时可用工作日：-P2WD 为提前2个工作日',
  ),
] as const;

// 基本信息: label in column A, value in column B.
export const INFO_FIELDS = [
  { key: 'plan.code', label: '方案编号', note: '必填，如 GS-2019' },
  { key: 'plan.title', label: '方案名称', note: '必填' },
  { key: 'plan.timeZone', label: '时区', note: '默认 Asia/Shanghai' },
  {
    key: 'plan.baseYear',
    label: '基准年份',
    note: '“9月底前”等不带年份的时限所在年份；默认为反馈日期所在年份',
  },
  { key: 'plan.reportingCadence', label: '报告周期', note: '日调度 / 周调度 / 旬报告 / 月通报' },
  { key: 'plan.escalationPolicy.version', label: '督办规则版本', note: '填写了“督办规则”表时必填' },
  { key: 'inspection.code', label: '巡视编号', note: '必填' },
  { key: 'inspection.name', label: '巡视名称', note: '必填' },
  { key: 'inspection.inspectingBody', label: '巡视组', note: '必填' },
  { key: 'inspection.inspectedOrganisation', label: '被巡视单位', note: '必填' },
  { key: 'inspection.onSiteFrom', label: '进驻开始日期', note: 'YYYY-MM-DD' },
  { key: 'inspection.onSiteTo', label: '进驻结束日期', note: 'YYYY-MM-DD' },
  { key: 'inspection.feedbackDate', label: '反馈日期', note: 'YYYY-MM-DD' },
  // Last, so the rows above keep their places in workbooks made before it.
  {
    key: 'plan.calendar',
    label: '工作日历',
    note: 'CN（国务院节假日安排）或整改办维护的日历编号；提醒避开节假日，督办规则可按工作日计',
  },
  ...PROGRESS_INFO_FIELDS,
  {
    key: 'plan.immediateWithinDays',
    label: '立行立改期限（天）',
    note: '时限写“立即”“立行立改”的措施，自反馈日期起多少天内完成；默认15天（标为系统默认）',
  },
] as const;

// Chinese labels for enum values; the English values are accepted as well.
export const TRACK_LABELS: Record<Track, string> = {
  immediate: '立行立改',
  mechanism: '长效机制',
  long_term: '长期攻坚',
  referral: '线索移交',
};
const TRACK_ALIASES: Record<string, Track> = {
  即知即改: 'immediate',
  立即整改: 'immediate',
  常态化: 'mechanism',
  健全机制: 'mechanism',
  常态长效: 'mechanism',
  攻坚: 'long_term',
  长期: 'long_term',
  冲刺清零: 'long_term',
  持续攻坚: 'long_term',
  问题线索移交: 'referral',
  移交: 'referral',
};

export const UNIT_LEVEL_LABELS: Record<(typeof UNIT_LEVELS)[number], string> = {
  central: '中央',
  province: '省级',
  city: '市级',
  county: '县级',
  township: '乡镇',
  village: '村',
  other: '其他',
};

export const CADENCE_LABELS: Record<ReportingCadence, string> = {
  daily: '日调度',
  weekly: '周调度',
  ten_daily: '旬报告',
  monthly: '月通报',
};

export const STEP_LABELS: Record<EscalationStepKind, string> = {
  reminder: '提醒',
  overdue_notice: '催办',
  supervision_notice: '督办',
  formal_talk: '约谈',
  accountability_referral: '问责移送',
};

export const EVIDENCE_LABELS: Record<EvidenceKind, string> = {
  document: '文件',
  photo: '照片',
  data: '数据',
  site_visit: '现场核查',
  testimony: '证言',
  file: '附件',
};

// Label or English value → enum value; unknown text is returned as it is, for the schema to refuse.
function reader<T extends string>(values: readonly T[], labels: Record<T, string>, aliases = {}) {
  const map = new Map<string, T>();
  for (const v of values) {
    map.set(v, v);
    map.set(labels[v], v);
  }
  for (const [k, v] of Object.entries(aliases)) map.set(k, v as T);
  return (text: string): string => map.get(text.trim()) ?? text.trim();
}

export const readTrack = reader(TRACKS, TRACK_LABELS, TRACK_ALIASES);
export const readUnitLevel = reader(UNIT_LEVELS, UNIT_LEVEL_LABELS, {
  省: 'province',
  省直: 'province',
  市州: 'city',
  市: 'city',
  县区: 'county',
  县: 'county',
  乡: 'township',
  镇: 'township',
});
export const readCadence = reader(REPORTING_CADENCES, CADENCE_LABELS, {
  日报: 'daily',
  周报: 'weekly',
  旬报: 'ten_daily',
  月报: 'monthly',
});
export const readStepKind = reader(ESCALATION_STEP_KINDS, STEP_LABELS);
export const readEvidenceKind = reader(EVIDENCE_KINDS, EVIDENCE_LABELS);

// Codes a plan derives when a spreadsheet leaves them blank; the ledger leaves them blank again.
export const defaultMilestoneCode = (measureCode: string, i: number) => `${measureCode}-MS${i + 1}`;
export const defaultIndicatorCode = (i: number) => `I${i + 1}`;
