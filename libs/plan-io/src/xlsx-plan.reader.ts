// Reads a plan from the usual ledger workbook (整改台账): 基本信息, 责任单位 (optional), 任务清单
// (one row per measure), 量化指标 and 督办规则 (both optional). Builds the same document a JSON
// file would hold, and remembers which cell every field came from, so that validation problems
// point at cells (`任务清单!F7`).
import { Workbook, type Worksheet } from 'exceljs';
import {
  defaultIndicatorCode,
  defaultMilestoneCode,
  INDICATOR_COLUMNS,
  INFO_FIELDS,
  LEDGER_STATUS_COLUMNS,
  POLICY_COLUMNS,
  readCadence,
  readEvidenceKind,
  readStepKind,
  readTrack,
  readUnitLevel,
  SHEET,
  TASK_COLUMNS,
  UNIT_COLUMNS,
  WITHDRAWN_LABEL,
  type ColumnSpec,
} from './ledger-layout';
import type { LocatedProblem } from './located-problem';
import { readCell, type CellReading } from './spreadsheet-cell';
import { deriveUnitCode, guessUnitLevel } from './unit-names';

export interface WorkbookReading {
  readonly document: Record<string, unknown>;
  // Document path → cell address, for every field read from a cell.
  readonly locations: ReadonlyMap<string, string>;
  // Cells that could not be read at all (formulas, malformed lines); already located.
  readonly problems: readonly LocatedProblem[];
  // Columns that were ignored, and the like: shown, never fatal.
  readonly warnings: readonly LocatedProblem[];
}

const REFUSED = 'REFUSED';

type Row = Record<string, { reading: CellReading; address: string } | undefined>;

export async function readPlanWorkbook(
  bytes: Uint8Array,
): Promise<WorkbookReading | { fatal: LocatedProblem }> {
  const wb = new Workbook();
  try {
    await wb.xlsx.load(bytes as never);
  } catch (e) {
    return {
      fatal: { path: '(file)', message: `not a readable XLSX workbook: ${(e as Error).message}` },
    };
  }
  return new WorkbookReader(wb).read();
}

class WorkbookReader {
  private readonly locations = new Map<string, string>();
  private readonly problems: LocatedProblem[] = [];
  private readonly warnings: LocatedProblem[] = [];

  constructor(private readonly wb: Workbook) {}

  read(): WorkbookReading | { fatal: LocatedProblem } {
    const tasks = this.wb.getWorksheet(SHEET.tasks);
    if (!tasks)
      return {
        fatal: {
          path: '(file)',
          message: `the workbook has no sheet named ${SHEET.tasks} (one row per measure); start from \`rectify template\``,
        },
      };
    const { inspection, plan, policyVersionAddress } = this.readInfo();
    const declaredUnits = this.readUnits();
    const units = declaredUnits ?? [];
    const categories = this.readTasks(tasks, units, declaredUnits !== null);
    this.readExtraIndicators(categories);
    const steps = this.readPolicy();
    if (steps.length) {
      plan.escalationPolicy = { version: plan.escalationPolicyVersion, steps };
      if (policyVersionAddress) this.locations.set('plan.escalationPolicy.version', policyVersionAddress);
    }
    delete plan.escalationPolicyVersion;
    return {
      document: { formatVersion: 1, inspection, plan, units, categories },
      locations: this.locations,
      problems: this.problems,
      warnings: this.warnings,
    };
  }

  private readInfo() {
    const inspection: Record<string, unknown> = {};
    const plan: Record<string, unknown> = {};
    let policyVersionAddress: string | undefined;
    const ws = this.wb.getWorksheet(SHEET.info);
    if (!ws) {
      this.problems.push({
        path: 'plan',
        location: SHEET.info,
        message: `the workbook has no ${SHEET.info} sheet`,
      });
      return { inspection, plan, policyVersionAddress };
    }
    this.locations.set('plan', `${SHEET.info}!A1`);
    this.locations.set('inspection', `${SHEET.info}!A1`);
    ws.eachRow((row) => {
      const label = textOf(readCell(row.getCell(1)));
      const field = INFO_FIELDS.find((f) => normaliseHeader(f.label) === normaliseHeader(label ?? ''));
      if (!field) return;
      const cell = row.getCell(2);
      const address = `${SHEET.info}!${cell.address}`;
      const reading = this.take(readCell(cell), address);
      if (reading === undefined) return;
      const [scope, name] = field.key.split('.');
      const target = scope === 'plan' ? plan : inspection;
      if (field.key === 'plan.escalationPolicy.version') {
        target.escalationPolicyVersion = String(reading);
        policyVersionAddress = address;
        return;
      }
      target[name] =
        field.key === 'plan.baseYear'
          ? numberOf(reading)
          : field.key === 'plan.reportingCadence'
            ? readCadence(String(reading))
            : String(reading);
      this.locations.set(field.key, address);
    });
    return { inspection, plan, policyVersionAddress };
  }

  // `null` when the workbook declares no units: they are then derived from the names in 任务清单.
  private readUnits(): Record<string, unknown>[] | null {
    const ws = this.wb.getWorksheet(SHEET.units);
    if (!ws) return null;
    const rows = this.rowsOf(ws, UNIT_COLUMNS, ['code', 'name']);
    if (!rows.length) return null;
    return rows.map((row, i) => {
      const unit: Record<string, unknown> = {};
      for (const key of ['code', 'name', 'level', 'parent'] as const) {
        const v = this.field(row, key, `units[${i}].${key}`);
        if (v !== undefined) unit[key] = key === 'level' ? readUnitLevel(String(v)) : String(v);
      }
      this.locations.set(`units[${i}]`, row.code?.address ?? row.name?.address ?? '');
      return unit;
    });
  }

  private readTasks(ws: Worksheet, units: Record<string, unknown>[], declared: boolean): CategoryOut[] {
    const categories: Category[] = [];
    const categoryIndex = new Map<string, number>();
    const problemAt = new Map<string, { ci: number; ai: number; pi: number; aspectKey: string }>();
    const unitCode = this.unitResolver(units, declared);
    let prev: Row = {};
    const rows = this.rowsOf(ws, TASK_COLUMNS, [
      'category',
      'aspect',
      'problemCode',
      'problem',
      'track',
      'measureCode',
      'measure',
      'leadLeader',
      'leadUnit',
      'due',
    ]);
    for (const raw of rows) {
      const row = fillDown(raw, prev);
      prev = row;
      // A measure that left the plan stays in an exported ledger, marked; it is not imported again.
      if (textOf(raw['状态']?.reading) === WITHDRAWN_LABEL) continue;

      const catCode = this.text(row, 'categoryCode');
      const catTitle = this.text(row, 'category');
      const catKey = catCode ?? `title:${catTitle}`;
      let ci = categoryIndex.get(catKey);
      if (ci === undefined) {
        ci = categories.length;
        categoryIndex.set(catKey, ci);
        categories.push({
          code: catCode ?? `C${ci + 1}`,
          title: catTitle,
          aspects: [],
          aspectIndex: new Map(),
        });
        this.place(`categories[${ci}]`, row, ['categoryCode', 'category']);
      }
      const category = categories[ci];
      const aspCode = this.text(row, 'aspectCode');
      const aspTitle = this.text(row, 'aspect');
      const aspKey = aspCode ?? `title:${aspTitle}`;
      let ai = category.aspectIndex.get(aspKey);
      if (ai === undefined) {
        ai = category.aspects.length;
        category.aspectIndex.set(aspKey, ai);
        category.aspects.push({
          code: aspCode ?? `${category.code}-A${ai + 1}`,
          title: aspTitle,
          problems: [],
        });
        this.place(`categories[${ci}].aspects[${ai}]`, row, ['aspectCode', 'aspect']);
      }
      const aspect = category.aspects[ai];

      const pCode = this.text(row, 'problemCode') ?? '';
      let at = problemAt.get(pCode);
      const aspectKey = `${ci}/${ai}`;
      if (at && at.aspectKey !== aspectKey) {
        this.problems.push({
          path: `categories[${ci}].aspects[${ai}]`,
          location: row.problemCode?.address,
          message: `problem ${pCode} is already listed under another category or aspect`,
        });
        continue;
      }
      if (!at) {
        const pi = aspect.problems.length;
        at = { ci, ai, pi, aspectKey };
        problemAt.set(pCode, at);
        const track = this.text(row, 'track');
        aspect.problems.push({
          code: pCode || undefined,
          title: this.text(row, 'problem'),
          track: track === undefined ? undefined : readTrack(track),
          rootCause: this.text(row, 'rootCause'),
          measures: [],
        });
        this.place(`categories[${ci}].aspects[${ai}].problems[${pi}]`, row, [
          'problemCode',
          'problem',
          'track',
          'rootCause',
        ]);
      } else {
        this.sameAsFirst(row, aspect.problems[at.pi], pCode);
      }
      const problem = aspect.problems[at.pi];
      const pPath = `categories[${ci}].aspects[${ai}].problems[${at.pi}]`;
      if (MEASURE_KEYS.every((k) => row[k] === undefined || row[k]?.reading.kind === 'blank')) continue;
      const mi = problem.measures.length;
      problem.measures.push(this.measure(row, `${pPath}.measures[${mi}]`, unitCode));
    }
    return categories.map(({ aspectIndex, aspects, ...c }) => {
      void aspectIndex;
      return { ...c, aspects };
    });
  }

  private measure(row: Row, path: string, unitCode: (name: string, address: string) => string) {
    const loc = (field: string, key: string) => {
      const cell = row[key];
      if (cell) this.locations.set(`${path}.${field}`, cell.address);
    };
    this.locations.set(path, row.measureCode?.address ?? row.measure?.address ?? '');
    const code = this.text(row, 'measureCode');
    const m: Record<string, unknown> = {
      code,
      title: this.text(row, 'measure'),
      leadLeader: this.text(row, 'leadLeader'),
    };
    for (const [field, key] of [
      ['code', 'measureCode'],
      ['title', 'measure'],
      ['leadLeader', 'leadLeader'],
      ['leadUnit', 'leadUnit'],
      ['coUnits', 'coUnits'],
      ['due', 'due'],
      ['method', 'method'],
      ['requirements', 'requirements'],
      ['milestones', 'milestones'],
      ['evidenceRules', 'evidenceRules'],
      ['referralItems', 'referralItems'],
    ] as const)
      loc(field, key);
    const lead = this.text(row, 'leadUnit');
    if (lead !== undefined) m.leadUnit = unitCode(lead, row.leadUnit?.address ?? '');
    const co = this.text(row, 'coUnits');
    m.coUnits = co ? splitList(co).map((u) => unitCode(u, row.coUnits?.address ?? '')) : [];
    m.due = this.text(row, 'due');
    for (const key of ['method', 'requirements'] as const) {
      const v = this.text(row, key);
      if (v !== undefined) m[key] = v;
    }
    m.milestones = this.lines(
      row,
      'milestones',
      path,
      (line, i) => {
        const mm = /^(?:\[([^\]]+)\]\s*)?(.+?)\s*(?:：|:\s|:(?=\D))\s*(.+)$/s.exec(line);
        if (!mm) return null;
        return { code: mm[1] ?? defaultMilestoneCode(String(code ?? ''), i), due: mm[2], title: mm[3] };
      },
      '时限：内容, e.g. 4月下旬：举办专题研讨班',
    );
    const evidence = this.lines(
      row,
      'evidenceRules',
      path,
      (line) => {
        const mm = /^(.+?)\s*[：:]\s*(.+)$/s.exec(line);
        return mm ? { kind: readEvidenceKind(mm[1]), description: mm[2] } : null;
      },
      '类型：说明, e.g. 照片：改造前后对比照片',
    );
    if (evidence.length) m.evidenceRules = evidence;
    const referrals = this.lines(
      row,
      'referralItems',
      path,
      (line) => {
        const mm = /^(.+?)\s*[：:]\s*(.+)$/s.exec(line);
        return mm ? { code: mm[1], summary: mm[2] } : null;
      },
      '编号：摘要',
    );
    if (referrals.length) m.referralItems = referrals;
    const indicator = this.inlineIndicator(row, path);
    m.indicators = indicator ? [indicator] : [];
    return m;
  }

  private inlineIndicator(row: Row, path: string): Record<string, unknown> | null {
    const keys = [
      ['code', 'indicatorCode'],
      ['name', 'indicatorName'],
      ['target', 'indicatorTarget'],
      ['unit', 'indicatorUnit'],
      ['baseline', 'indicatorBaseline'],
      ['current', 'indicatorCurrent'],
    ] as const;
    if (keys.every(([, k]) => row[k] === undefined || row[k]?.reading.kind === 'blank')) return null;
    const ind: Record<string, unknown> = {};
    for (const [field, key] of keys) {
      const v = this.field(row, key, `${path}.indicators[0].${field}`);
      if (v === undefined) continue;
      ind[field] = ['target', 'baseline', 'current'].includes(field) ? numberOf(v) : String(v);
    }
    ind.code ??= defaultIndicatorCode(0);
    return ind;
  }

  private readExtraIndicators(categories: CategoryOut[]): void {
    const ws = this.wb.getWorksheet(SHEET.indicators);
    if (!ws) return;
    const measures = new Map<string, { m: Record<string, unknown>; path: string }>();
    categories.forEach((c, ci) =>
      c.aspects.forEach((a, ai) =>
        a.problems.forEach((p, pi) =>
          p.measures.forEach((m, mi) =>
            measures.set(String(m.code), {
              m,
              path: `categories[${ci}].aspects[${ai}].problems[${pi}].measures[${mi}]`,
            }),
          ),
        ),
      ),
    );
    for (const row of this.rowsOf(ws, INDICATOR_COLUMNS, ['measureCode', 'name', 'target', 'unit'])) {
      const code = textOf(row.measureCode?.reading);
      const target = code === undefined ? undefined : measures.get(code);
      if (!target) {
        this.problems.push({
          path: '(file)',
          location: row.measureCode?.address,
          message: `no measure ${code ?? '(empty)'} in ${SHEET.tasks}`,
        });
        continue;
      }
      const list = target.m.indicators as Record<string, unknown>[];
      const i = list.length;
      const ind: Record<string, unknown> = {};
      for (const key of ['code', 'name', 'target', 'unit', 'baseline', 'current'] as const) {
        const v = this.field(row, key, `${target.path}.indicators[${i}].${key}`);
        if (v === undefined) continue;
        ind[key] = ['target', 'baseline', 'current'].includes(key) ? numberOf(v) : String(v);
      }
      ind.code ??= defaultIndicatorCode(i);
      this.locations.set(`${target.path}.indicators[${i}]`, row.measureCode?.address ?? '');
      list.push(ind);
    }
  }

  private readPolicy(): Record<string, unknown>[] {
    const ws = this.wb.getWorksheet(SHEET.policy);
    if (!ws) return [];
    return this.rowsOf(ws, POLICY_COLUMNS, ['kind', 'offset']).map((row, i) => {
      const step: Record<string, unknown> = {};
      const kind = this.field(row, 'kind', `plan.escalationPolicy.steps[${i}].kind`);
      const offset = this.field(row, 'offset', `plan.escalationPolicy.steps[${i}].offset`);
      if (kind !== undefined) step.kind = readStepKind(String(kind));
      if (offset !== undefined) step.offset = String(offset);
      return step;
    });
  }

  // Data rows of a sheet by header, skipping blank rows; complains once about missing columns.
  private rowsOf(ws: Worksheet, columns: readonly ColumnSpec<string>[], required: readonly string[]): Row[] {
    const header = ws.getRow(1);
    const byColumn = new Map<number, string>();
    header.eachCell((cell, c) => {
      const label = normaliseHeader(textOf(readCell(cell)) ?? '');
      if (!label) return;
      const spec = columns.find((s) => [s.header, ...s.aliases].some((h) => normaliseHeader(h) === label));
      if (spec) byColumn.set(c, spec.key);
      else if ((LEDGER_STATUS_COLUMNS as readonly string[]).includes(label)) byColumn.set(c, label);
      else
        this.warnings.push({
          path: '(file)',
          location: `${ws.name}!${cell.address}`,
          message: `column "${label}" is not part of the plan layout and was ignored`,
        });
    });
    const present = new Set(byColumn.values());
    const missing = required.filter((k) => !present.has(k));
    if (missing.length) {
      const names = missing.map((k) => columns.find((s) => s.key === k)?.header ?? k);
      this.problems.push({
        path: '(file)',
        location: `${ws.name}!1:1`,
        message: `${ws.name} has no column ${names.join(', ')}`,
      });
    }
    const rows: Row[] = [];
    for (let r = 2; r <= ws.rowCount; r++) {
      const excelRow = ws.getRow(r);
      const row: Row = {};
      let any = false;
      for (const [c, key] of byColumn) {
        const cell = excelRow.getCell(c);
        const reading = readCell(cell);
        row[key] = { reading, address: `${ws.name}!${cell.address}` };
        if (reading.kind !== 'blank') any = true;
      }
      if (any) rows.push(row);
    }
    return rows;
  }

  // A cell's value as text or number, recording refusals; `undefined` when blank. A refused
  // cell reads as a placeholder, so the rest of the document is still checked; problems at
  // that cell are then reported once (see plan-file.reader).
  private take(reading: CellReading, address: string): string | number | undefined {
    if (reading.kind === 'refused') {
      this.problems.push({ path: '(file)', location: address, message: reading.message });
      return REFUSED;
    }
    if (reading.kind === 'blank') return undefined;
    if (reading.kind === 'number') return reading.value;
    return reading.kind === 'date' ? reading.date : reading.text;
  }

  private field(row: Row, key: string, path: string): string | number | undefined {
    const cell = row[key];
    if (!cell) return undefined;
    this.locations.set(path, cell.address);
    return this.take(cell.reading, cell.address);
  }

  private text(row: Row, key: string): string | undefined {
    const cell = row[key];
    if (!cell) return undefined;
    const v = this.take(cell.reading, cell.address);
    return v === undefined ? undefined : String(v);
  }

  // One entry per line of a cell; a line that does not parse is reported at the cell.
  private lines<T>(
    row: Row,
    key: string,
    path: string,
    parse: (line: string, i: number) => T | null,
    shape: string,
  ): T[] {
    const text = this.text(row, key);
    if (!text) return [];
    const out: T[] = [];
    text
      .split(/\n+/)
      .map((l) => l.trim())
      .filter(Boolean)
      .forEach((line, i) => {
        const v = parse(line, i);
        if (v === null)
          this.problems.push({
            path: `${path}.${key}[${i}]`,
            location: row[key]?.address,
            message: `line ${i + 1} ("${line}") should read ${shape}`,
          });
        else out.push(v);
      });
    return out;
  }

  private place(path: string, row: Row, keys: string[]): void {
    const first = keys.map((k) => row[k]).find((c) => c && c.reading.kind !== 'blank') ?? row[keys[0]];
    if (first) this.locations.set(path, first.address);
    for (const k of keys) {
      const cell = row[k];
      if (!cell) continue;
      const field = FIELD_OF[k];
      if (field) this.locations.set(`${path}.${field}`, cell.address);
    }
  }

  // A problem listed on several rows must say the same thing on each.
  private sameAsFirst(row: Row, problem: ProblemOut, code: string): void {
    const title = this.text(row, 'problem');
    if (title !== undefined && problem.title !== undefined && title !== problem.title)
      this.problems.push({
        path: '(file)',
        location: row.problem?.address,
        message: `problem ${code} is titled differently here than on its first row`,
      });
  }

  private unitResolver(units: Record<string, unknown>[], declared: boolean) {
    if (declared) {
      const byCode = new Map(units.map((u) => [String(u.code), String(u.code)]));
      const byName = new Map(units.map((u) => [String(u.name), String(u.code)]));
      // Unknown names stay as written; validation names them as unknown units.
      return (text: string) => byCode.get(text) ?? byName.get(text) ?? text;
    }
    // No 责任单位 sheet: every name becomes a unit, its code derived from the name.
    const byName = new Map<string, string>();
    return (name: string, address: string) => {
      const known = byName.get(name);
      if (known) return known;
      const code = deriveUnitCode(name);
      const clash = units.find((u) => u.code === code);
      if (clash)
        this.problems.push({
          path: '(file)',
          location: address,
          message: `units "${String(clash.name)}" and "${name}" would both get the code ${code}: declare units in a ${SHEET.units} sheet`,
        });
      byName.set(name, code);
      this.locations.set(`units[${units.length}]`, address);
      units.push({ code, name, level: guessUnitLevel(name) });
      return code;
    };
  }
}

interface ProblemOut {
  code?: string;
  title?: string;
  track?: string;
  rootCause?: string;
  measures: Record<string, unknown>[];
}
interface AspectOut {
  code: string;
  title: string | undefined;
  problems: ProblemOut[];
}
interface CategoryOut {
  code: string;
  title: string | undefined;
  aspects: AspectOut[];
}
interface Category extends CategoryOut {
  aspectIndex: Map<string, number>;
}

const MEASURE_KEYS = TASK_COLUMNS.map((c) => c.key).filter(
  (k) =>
    ![
      'categoryCode',
      'category',
      'aspectCode',
      'aspect',
      'problemCode',
      'problem',
      'track',
      'rootCause',
    ].includes(k),
);

const FIELD_OF: Record<string, string> = {
  categoryCode: 'code',
  category: 'title',
  aspectCode: 'code',
  aspect: 'title',
  problemCode: 'code',
  problem: 'title',
  track: 'track',
  rootCause: 'rootCause',
};

const GROUPS = [
  ['categoryCode', 'category'],
  ['aspectCode', 'aspect'],
  ['problemCode', 'problem', 'track', 'rootCause'],
];

// Blank category, aspect or problem cells take the values of the row above (merged or left
// blank under their first row, as ledgers are usually laid out).
function fillDown(row: Row, prev: Row): Row {
  const out: Row = { ...row };
  const blank = (k: string) => !row[k] || row[k]?.reading.kind === 'blank';
  GROUPS.forEach((keys, g) => {
    // A problem is known by its code; a category or aspect by its code or title.
    if ((g === 2 ? keys.slice(0, 1) : keys.slice(0, 2)).every(blank)) {
      // Filling a group down fills the ones above it too: a new problem keeps its aspect.
      for (const k of GROUPS.slice(0, g + 1).flat()) if (blank(k) && prev[k]) out[k] = prev[k];
    }
  });
  return out;
}

function textOf(reading: CellReading | undefined): string | undefined {
  if (!reading) return undefined;
  if (reading.kind === 'text') return reading.text;
  if (reading.kind === 'number') return String(reading.value);
  if (reading.kind === 'date') return reading.date;
  return undefined;
}

// "26500", "2.65万", "1,200" → numbers; anything else stays text for the schema to refuse.
function numberOf(v: string | number): string | number {
  if (typeof v === 'number') return v;
  if (v === REFUSED) return 0;
  const t = v.replace(/[,，\s]/g, '');
  const m = /^(-?\d+(?:\.\d+)?)(万|亿)?$/.exec(t);
  if (!m) return v;
  const scale = m[2] === '万' ? 10_000 : m[2] === '亿' ? 100_000_000 : 1;
  return Math.round(Number(m[1]) * scale * 1e6) / 1e6;
}

function splitList(text: string): string[] {
  return text
    .split(/[、，,;；\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

// "完成时限（必填）", "* 措施编号" → the plain header.
function normaliseHeader(text: string): string {
  return text
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/[*＊\s]/g, '')
    .trim();
}
