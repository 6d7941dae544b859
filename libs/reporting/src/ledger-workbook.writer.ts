// The ledger (整改台账) as of a date: the five lists the seed names — 问题清单, 任务清单, 责任清单,
// 时限清单, 要求清单 — with status, escalation and indicators, plus the sheets that make it a plan
// again (基本信息, 责任单位, 量化指标, 督办规则): 任务清单 is in the import layout, so a ledger can
// be read back. Every text cell is neutralised against formula injection.
import { mapMeasures, type PlanDefinition } from '../../domain/src/plan-definition';
import { TableWorkbook } from '../../plan-io/src/xlsx/table-workbook';
import {
  CADENCE_LABELS,
  EVIDENCE_LABELS,
  TRACK_LABELS,
  WITHDRAWN_LABEL,
} from '../../plan-io/src/ledger-layout';
import {
  addIndicatorSheet,
  addInfoSheet,
  addPolicySheet,
  addSourceSheet,
  addTable,
  addTaskSheet,
  addUnitSheet,
  type CellOut,
} from '../../plan-io/src/plan-workbook.writer';
import { MEASURE_LIGHTS } from '../../domain/src/measure-light';
import { LIGHT_LABELS, STATUS_LABELS } from './bulletin-renderer';
import { addInstructionSheet, type InstructionLedgerEntry } from './instruction-ledger.sheet';
import { dueShown } from './assumed-deadline';
import { AGEING_BUCKETS, type MeasureAsOf, type PlanReport } from './plan-report';
import { problemStatusLabel, progressSummaryLines, targetNote } from './progress-ledger';
import { PROBLEM_SOURCE_COLUMNS, problemSourceCells } from './ledger-sources';
import { DEFAULT_LEVEL_LABELS } from '../../domain/src/plan-tree-shape';
import { subMeasuresByParent, type SubMeasureRow } from './sub-measure-report';
import { nextSlice, sliceIsUp } from '../../runtime/src/event-loop-slices';

export const LEDGER_SHEETS = [
  '概况',
  '问题清单',
  '任务清单',
  '责任清单',
  '时限清单',
  '要求清单',
  '指标进展',
] as const;

// `instructions`: the plan's 批示 with their answers, as a last sheet (批示落实) when given.
export async function ledgerWorkbook(
  report: PlanReport,
  definition: PlanDefinition,
  instructions?: readonly InstructionLedgerEntry[],
): Promise<Buffer> {
  const wb = new TableWorkbook();
  const rows = new Map(report.measureRows.map((r) => [r.code, r]));
  const row = (code: string): MeasureAsOf => {
    const r = rows.get(code);
    if (!r) throw new Error(`measure ${code} is in the plan but not in the report`);
    return r;
  };
  const live = withLiveIndicators(definition, report);
  if (sliceIsUp()) await nextSlice();
  const measures = live.categories.flatMap((c) =>
    c.aspects.flatMap((a) => a.problems.flatMap((p) => p.measures.map((m) => ({ c, a, p, m })))),
  );
  const status = (code: string) => {
    const r = row(code);
    return r.status === 'withdrawn' ? WITHDRAWN_LABEL : STATUS_LABELS[r.status];
  };
  // 分解落实: each sub-measure right below its measure, its title marked as one.
  const subs = subMeasuresByParent(report.subMeasures);
  const under = (code: string, line: (s: SubMeasureRow, title: string, status: string) => CellOut[]) =>
    (subs.get(code) ?? []).map((s) =>
      line(s, `└ ${s.title}`, s.status === 'withdrawn' ? WITHDRAWN_LABEL : STATUS_LABELS[s.status]),
    );

  await addSummary(wb, report, definition);
  const sourceCells = problemSourceCells(definition);
  await addTable(
    wb,
    '问题清单',
    [
      { header: '问题编号', width: 10 },
      { header: '问题大类', width: 28 },
      { header: '问题方面', width: 28 },
      { header: '问题', width: 40 },
      { header: '整改类型', width: 12 },
      { header: '原因剖析', width: 36 },
      { header: '整改措施', width: 10 },
      { header: '已完成', width: 10 },
      { header: '逾期', width: 10 },
      { header: '整改进度', width: 12 },
      ...PROBLEM_SOURCE_COLUMNS,
    ],
    live.categories.flatMap((c) =>
      c.aspects.flatMap((a) =>
        a.problems.map((p) => {
          const ms = p.measures.map((m) => row(m.code));
          return [
            p.code,
            c.title,
            // A category's own problems have no aspect.
            a.implicit ? undefined : a.title,
            p.title,
            TRACK_LABELS[p.track],
            p.rootCause,
            ms.length,
            ms.filter((r) => r.status === 'verified' || r.status === 'closed').length,
            ms.filter((r) => r.daysOverdue > 0).length,
            problemStatusLabel(report, p.code),
            ...sourceCells(p),
          ];
        }),
      ),
    ),
  );
  await addTaskSheet(wb, live, {
    headers: ['状态', '督办等级', '逾期天数', '销号日期'],
    valuesOf: (code) => {
      const r = row(code);
      return [status(code), r.overdueLevel || undefined, r.daysOverdue || undefined, r.signedOffOn];
    },
  });
  await addTable(
    wb,
    '责任清单',
    [
      { header: '措施编号', width: 12 },
      { header: '整改措施', width: 40 },
      { header: '牵头领导', width: 14 },
      { header: '牵头单位', width: 18 },
      { header: '配合单位', width: 28 },
      { header: '状态', width: 10 },
    ],
    measures.flatMap(({ m }) => {
      const r = row(m.code);
      return [
        [m.code, m.title, m.leadLeader, r.leadUnitName, r.coUnitNames.join('、'), status(m.code)],
        ...under(m.code, (s, title, st) => [s.code, title, s.leadLeader, s.leadUnitName, undefined, st]),
      ];
    }),
  );
  await addTable(
    wb,
    '时限清单',
    [
      { header: '措施编号', width: 12 },
      { header: '整改措施', width: 40 },
      { header: '完成时限', width: 14 },
      { header: '截止日期', width: 16 },
      { header: '阶段目标', width: 36 },
      { header: '状态', width: 10 },
      { header: '逾期天数', width: 10 },
      { header: '督办等级', width: 10 },
    ],
    measures.flatMap(({ m }) => {
      const r = row(m.code);
      return [
        [
          m.code,
          m.title,
          m.due,
          dueShown(r),
          m.milestones.map((ms) => `${ms.due}：${ms.title}`).join('\n'),
          status(m.code),
          r.daysOverdue || undefined,
          r.overdueLevel || undefined,
        ],
        ...under(m.code, (s, title, st) => [
          s.code,
          title,
          s.dueWritten,
          s.dueDate,
          undefined,
          st,
          s.daysOverdue || undefined,
          s.overdueLevel || undefined,
        ]),
      ];
    }),
  );
  await addTable(
    wb,
    '要求清单',
    [
      { header: '措施编号', width: 12 },
      { header: '整改措施', width: 40 },
      { header: '具体举措', width: 40 },
      { header: '整改要求', width: 36 },
      { header: '佐证材料', width: 30 },
    ],
    measures.map(({ m }) => [
      m.code,
      m.title,
      m.method,
      m.requirements,
      (m.evidenceRules ?? []).map((e) => `${EVIDENCE_LABELS[e.kind]}：${e.description}`).join('\n'),
    ]),
  );
  await addTable(
    wb,
    '指标进展',
    [
      { header: '措施编号', width: 12 },
      { header: '指标编号', width: 10 },
      { header: '指标名称', width: 20 },
      { header: '计量单位', width: 8 },
      { header: '目标值', width: 10 },
      { header: '基线值', width: 10 },
      { header: '当前值', width: 10 },
      { header: '完成率', width: 10 },
      { header: '目标调整', width: 40 },
    ],
    report.indicators.map((i) => [
      i.measureCode,
      i.code,
      i.name,
      i.unit,
      i.target,
      i.baseline,
      i.current,
      i.current === null || i.target === 0 ? undefined : Math.round((i.current / i.target) * 1000) / 10,
      targetNote(i),
    ]),
  );
  await addInfoSheet(wb, live);
  await addUnitSheet(wb, live);
  await addIndicatorSheet(wb, live);
  await addPolicySheet(wb, live);
  await addSourceSheet(wb, live);
  if (instructions) await addInstructionSheet(wb, instructions);
  return wb.toBuffer();
}

async function addSummary(wb: TableWorkbook, r: PlanReport, definition: PlanDefinition): Promise<void> {
  const m = r.measures;
  const lines: [string, CellOut][] = [
    ['整改方案', `${r.planTitle}（${r.planCode}）`],
    ['截至', r.asOf],
    [
      '报告周期',
      definition.plan.reportingCadence ? CADENCE_LABELS[definition.plan.reportingCadence] : undefined,
    ],
    ['问题', problemCounts(r)],
    ['整改措施', m.total],
    ...progressSummaryLines(r),
    ['已完成（销号）', m.done],
    ['推进中', m.open],
    ['其中申请销号', m.byStatus.completion_claimed],
    ['逾期未完成', m.overdue],
    ...AGEING_BUCKETS.map((b): [string, CellOut] => [`逾期 ${b} 天`, r.ageing[b]]),
    ['调出', m.withdrawn],
    ['经调整调出方案', r.removedMeasures],
    // 分解落实: sub-measures, not counted among the measures above.
    ...(r.subMeasures.total || r.subMeasures.withdrawn
      ? ([
          [
            '分解措施',
            `${r.subMeasures.measures}项措施分解到${r.subMeasures.units}个${r.subMeasures.unitWord}`,
          ],
          ['子措施', r.subMeasures.total],
          ['子措施已完成', r.subMeasures.done],
          ['子措施逾期', r.subMeasures.overdue],
        ] as [string, CellOut][])
      : []),
    // 亮灯: open measures by light.
    ...MEASURE_LIGHTS.map((l): [string, CellOut] => [`亮${LIGHT_LABELS[l]}`, r.lights.total[l]]),
  ];
  await addTable(
    wb,
    '概况',
    [
      { header: '项目', width: 18 },
      { header: '内容', width: 60 },
    ],
    lines,
  );
}

// 4大类10个方面30个问题, in the plan's own level labels; no aspects, no aspect count.
function problemCounts(r: PlanReport): string {
  const l = r.sources?.labels ?? DEFAULT_LEVEL_LABELS;
  const t = r.totals;
  return `${t.categories}${l.category}${t.aspects ? `${t.aspects}${l.aspect}` : ''}${t.problems}${l.problem}`;
}

// Indicators as of the date: the plan's definitions with the values reported since.
function withLiveIndicators(def: PlanDefinition, r: PlanReport): PlanDefinition {
  const current = new Map(r.indicators.map((i) => [`${i.measureCode}/${i.code}`, i.current]));
  // A measure none of whose indicators has a value reported is the definition's own, not a copy.
  return mapMeasures(def, (m) => {
    const indicators = m.indicators.map((i) => {
      const v = current.get(`${m.code}/${i.code}`);
      return v === null || v === undefined ? i : { ...i, current: v };
    });
    return indicators.every((i, k) => i === m.indicators[k]) ? m : { ...m, indicators };
  });
}
