// Writes a plan into the ledger layout (基本信息, 责任单位, 任务清单, 量化指标, 督办规则): the
// template an office fills in, and the importable part of an exported ledger. Every text cell
// is neutralised against formula injection.
import type { PlanDefinition } from '../../domain/src/plan-definition';
import {
  CADENCE_LABELS,
  defaultIndicatorCode,
  defaultMilestoneCode,
  EVIDENCE_LABELS,
  INDICATOR_COLUMNS,
  INFO_FIELDS,
  POLICY_COLUMNS,
  SHEET,
  STEP_LABELS,
  TASK_COLUMNS,
  TRACK_LABELS,
  UNIT_COLUMNS,
  UNIT_LEVEL_LABELS,
  type ColumnSpec,
} from './ledger-layout';
import { neutraliseText } from './spreadsheet-cell';
import { progressInfoValues } from './xlsx/progress-info';
import { SOURCE_COLUMNS, SOURCE_KIND_LABELS, SOURCE_SHEET } from './source-layout';
import { subMeasuresCellText } from './xlsx/sub-measures-cell';
import { nextSlice, sliceIsUp } from '../../runtime/src/event-loop-slices';
import { type ListValidation, type TableCell, type TableColumn, TableWorkbook } from './xlsx/table-workbook';

export type { TableColumn } from './xlsx/table-workbook';

const TRACK_DROPDOWN_ROWS = 300;

export type CellOut = string | number | null | undefined;

export interface ExtraTaskColumns {
  readonly headers: readonly string[];
  // Values for a measure's row, in the order of `headers`.
  readonly valuesOf: (measureCode: string) => readonly CellOut[];
}

export async function addPlanSheets(
  wb: TableWorkbook,
  plan: PlanDefinition,
  extra?: ExtraTaskColumns,
): Promise<void> {
  await addInfoSheet(wb, plan);
  await addUnitSheet(wb, plan);
  await addTaskSheet(wb, plan, extra);
  await addIndicatorSheet(wb, plan);
  await addPolicySheet(wb, plan);
  await addSourceSheet(wb, plan, true);
}

// Each row is written once added: the workbook writes it out and lets it go instead of holding
// every row of every sheet until the end. So nothing may change a table's rows once added: what a
// column needs is said in its `TableColumn`. An empty value writes no cell; text is neutralised.
export async function addTable(
  wb: TableWorkbook,
  name: string,
  columns: readonly TableColumn[],
  rows: readonly (readonly CellOut[])[],
  validation?: ListValidation,
): Promise<void> {
  await wb.addTable(name, columns, cellsOf(rows), validation);
}

function* cellsOf(rows: readonly (readonly CellOut[])[]): Generator<TableCell[]> {
  for (const values of rows) yield values.map(cellValue);
}

export function cellValue(v: CellOut): string | number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  return typeof v === 'number' ? v : neutraliseText(v);
}

export async function addInfoSheet(wb: TableWorkbook, plan: PlanDefinition): Promise<void> {
  const values: Record<string, CellOut> = {
    'plan.code': plan.plan.code,
    'plan.title': plan.plan.title,
    'plan.timeZone': plan.plan.timeZone,
    'plan.baseYear': plan.plan.baseYear,
    'plan.reportingCadence': plan.plan.reportingCadence && CADENCE_LABELS[plan.plan.reportingCadence],
    'plan.escalationPolicy.version': plan.plan.escalationPolicy?.version,
    'plan.calendar': plan.plan.calendar,
    ...progressInfoValues(plan.plan),
    'plan.immediateWithinDays': plan.plan.immediateWithinDays,
    'inspection.code': plan.inspection.code,
    'inspection.name': plan.inspection.name,
    'inspection.inspectingBody': plan.inspection.inspectingBody,
    'inspection.inspectedOrganisation': plan.inspection.inspectedOrganisation,
    'inspection.onSiteFrom': plan.inspection.onSiteFrom,
    'inspection.onSiteTo': plan.inspection.onSiteTo,
    'inspection.feedbackDate': plan.inspection.feedbackDate,
  };
  await addTable(
    wb,
    SHEET.info,
    [
      { header: '项目', width: 16 },
      { header: '内容', width: 60 },
      // The notes in grey.
      { header: '说明', width: 50, grey: true },
    ],
    INFO_FIELDS.map((f) => [f.label, values[f.key], f.note]),
  );
}

export async function addUnitSheet(wb: TableWorkbook, plan: PlanDefinition): Promise<void> {
  await addTable(
    wb,
    SHEET.units,
    UNIT_COLUMNS,
    plan.units.map((u) => [u.code, u.name, UNIT_LEVEL_LABELS[u.level], u.parent]),
  );
}

export async function addTaskSheet(
  wb: TableWorkbook,
  plan: PlanDefinition,
  extra?: ExtraTaskColumns,
): Promise<void> {
  const rows: CellOut[][] = [];
  for (const c of plan.categories)
    for (const a of c.aspects)
      for (const p of a.problems)
        for (const m of p.measures) {
          const first = m.indicators[0];
          const values: Record<(typeof TASK_COLUMNS)[number]['key'], CellOut> = {
            categoryCode: c.code,
            category: c.title,
            aspectCode: a.code,
            aspect: a.title,
            problemCode: p.code,
            problem: p.title,
            track: TRACK_LABELS[p.track],
            rootCause: p.rootCause,
            measureCode: m.code,
            measure: m.title,
            method: m.method,
            leadLeader: m.leadLeader,
            leadUnit: m.leadUnit,
            coUnits: m.coUnits.join('、'),
            due: m.due,
            milestones: m.milestones
              .map(
                (ms, i) =>
                  `${ms.code === defaultMilestoneCode(m.code, i) ? '' : `[${ms.code}] `}${ms.due}：${ms.title}`,
              )
              .join('\n'),
            indicatorCode: first && first.code !== defaultIndicatorCode(0) ? first.code : undefined,
            indicatorName: first?.name,
            indicatorTarget: first?.target,
            indicatorUnit: first?.unit,
            indicatorBaseline: first?.baseline,
            indicatorCurrent: first?.current,
            requirements: m.requirements,
            evidenceRules: (m.evidenceRules ?? [])
              .map((e) => `${EVIDENCE_LABELS[e.kind]}：${e.description}`)
              .join('\n'),
            referralItems: (m.referralItems ?? []).map((r) => `${r.code}：${r.summary}`).join('\n'),
            problemSources: p.sources?.join('、'),
            subMeasures: subMeasuresCellText(m),
          };
          rows.push([...TASK_COLUMNS.map((col) => values[col.key]), ...(extra?.valuesOf(m.code) ?? [])]);
          if (sliceIsUp()) await nextSlice();
        }
  const columns: TableColumn[] = [
    ...TASK_COLUMNS,
    ...(extra?.headers ?? []).map((header) => ({ header, width: 12, note: '台账导出时的状态；导入时忽略' })),
  ];
  // A drop-down for the track; other text is still read (and refused by validation if unknown).
  // One range for the column, not one per cell, covering the template's empty rows too.
  await addTable(wb, SHEET.tasks, columns, rows, {
    column: TASK_COLUMNS.findIndex((c) => c.key === 'track'),
    throughRow: Math.max(rows.length + 1, TRACK_DROPDOWN_ROWS),
    values: Object.values(TRACK_LABELS),
  });
}

export async function addIndicatorSheet(wb: TableWorkbook, plan: PlanDefinition): Promise<void> {
  const rows: CellOut[][] = [];
  for (const c of plan.categories)
    for (const a of c.aspects)
      for (const p of a.problems)
        for (const m of p.measures)
          m.indicators.slice(1).forEach((ind, i) => {
            rows.push([
              m.code,
              ind.code === defaultIndicatorCode(i + 1) ? undefined : ind.code,
              ind.name,
              ind.target,
              ind.unit,
              ind.baseline,
              ind.current,
            ]);
          });
  await addTable(wb, SHEET.indicators, INDICATOR_COLUMNS as readonly ColumnSpec<string>[], rows);
}

// 问题来源: written when the plan declares sources, or `always` (the template: a sheet to fill in).
export async function addSourceSheet(wb: TableWorkbook, plan: PlanDefinition, always = false): Promise<void> {
  if (!plan.sources && !always) return;
  await addTable(
    wb,
    SOURCE_SHEET,
    SOURCE_COLUMNS,
    (plan.sources ?? []).map((s) =>
      SOURCE_COLUMNS.map((c) => (c.key === 'kind' ? SOURCE_KIND_LABELS[s.kind] : s[c.key])),
    ),
  );
}

export async function addPolicySheet(wb: TableWorkbook, plan: PlanDefinition): Promise<void> {
  await addTable(
    wb,
    SHEET.policy,
    POLICY_COLUMNS,
    (plan.plan.escalationPolicy?.steps ?? []).map((s) => [STEP_LABELS[s.kind], s.offset]),
  );
}
