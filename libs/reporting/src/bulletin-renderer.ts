// The progress bulletin (整改进展情况通报) as of a date, in the shape of the seed's section 三:
// "梳理为4大类10个方面30个问题……其中……等7个问题……等12个问题……等11个问题". Internal and public
// editions; the public one names no individual (no lead leaders; units are named). Markdown and
// HTML are two serialisations of one list of blocks (report-document.ts).
import { ESCALATION_LEVEL } from '../../domain/src/escalation-ladder';
import { MEASURE_LIGHTS, type MeasureLight } from '../../domain/src/measure-light';
import type { MeasureStatus } from '../../domain/src/measure-status';
import type { SpotBulletinFigures } from '../../domain/src/spot-inspection';
import type { Track } from '../../domain/src/track';
import { STEP_LABELS } from '../../plan-io/src/ledger-layout';
import { assumedDeadlineSentence, dueShown } from './assumed-deadline';
import {
  AGEING_BUCKETS,
  type BulletinUnitRanking,
  type CountsByStatus,
  type PlanReport,
} from './plan-report';
import {
  measureCountsLead,
  problemProgressBlocks,
  targetAdjustmentBlocks,
  totalsSentence,
} from './progress-bulletin';
import { sourceBreakdown, sourceOpening } from './bulletin-sources';
import { subMeasureSentence } from './sub-measure-report';
import { type Block, DOCUMENT_FORMATS, type DocumentFormat, renderDocument, zhDate } from './report-document';

export const BULLETIN_EDITIONS = ['internal', 'public'] as const;
export type BulletinEdition = (typeof BULLETIN_EDITIONS)[number];
export const BULLETIN_FORMATS = DOCUMENT_FORMATS;
export type BulletinFormat = DocumentFormat;

export const STATUS_LABELS: Record<MeasureStatus, string> = {
  assigned: '已交办',
  in_progress: '整改中',
  completion_claimed: '申请销号',
  verified: '已销号',
  closed: '已关闭',
  withdrawn: '已调出',
};

// 亮灯 (三色/四色督办).
export const LIGHT_LABELS: Record<MeasureLight, string> = {
  green: '绿灯',
  blue: '蓝灯',
  yellow: '黄灯',
  red: '红灯',
};

// How the seed introduces each track's problems, and what it says is being done about them.
const TRACK_PHRASES: Record<Track, { readonly intro: string; readonly action: string }> = {
  immediate: { intro: '针对能够当下改的', action: '立行立改、即知即改' },
  mechanism: { intro: '针对需要健全完善常态化工作机制的', action: '坚持抓好巩固提升、持续用力' },
  long_term: { intro: '针对需要长期攻坚的', action: '明确路线图和时间表，攻坚推进' },
  referral: { intro: '针对问题线索移交的', action: '逐条核实、跟踪处理' },
};

const AGEING_LABELS: Record<(typeof AGEING_BUCKETS)[number], string> = {
  '1-7': '1—7天',
  '8-30': '8—30天',
  '31-90': '31—90天',
  '>90': '90天以上',
};

export function renderBulletin(report: PlanReport, edition: BulletinEdition, format: BulletinFormat): string {
  const blocks = bulletinBlocks(report, edition);
  return renderDocument(blocks, format, `${report.planTitle}整改进展情况通报`);
}

export function bulletinBlocks(r: PlanReport, edition: BulletinEdition): Block[] {
  const out: Block[] = [];
  const asOf = zhDate(r.asOf);
  out.push({ kind: 'title', text: `${r.planTitle}整改进展情况通报` });
  out.push({
    kind: 'note',
    text: `截至${asOf}，${edition === 'internal' ? '内部版：含牵头领导，仅供内部使用' : '公开版'}`,
  });
  const sections: [string, Block[]][] = [
    ['总体情况', overall(r, asOf)],
    ['分类推进情况', byCategory(r)],
    ['逾期整改措施', overdue(r, asOf, edition)],
  ];
  if (r.indicators.length) sections.push(['量化指标进展', indicators(r)]);
  if (r.discipline) sections.push(['执纪问责情况', discipline(r.discipline)]);
  if (r.spotInspections?.rounds) sections.push(['暗访督查情况', spotInspections(r.spotInspections, asOf)]);
  // The caller gives the public edition a ranking only once the office published it.
  if (r.unitRanking?.rows.length) sections.push(['责任单位考评排名', unitRanking(r.unitRanking, asOf)]);
  if (r.lights.byUnit.length) sections.push(['亮灯督办情况', lights(r, asOf)]);
  sections.forEach(([heading, blocks], i) => {
    out.push({ kind: 'heading', text: `${ZH_ORDINALS[i]}、${heading}` });
    out.push(...blocks);
  });
  return out;
}

function overall(r: PlanReport, asOf: string): Block[] {
  const m = r.measures;
  const claimed = m.byStatus.completion_claimed;
  const blocks: Block[] = [
    { kind: 'paragraph', text: sourceOpening(r) },
    {
      kind: 'paragraph',
      text:
        `${totalsSentence(r)}截至${asOf}，${measureCountsLead(r)}已完成（销号）${m.done}项，正在推进${m.open}项` +
        `${claimed ? `（其中申请销号待验收${claimed}项）` : ''}，逾期未完成${m.overdue}项` +
        `${m.withdrawn ? `，调出${m.withdrawn}项` : ''}。` +
        `${r.removedMeasures ? `另有${r.removedMeasures}项措施经调整已调出整改方案。` : ''}`,
    },
  ];
  const bySource = sourceBreakdown(r);
  if (bySource) blocks.push({ kind: 'paragraph', text: bySource });
  const sub = subMeasureSentence(r.subMeasures);
  if (sub) blocks.push({ kind: 'paragraph', text: sub });
  if (r.tracks.length)
    blocks.push({
      kind: 'paragraph',
      text: `其中，${r.tracks.map((t) => trackSentence(t.track, t.problems, t.problemTitles, t.measures)).join('；')}。`,
    });
  blocks.push(...problemProgressBlocks(r));
  const assumed = assumedDeadlineSentence(r);
  if (assumed) blocks.push({ kind: 'paragraph', text: assumed });
  return blocks;
}

function trackSentence(track: Track, problems: number, titles: readonly string[], m: CountsByStatus): string {
  const shown = titles.slice(0, 2).map((t) => `“${shorten(t, 30)}”`);
  const named = shown.length
    ? `${problems > shown.length ? '如' : ''}${shown.join('')}${problems > shown.length ? '等' : ''}`
    : '';
  const p = TRACK_PHRASES[track];
  return `${p.intro}${named}${problems}个问题，${p.action}（整改措施${m.total}项，已完成${m.done}项${
    m.overdue ? `，逾期${m.overdue}项` : ''
  }）`;
}

function byCategory(r: PlanReport): Block[] {
  return [
    {
      kind: 'table',
      header: ['问题大类', '问题', '整改措施', '已完成', '推进中', '逾期', '调出', '完成率'],
      rows: r.categories.map((c) => [
        c.title,
        String(c.problems),
        String(c.measures.total),
        String(c.measures.done),
        String(c.measures.open),
        String(c.measures.overdue),
        String(c.measures.withdrawn),
        percent(c.measures.done, c.measures.total - c.measures.withdrawn),
      ]),
    },
  ];
}

function overdue(r: PlanReport, asOf: string, edition: BulletinEdition): Block[] {
  if (!r.overdue.length) return [{ kind: 'paragraph', text: `截至${asOf}，无逾期未完成的整改措施。` }];
  const ageing = AGEING_BUCKETS.map((b) => `逾期${AGEING_LABELS[b]}${r.ageing[b]}项`).join('，');
  const levels = [1, 2, 3, 4]
    .filter((l) => r.levels[l])
    .map((l) => `已${LEVEL_LABELS[l]}${r.levels[l]}项`)
    .join('、');
  const header = [
    '措施编号',
    '整改措施',
    '牵头单位',
    ...(edition === 'internal' ? ['牵头领导'] : []),
    '完成时限',
    '逾期天数',
    '督办等级',
    '状态',
  ];
  return [
    {
      kind: 'paragraph',
      text: `截至${asOf}，逾期未完成整改措施${r.overdue.length}项：${ageing}。${levels ? `按督办升级，${levels}。` : ''}`,
    },
    {
      kind: 'table',
      header,
      rows: r.overdue.map((o) => [
        o.code,
        o.title,
        o.leadUnitName,
        ...(edition === 'internal' ? [o.leadLeader] : []),
        o.dueWritten === o.dueDate ? dueShown(o) : `${o.dueWritten}（${dueShown(o)}）`,
        String(o.daysOverdue),
        LEVEL_LABELS[o.overdueLevel] ?? '—',
        STATUS_LABELS[o.status],
      ]),
    },
  ];
}

// Open measures by light, in all and by lead unit (both editions: units are named in either).
function lights(r: PlanReport, asOf: string): Block[] {
  const shown = MEASURE_LIGHTS.filter((l) => l !== 'blue' || r.lights.total.blue > 0);
  return [
    {
      kind: 'paragraph',
      text: `截至${asOf}，推进中的整改措施亮${shown.map((l) => `${LIGHT_LABELS[l]}${r.lights.total[l]}项`).join('、')}。`,
    },
    {
      kind: 'table',
      header: ['牵头单位', ...shown.map((l) => LIGHT_LABELS[l])],
      rows: r.lights.byUnit.map((u) => [u.name, ...shown.map((l) => String(u.counts[l]))]),
    },
  ];
}

function indicators(r: PlanReport): Block[] {
  return [
    {
      kind: 'table',
      header: ['措施编号', '指标', '目标', '当前', '完成率'],
      rows: r.indicators.map((i) => [
        i.measureCode,
        i.name,
        `${number(i.target)}${i.unit}${i.adjustment ? '（调整后）' : ''}`,
        i.current === null ? '—' : `${number(i.current)}${i.unit}`,
        i.current === null ? '—' : percent(i.current, i.target),
      ]),
    },
    ...targetAdjustmentBlocks(r),
  ];
}

function discipline(d: NonNullable<PlanReport['discipline']>): Block[] {
  const forms = d.byForm.map((f) => `${f.form}${f.people}人`).join('，');
  const entered = d.enteredCases ? `（其中${d.enteredCases}件为填报数）` : '';
  return [
    {
      kind: 'paragraph',
      text: `纪检监察机关共查处问题${d.cases}件${d.people}人${forms ? `，其中${forms}` : ''}${entered}。`,
    },
  ];
}

// In the seed's words: "截至4月中旬，已集中组织开展了4轮次的暗访督查，梳理发现具体问题107个，下发整改任务通知书30份".
function spotInspections(s: SpotBulletinFigures, asOf: string): Block[] {
  const letters = s.notices.supervision_letter ? `、督办函${s.notices.supervision_letter}份` : '';
  return [
    {
      kind: 'paragraph',
      text:
        `截至${asOf}，已集中组织开展了${s.rounds}轮次的暗访督查，梳理发现具体问题${s.findings}个，` +
        `下发整改任务通知书${s.notices.task_notice}份${letters}。`,
    },
  ];
}

function unitRanking(k: BulletinUnitRanking, asOf: string): Block[] {
  const [y, m] = k.periodKey.split('-').map(Number);
  const status = k.publishedOn ? `，已于${zhDate(k.publishedOn)}公开` : `（截至${asOf}，未公开）`;
  const change = (c: number | null) =>
    c === null ? '—' : c > 0 ? `上升${c}位` : c < 0 ? `下降${-c}位` : '持平';
  return [
    { kind: 'paragraph', text: `${y}年${m}月各责任单位考评得分及排名如下${status}。` },
    {
      kind: 'table',
      header: ['名次', '责任单位', '得分', '较上期'],
      rows: k.rows.map((r) => [String(r.rank), r.unitName, r.score.toFixed(1), change(r.change)]),
    },
  ];
}

const LEVEL_LABELS: Record<number, string> = Object.fromEntries(
  Object.entries(ESCALATION_LEVEL)
    .filter(([, level]) => level > 0)
    .map(([kind, level]) => [level, STEP_LABELS[kind as keyof typeof STEP_LABELS]]),
);

const ZH_ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

function percent(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((part / whole) * 1000) / 10}%` : '—';
}

// One formatter for every figure: toLocaleString with options builds one per call, which was most
// of the time of a 5,000-measure bulletin's indicator table.
const NUMBER = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 });
function number(n: number): string {
  return NUMBER.format(n);
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
