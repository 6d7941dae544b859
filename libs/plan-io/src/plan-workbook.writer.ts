// Writes a plan into the ledger layout (基本信息, 责任单位, 任务清单, 量化指标, 督办规则): the
// template an office fills in, and the importable part of an exported ledger. Every text cell
// is neutralised against formula injection.
import type { DataValidation, Font, Row, Style, Workbook, Worksheet } from 'exceljs';
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

const TRACK_DROPDOWN_ROWS = 300;

export type CellOut = string | number | null | undefined;

// One style object for every body cell and row of every table. ExcelJS's writer registers a style
// once per style object (a WeakMap), but a row's `alignment` setter gives each cell a copy of its
// own: registering the same style again for each cell, and the garbage it left, doubled the time
// of a 10,000-measure ledger (BENCHMARKS.md). Frozen, because ExcelJS's style setters
// (`cell.font = …`) change a cell's style object in place, which would restyle every body cell at
// once: a cell styled differently gets a style object of its own (addInfoSheet).
const BODY_STYLE: Partial<Style> = Object.freeze({
  alignment: Object.freeze({ vertical: 'top', wrapText: true }),
});

export interface ExtraTaskColumns {
  readonly headers: readonly string[];
  // Values for a measure's row, in the order of `headers`.
  readonly valuesOf: (measureCode: string) => readonly CellOut[];
}

export async function addPlanSheets(
  wb: Workbook,
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

export interface TableColumn {
  readonly header: string;
  readonly width: number;
  readonly note?: string;
  // The column's font, header included (the info sheet's notes in grey).
  readonly font?: Partial<Font>;
}

// Each row is committed once written: a streaming workbook (the ledger's) writes it out and lets
// it go instead of holding every row of every sheet until the end (the workbook of 50,000 measures
// took 5.8-6.1 s so, 4.0-4.5 s now: BENCHMARKS.md); an in-memory workbook ignores the commit. So
// nothing may change a table's rows once added: what a column needs is said in its `TableColumn`.
// The rows are written in slices (libs/runtime/src/event-loop-slices.ts): the API answers other
// requests while a large table is written.
export async function addTable(
  wb: Workbook,
  name: string,
  columns: readonly TableColumn[],
  rows: readonly (readonly CellOut[])[],
): Promise<Worksheet> {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    if (c.note) cell.note = c.note;
  });
  // Columns with a font of their own: the column, its header and each body cell.
  const fonts = columns.flatMap((c, i) => (c.font ? [{ at: i + 1, font: c.font }] : []));
  for (const { at, font } of fonts) {
    const column = ws.getColumn(at);
    column.style = { ...column.style, font };
    header.getCell(at).style = { ...header.getCell(at).style, font };
  }
  for (const values of rows) {
    // An empty value makes no cell: the row's style (its `s` attribute) is what a spreadsheet shows
    // there and what a value typed in later takes, as it is for every cell right of the table. Each
    // empty cell was written with the row's style: a third of a 50,000-measure ledger's 3 million
    // cells, an eighth of the time ExcelJS took to write them (BENCHMARKS.md).
    const row = ws.addRow(values.map(cellValue));
    // A Row has a style at run time; its type omits it.
    (row as Row & { style: Partial<Style> }).style = BODY_STYLE;
    row.eachCell((cell) => (cell.style = BODY_STYLE));
    // Each its own style object: ExcelJS's style setters change a cell's style in place.
    for (const { at, font } of fonts) row.getCell(at).style = { ...BODY_STYLE, font };
    row.commit();
    if (sliceIsUp()) await nextSlice();
  }
  return ws;
}

export function cellValue(v: CellOut): string | number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  return typeof v === 'number' ? v : neutraliseText(v);
}

export async function addInfoSheet(wb: Workbook, plan: PlanDefinition): Promise<void> {
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
      { header: '说明', width: 50, font: { color: { argb: 'FF666666' } } },
    ],
    INFO_FIELDS.map((f) => [f.label, values[f.key], f.note]),
  );
}

export async function addUnitSheet(wb: Workbook, plan: PlanDefinition): Promise<void> {
  await addTable(
    wb,
    SHEET.units,
    UNIT_COLUMNS,
    plan.units.map((u) => [u.code, u.name, UNIT_LEVEL_LABELS[u.level], u.parent]),
  );
}

export async function addTaskSheet(
  wb: Workbook,
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
  const ws = await addTable(wb, SHEET.tasks, columns, rows);
  const track = ws.getColumn(TASK_COLUMNS.findIndex((c) => c.key === 'track') + 1).letter;
  // A drop-down for the track; other text is still read (and refused by validation if unknown).
  // One range for the column, not one per cell: its rows are written out already (addTable).
  (ws as WithValidations).dataValidations.add(
    `${track}2:${track}${Math.max(rows.length + 1, TRACK_DROPDOWN_ROWS)}`,
    {
      type: 'list',
      allowBlank: true,
      showErrorMessage: false,
      formulae: [`"${Object.values(TRACK_LABELS).join(',')}"`],
    },
  );
}

// A worksheet's validations by cell or range address: there at run time (in-memory and streaming
// alike), missing from ExcelJS's types.
type WithValidations = Worksheet & {
  readonly dataValidations: { add(address: string, validation: DataValidation): void };
};

export async function addIndicatorSheet(wb: Workbook, plan: PlanDefinition): Promise<void> {
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
export async function addSourceSheet(wb: Workbook, plan: PlanDefinition, always = false): Promise<void> {
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

export async function addPolicySheet(wb: Workbook, plan: PlanDefinition): Promise<void> {
  await addTable(
    wb,
    SHEET.policy,
    POLICY_COLUMNS,
    (plan.plan.escalationPolicy?.steps ?? []).map((s) => [STEP_LABELS[s.kind], s.offset]),
  );
}
