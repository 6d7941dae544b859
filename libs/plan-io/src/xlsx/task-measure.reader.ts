// The measure columns of one 任务清单 row: the measure, its units, its multi-line cells
// (milestones, evidence, referrals) and its first indicator.
import { defaultIndicatorCode, defaultMilestoneCode, readEvidenceKind } from '../ledger-layout';
import { numberOf, type Row } from './cell-reading';
import type { ReadingContext } from './reading-context';
import { readSubMeasureLine } from './sub-measures-cell';
import type { UnitCodeOf } from './unit-code.resolver';

export function readTaskMeasure(
  ctx: ReadingContext,
  row: Row,
  path: string,
  unitCode: UnitCodeOf,
): Record<string, unknown> {
  const loc = (field: string, key: string) => {
    const cell = row[key];
    if (cell) ctx.locations.set(`${path}.${field}`, cell.address);
  };
  ctx.locations.set(path, row.measureCode?.address ?? row.measure?.address ?? '');
  const code = ctx.text(row, 'measureCode');
  const m: Record<string, unknown> = {
    code,
    title: ctx.text(row, 'measure'),
    leadLeader: ctx.text(row, 'leadLeader'),
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
    ['subMeasures', 'subMeasures'],
  ] as const)
    loc(field, key);
  const lead = ctx.text(row, 'leadUnit');
  if (lead !== undefined) m.leadUnit = unitCode(lead, row.leadUnit?.address ?? '');
  const co = ctx.text(row, 'coUnits');
  m.coUnits = co ? splitList(co).map((u) => unitCode(u, row.coUnits?.address ?? '')) : [];
  m.due = ctx.text(row, 'due');
  for (const key of ['method', 'requirements'] as const) {
    const v = ctx.text(row, key);
    if (v !== undefined) m[key] = v;
  }
  m.milestones = linesOf(
    ctx,
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
  const evidence = linesOf(
    ctx,
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
  const referrals = linesOf(
    ctx,
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
  const subs = linesOf(
    ctx,
    row,
    'subMeasures',
    path,
    readSubMeasureLine,
    '单位：时限：牵头领导, e.g. 兰州市：6月底前',
  );
  if (subs.length)
    m.subMeasures = subs.map((s) => ({
      ...s,
      leadUnit: unitCode(s.leadUnit, row.subMeasures?.address ?? ''),
    }));
  const indicator = inlineIndicator(ctx, row, path);
  m.indicators = indicator ? [indicator] : [];
  return m;
}

// A measure's first indicator may sit in 任务清单 itself; the rest go in 量化指标.
function inlineIndicator(ctx: ReadingContext, row: Row, path: string): Record<string, unknown> | null {
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
    const v = ctx.field(row, key, `${path}.indicators[0].${field}`);
    if (v === undefined) continue;
    ind[field] = ['target', 'baseline', 'current'].includes(field) ? numberOf(v) : String(v);
  }
  ind.code ??= defaultIndicatorCode(0);
  return ind;
}

const MAX_LINE_CHARACTERS = 2_000;

// One entry per line of a cell; a line that does not parse is reported at the cell.
function linesOf<T>(
  ctx: ReadingContext,
  row: Row,
  key: string,
  path: string,
  parse: (line: string, i: number) => T | null,
  shape: string,
): T[] {
  const text = ctx.text(row, key);
  if (!text) return [];
  const out: T[] = [];
  text
    .split(/\n+/)
    .map((l) => l.trim())
    .filter(Boolean)
    .forEach((line, i) => {
      // The line patterns backtrack on long text: a line longer than any real entry is refused
      // before it is matched.
      if (line.length > MAX_LINE_CHARACTERS) {
        ctx.problems.push({
          path: `${path}.${key}[${i}]`,
          location: row[key]?.address,
          message: `line ${i + 1} is ${line.length} characters long; lines longer than ${MAX_LINE_CHARACTERS} characters are not read`,
        });
        return;
      }
      const v = parse(line, i);
      if (v === null)
        ctx.problems.push({
          path: `${path}.${key}[${i}]`,
          location: row[key]?.address,
          message: `line ${i + 1} ("${line}") should read ${shape}`,
        });
      else out.push(v);
    });
  return out;
}

// Units in one cell, separated by 、 , ; or new lines.
function splitList(text: string): string[] {
  return text
    .split(/[、，,;；\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}
