// Sub-measures a plan writes down (分解落实): a measure given to a group of units (各市州) is handed
// to each member as a sub-measure, and a measure may list sub-measures for named units as well.
// They are imported with their parent, each followed by its own workflow, and the parent rolls
// them up as the decomposition of a running measure does (it is signed off only once they are).
import { z } from 'zod';
import { FIELD_LIMITS, MAX_SUB_MEASURES_PER_DECOMPOSITION } from './field-limits';
import type { DeadlineContext } from './chinese-deadline';
import { readPlanDeadline } from './plan-deadline';
import type { Track } from './track';
import { type DeclaredGroup, type GroupUnit, unitGroups, type UnitGroups } from './unit-groups';
import { unitTreeProblems } from './unit-tree';

// The part after the parent's code and a dot; the same rule as a decomposition's sub-measure code.
export const SUB_MEASURE_CODE = /^[A-Za-z0-9\u4e00-\u9fff][A-Za-z0-9\u4e00-\u9fff_-]{0,30}$/;
const SUB_MEASURE_CODE_RULE = 'must be 1–31 letters, digits, "_" or "-"';

// Given the plan's own code and text rules and unit levels, so the shapes stay those of the plan.
export function unitGroupSchema(
  code: z.ZodString,
  text: (max: number) => z.ZodString,
  levels: readonly [string, ...string[]],
) {
  return z.strictObject({
    code,
    name: text(200).optional(),
    members: z.array(code).min(1, 'name at least one member unit').optional(),
    level: z.enum(levels).optional(),
    under: code.optional(),
  });
}

export function subMeasureEntrySchema(code: z.ZodString, text: (max: number) => z.ZodString) {
  return z.strictObject({
    // Default: the lead unit's code.
    code: z.string().regex(SUB_MEASURE_CODE, SUB_MEASURE_CODE_RULE).optional(),
    leadUnit: code,
    // Defaults: the parent's title with the unit's name, its leader, its deadline.
    title: text(2000).optional(),
    leadLeader: text(100).optional(),
    due: z.string().optional(),
  });
}

// The parts of a plan this file reads (plan-definition.ts has the whole shape and uses this file).
export interface PlanUnits {
  readonly units: readonly GroupUnit[];
  readonly groups?: readonly DeclaredGroup[];
}
export interface MeasureDefinition {
  readonly code: string;
  readonly title: string;
  readonly leadUnit: string;
  readonly leadLeader: string;
  readonly coUnits: readonly string[];
  readonly due: string;
  readonly subMeasures?: readonly {
    readonly code?: string;
    readonly leadUnit: string;
    readonly title?: string;
    readonly leadLeader?: string;
    readonly due?: string;
  }[];
}
interface PlanDefinition extends PlanUnits {
  readonly categories: readonly {
    readonly aspects: readonly {
      readonly problems: readonly { readonly measures: readonly MeasureDefinition[] }[];
    }[];
  }[];
}

export interface PlannedSubMeasure {
  readonly parentCode: string;
  // The full code `${parent}.${sub}`, as a decomposition names its sub-measures.
  readonly code: string;
  readonly leadUnit: string;
  readonly leadLeader: string;
  readonly title: string;
  // As written (the parent's deadline when the plan gives none).
  readonly due: string;
  // The group it was handed down from; null when the plan wrote it out under subMeasures.
  readonly group: string | null;
  // Where the plan says so, relative to the measure: ['leadUnit'], ['coUnits', 1], ['subMeasures', 0].
  readonly from: readonly (string | number)[];
}

export function planUnitGroups(plan: PlanUnits): UnitGroups {
  return unitGroups(plan.units, plan.groups ?? []);
}

// The unit that leads the measure itself: for a measure given to a group, the group's lead.
export function measureLeadUnit(groups: UnitGroups, m: Pick<MeasureDefinition, 'leadUnit'>): string {
  return groups.group(m.leadUnit)?.lead ?? m.leadUnit;
}

// The co-units that are units; a group among them is handed sub-measures instead.
export function measureCoUnits(groups: UnitGroups, m: Pick<MeasureDefinition, 'coUnits'>): string[] {
  return m.coUnits.filter((u) => groups.group(u) === null);
}

// The measure's sub-measures: one per member of each group it names (lead unit first, then
// co-units, in unit order), refined by an entry under subMeasures for the same unit, then the
// entries for other units. The lead unit of the measure itself gets none from a co-unit group.
export function plannedSubMeasures(
  plan: PlanUnits,
  groups: UnitGroups,
  m: MeasureDefinition,
): PlannedSubMeasure[] {
  const entries = m.subMeasures ?? [];
  if (!entries.length && m.coUnits.every((u) => groups.group(u) === null) && !groups.group(m.leadUnit))
    return [];
  const names = new Map(plan.units.map((u) => [u.code, u.name]));
  const lead = measureLeadUnit(groups, m);
  const out: PlannedSubMeasure[] = [];
  const taken = new Set<string>();
  const add = (unit: string, group: string | null, from: readonly (string | number)[]) => {
    const ei = entries.findIndex((e) => e.leadUnit === unit);
    const e = ei >= 0 ? entries[ei] : undefined;
    taken.add(unit);
    out.push({
      parentCode: m.code,
      code: `${m.code}.${e?.code ?? unit}`,
      leadUnit: unit,
      leadLeader: e?.leadLeader ?? m.leadLeader,
      title: e?.title ?? `${m.title}（${names.get(unit) ?? unit}）`,
      due: e?.due ?? m.due,
      group,
      from: e ? ['subMeasures', ei] : from,
    });
  };
  [m.leadUnit, ...m.coUnits].forEach((code, i) => {
    const from = i === 0 ? ['leadUnit'] : ['coUnits', i - 1];
    for (const unit of groups.group(code)?.members ?? [])
      if (!taken.has(unit) && !(i > 0 && unit === lead)) add(unit, code, from);
  });
  entries.forEach((e, ei) => {
    if (!taken.has(e.leadUnit)) add(e.leadUnit, null, ['subMeasures', ei]);
  });
  return out;
}

type Add = (path: PropertyKey[], message: string) => void;

// Groups and the unit tree, once per plan.
export function checkUnitGroups(plan: PlanUnits, add: Add): void {
  for (const p of unitTreeProblems(plan.units)) add(['units', p.index, p.field], p.message);
  const units = new Set(plan.units.map((u) => u.code));
  const groups = planUnitGroups(plan);
  const seen = new Map<string, number>();
  (plan.groups ?? []).forEach((g, gi) => {
    const at = ['groups', gi];
    if (units.has(g.code)) add([...at, 'code'], `${g.code} is a unit code; a group needs a code of its own`);
    const again = seen.has(g.code);
    if (again) add([...at, 'code'], `duplicate group code ${g.code} (also groups[${seen.get(g.code)}])`);
    else seen.set(g.code, gi);
    if ((g.members === undefined) === (g.level === undefined))
      add(at, 'name either the members or the level of the group');
    g.members?.forEach((u, ui) => {
      if (!units.has(u)) add([...at, 'members', ui], `unknown unit ${u}: declare it under units`);
    });
    if (g.under !== undefined && !units.has(g.under))
      add([...at, 'under'], `unknown unit ${g.under}: declare it under units`);
    if (g.under !== undefined && g.members !== undefined)
      add([...at, 'under'], '`under` narrows a level; members are listed as they are');
    if (g.level !== undefined && !again && !units.has(g.code) && groups.group(g.code)?.members.length === 0)
      add(at, `names no unit: the plan declares no ${g.level} unit${g.under ? ` below ${g.under}` : ''}`);
  });
}

export interface SubMeasureCheckContext {
  readonly zone: string;
  // How the plan's deadlines read, with the measure's track.
  readonly deadlines: DeadlineContext;
  readonly track: Track;
  // The measure's own deadline, when it reads.
  readonly dueAt: Date | null;
  // Registers a measure code, reporting a duplicate (sub-measure codes share the measures' codes).
  readonly unique: (code: string, path: PropertyKey[]) => void;
}

// One measure's groups and sub-measures; `mPath` is the measure's path in the document.
export function checkSubMeasures(
  plan: PlanUnits,
  groups: UnitGroups,
  m: MeasureDefinition,
  mPath: (string | number)[],
  ctx: SubMeasureCheckContext,
  add: Add,
): void {
  const entries = m.subMeasures ?? [];
  const leadGroup = groups.group(m.leadUnit);
  // Most measures name no group and no sub-measure: nothing to check (a plan may have thousands).
  if (!entries.length && !leadGroup && m.coUnits.every((u) => groups.group(u) === null)) return;
  const units = new Set(plan.units.map((u) => u.code));
  if (leadGroup && !leadGroup.members.length)
    add([...mPath, 'leadUnit'], `${m.leadUnit} names no unit of the plan's unit tree`);
  else if (leadGroup && leadGroup.lead === null)
    add(
      [...mPath, 'leadUnit'],
      `the units of ${m.leadUnit} share no one parent unit to lead the measure: name a lead unit and put ${m.leadUnit} under coUnits, or declare the group with \`under\``,
    );
  m.coUnits.forEach((u, ui) => {
    if (groups.group(u)?.members.length === 0)
      add([...mPath, 'coUnits', ui], `${u} names no unit of the plan's unit tree`);
  });
  const byUnit = new Map<string, number>();
  entries.forEach((e, ei) => {
    const at = [...mPath, 'subMeasures', ei];
    if (groups.group(e.leadUnit))
      add([...at, 'leadUnit'], `${e.leadUnit} is a group; a sub-measure names one unit`);
    else if (!units.has(e.leadUnit))
      add([...at, 'leadUnit'], `unknown unit ${e.leadUnit}: declare it under units`);
    if (byUnit.has(e.leadUnit))
      add(
        [...at, 'leadUnit'],
        `${e.leadUnit} already has a sub-measure here (subMeasures[${byUnit.get(e.leadUnit)}])`,
      );
    else byUnit.set(e.leadUnit, ei);
    if (e.due !== undefined) {
      const r = readPlanDeadline(e.due, ctx.zone, ctx.deadlines);
      if (!r.ok) add([...at, 'due'], r.message);
      else if (ctx.dueAt && r.dueAt > ctx.dueAt)
        add([...at, 'due'], "a sub-measure cannot fall after its measure's deadline");
    }
  });
  const planned = plannedSubMeasures(plan, groups, m);
  if (planned.length > MAX_SUB_MEASURES_PER_DECOMPOSITION)
    add(
      [...mPath, 'leadUnit'],
      `hands down ${planned.length} sub-measures; a measure has at most ${MAX_SUB_MEASURES_PER_DECOMPOSITION}`,
    );
  for (const s of planned) {
    const at = [...mPath, ...s.from];
    const sub = s.code.slice(m.code.length + 1);
    if (!SUB_MEASURE_CODE.test(sub))
      add(
        at,
        `the sub-measure of ${s.leadUnit} would be coded ${sub}, which ${SUB_MEASURE_CODE_RULE}: give it a code under subMeasures`,
      );
    else if (s.code.length > FIELD_LIMITS.measureCode)
      add(at, `the sub-measure code ${s.code} is longer than ${FIELD_LIMITS.measureCode} characters`);
    else ctx.unique(s.code, s.from[0] === 'subMeasures' ? [...at, 'code'] : at);
  }
}

// Every sub-measure of the plan, by parent code, in document order.
export function planSubMeasures(plan: PlanDefinition): Map<string, PlannedSubMeasure[]> {
  const groups = planUnitGroups(plan);
  const out = new Map<string, PlannedSubMeasure[]>();
  for (const c of plan.categories)
    for (const a of c.aspects)
      for (const p of a.problems)
        for (const m of p.measures) {
          const subs = plannedSubMeasures(plan, groups, m);
          if (subs.length) out.set(m.code, subs);
        }
  return out;
}
