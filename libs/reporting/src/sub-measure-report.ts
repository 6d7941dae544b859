// Sub-measures in ledgers and bulletins (分解落实): each listed under its parent, and counted
// apart from the measures, so that a measure handed to 14 cities is one measure of the plan
// ("其中1项措施分解到14个市州落实") and its 14 sub-measures are never counted as measures.
import type { MeasureLight } from '../../domain/src/measure-light';
import type { MeasureStatus } from '../../domain/src/measure-status';
import type { PlanDefinition } from '../../domain/src/plan-definition';

// A sub-measure's row of the read model, with its parent's code.
export interface SubMeasureFacts {
  readonly code: string;
  readonly parentCode: string;
  readonly title: string;
  readonly leadUnitCode: string;
  readonly leadLeader: string;
  readonly dueText: string;
  readonly dueAt: Date;
  readonly status: MeasureStatus;
  readonly overdueLevel: number;
  readonly signedOffAt: Date | null;
  readonly indicators: readonly { code: string; current?: number }[];
  readonly light?: MeasureLight | null;
}

export interface SubMeasureRow {
  readonly code: string;
  readonly parentCode: string;
  readonly title: string;
  readonly leadUnit: string;
  readonly leadUnitName: string;
  readonly leadLeader: string;
  readonly dueWritten: string;
  readonly dueDate: string;
  readonly status: MeasureStatus;
  readonly overdueLevel: number;
  readonly daysOverdue: number;
  readonly signedOffOn: string | null;
}

export interface SubMeasureFigures {
  // Measures of the plan with at least one sub-measure, and the units these went to.
  readonly measures: number;
  readonly units: number;
  // What the units are called in a sentence: 市州 when all are cities, 单位 when levels mix.
  readonly unitWord: string;
  readonly total: number;
  readonly done: number;
  readonly open: number;
  readonly withdrawn: number;
  readonly overdue: number;
  // In the order of their parents, each parent's in code order.
  readonly rows: readonly SubMeasureRow[];
}

const UNIT_WORDS: Record<string, string> = {
  central: '中央单位',
  province: '省区市',
  city: '市州',
  county: '县区',
  township: '乡镇',
  village: '村',
};

// What the plan report knows how to read as of a date, handed in.
export interface AsOfReading {
  readonly asOfEnd: number;
  readonly zone: string;
  readonly stateOf: (f: SubMeasureFacts) => { status: MeasureStatus; level: number };
  readonly localDate: (ms: number) => string;
}

const DAY_MS = 86_400_000;
const DONE: readonly MeasureStatus[] = ['verified', 'closed'];
const OPEN: readonly MeasureStatus[] = ['assigned', 'in_progress', 'completion_claimed'];

export function subMeasureFigures(
  def: PlanDefinition,
  parentOrder: readonly string[],
  subs: readonly SubMeasureFacts[],
  at: AsOfReading,
): SubMeasureFigures {
  const position = new Map(parentOrder.map((code, i) => [code, i]));
  const units = new Map(def.units.map((u) => [u.code, u]));
  const rows: SubMeasureRow[] = subs
    .filter((s) => position.has(s.parentCode))
    .sort(
      (x, y) =>
        (position.get(x.parentCode) ?? 0) - (position.get(y.parentCode) ?? 0) || x.code.localeCompare(y.code),
    )
    .map((s) => {
      const state = at.stateOf(s);
      const open = OPEN.includes(state.status);
      const dueAt = s.dueAt.getTime();
      return {
        code: s.code,
        parentCode: s.parentCode,
        title: s.title,
        leadUnit: s.leadUnitCode,
        leadUnitName: units.get(s.leadUnitCode)?.name ?? s.leadUnitCode,
        leadLeader: s.leadLeader,
        dueWritten: s.dueText,
        dueDate: at.localDate(dueAt - 1),
        status: state.status,
        overdueLevel: state.level,
        daysOverdue: open && dueAt < at.asOfEnd ? Math.ceil((at.asOfEnd - dueAt) / DAY_MS) : 0,
        signedOffOn:
          s.signedOffAt && s.signedOffAt.getTime() < at.asOfEnd && DONE.includes(state.status)
            ? at.localDate(s.signedOffAt.getTime())
            : null,
      };
    });
  const counted = rows.filter((r) => r.status !== 'withdrawn');
  const unitCodes = [...new Set(counted.map((r) => r.leadUnit))];
  const levels = new Set(unitCodes.map((u) => units.get(u)?.level));
  const level = levels.size === 1 ? [...levels][0] : undefined;
  return {
    measures: new Set(counted.map((r) => r.parentCode)).size,
    units: unitCodes.length,
    unitWord: (level && UNIT_WORDS[level]) || '单位',
    total: counted.length,
    done: counted.filter((r) => DONE.includes(r.status)).length,
    open: counted.filter((r) => OPEN.includes(r.status)).length,
    withdrawn: rows.length - counted.length,
    overdue: counted.filter((r) => r.daysOverdue > 0).length,
    rows,
  };
}

// The bulletin's sentence, or null for a plan without sub-measures.
export function subMeasureSentence(f: SubMeasureFigures | undefined): string | null {
  if (!f || !f.total) return null;
  return (
    `其中${f.measures}项措施分解到${f.units}个${f.unitWord}落实（子措施${f.total}项），` +
    `子措施已完成${f.done}项、正在推进${f.open}项${f.overdue ? `、逾期未完成${f.overdue}项` : ''}` +
    `${f.withdrawn ? `，另调出${f.withdrawn}项` : ''}。`
  );
}

// Sub-measures by their parent's code, for listing each right below its parent.
export function subMeasuresByParent(f: SubMeasureFigures): Map<string, SubMeasureRow[]> {
  const out = new Map<string, SubMeasureRow[]>();
  for (const r of f.rows) out.set(r.parentCode, [...(out.get(r.parentCode) ?? []), r]);
  return out;
}
