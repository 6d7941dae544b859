// 任务清单: one row per measure. Rows are grouped into categories, aspects and problems by code
// (or by title where a code is left blank); a row with no measure cells lists a problem only.
import type { Worksheet } from 'exceljs';
import { readTrack, TASK_COLUMNS, WITHDRAWN_LABEL } from '../ledger-layout';
import { readSourceCodes } from '../source-layout';
import { textOf, type Row } from './cell-reading';
import { fillDown } from './fill-down';
import type { ReadingContext } from './reading-context';
import { readTaskMeasure } from './task-measure.reader';
import { unitCodeResolver } from './unit-code.resolver';

interface ProblemOut {
  code?: string;
  title?: string;
  track?: string;
  rootCause?: string;
  sources?: string[];
  measures: Record<string, unknown>[];
}
interface AspectOut {
  code: string;
  title: string | undefined;
  problems: ProblemOut[];
}
export interface CategoryOut {
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
      'problemSources',
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
  problemSources: 'sources',
};

// `units` grows when undeclared: every unit name met becomes a unit.
export function readTasksSheet(
  ctx: ReadingContext,
  ws: Worksheet,
  units: Record<string, unknown>[],
  declared: boolean,
): CategoryOut[] {
  const categories: Category[] = [];
  const categoryIndex = new Map<string, number>();
  const problemAt = new Map<string, { ci: number; ai: number; pi: number; aspectKey: string }>();
  const unitCode = unitCodeResolver(ctx, units, declared);
  let prev: Row = {};
  const rows = ctx.rowsOf(ws, TASK_COLUMNS, [
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

    const catCode = ctx.text(row, 'categoryCode');
    const catTitle = ctx.text(row, 'category');
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
      place(ctx, `categories[${ci}]`, row, ['categoryCode', 'category']);
    }
    const category = categories[ci];
    const aspCode = ctx.text(row, 'aspectCode');
    const aspTitle = ctx.text(row, 'aspect');
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
      place(ctx, `categories[${ci}].aspects[${ai}]`, row, ['aspectCode', 'aspect']);
    }
    const aspect = category.aspects[ai];

    const pCode = ctx.text(row, 'problemCode') ?? '';
    let at = problemAt.get(pCode);
    const aspectKey = `${ci}/${ai}`;
    if (at && at.aspectKey !== aspectKey) {
      ctx.problems.push({
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
      const track = ctx.text(row, 'track');
      aspect.problems.push({
        code: pCode || undefined,
        title: ctx.text(row, 'problem'),
        track: track === undefined ? undefined : readTrack(track),
        rootCause: ctx.text(row, 'rootCause'),
        ...sourcesOf(ctx, row),
        measures: [],
      });
      place(ctx, `categories[${ci}].aspects[${ai}].problems[${pi}]`, row, [
        'problemCode',
        'problem',
        'track',
        'rootCause',
        'problemSources',
      ]);
    } else {
      sameAsFirst(ctx, row, aspect.problems[at.pi], pCode);
    }
    const problem = aspect.problems[at.pi];
    const pPath = `categories[${ci}].aspects[${ai}].problems[${at.pi}]`;
    if (MEASURE_KEYS.every((k) => row[k] === undefined || row[k]?.reading.kind === 'blank')) continue;
    const mi = problem.measures.length;
    problem.measures.push(readTaskMeasure(ctx, row, `${pPath}.measures[${mi}]`, unitCode));
  }
  return categories.map(({ aspectIndex: _aspectIndex, ...c }) => c);
}

// 问题来源 of a problem, on its first row.
function sourcesOf(ctx: ReadingContext, row: Row): { sources?: string[] } {
  const text = ctx.text(row, 'problemSources');
  return text === undefined ? {} : { sources: readSourceCodes(text) };
}

// Locates a new category, aspect or problem at its first non-blank cell, and each of its fields.
function place(ctx: ReadingContext, path: string, row: Row, keys: string[]): void {
  const first = keys.map((k) => row[k]).find((c) => c && c.reading.kind !== 'blank') ?? row[keys[0]];
  if (first) ctx.locations.set(path, first.address);
  for (const k of keys) {
    const cell = row[k];
    if (!cell) continue;
    const field = FIELD_OF[k];
    if (field) ctx.locations.set(`${path}.${field}`, cell.address);
  }
}

// A problem listed on several rows must say the same thing on each.
function sameAsFirst(ctx: ReadingContext, row: Row, problem: ProblemOut, code: string): void {
  const title = ctx.text(row, 'problem');
  if (title !== undefined && problem.title !== undefined && title !== problem.title)
    ctx.problems.push({
      path: '(file)',
      location: row.problem?.address,
      message: `problem ${code} is titled differently here than on its first row`,
    });
}
