// The plan's unit tree (省 → 市州 → 县区 → 乡镇 → 村): `parent` links must form a tree, and a
// parent never stands at a lower administrative level than its child. Pure, for the plan check.

// Administrative levels from the top down; `other` (其他: a company, a school) has no rank and is
// never compared.
export const RANKED_UNIT_LEVELS = ['central', 'province', 'city', 'county', 'township', 'village'] as const;

export interface TreeUnit {
  readonly code: string;
  readonly level: string;
  readonly parent?: string;
}

export interface UnitTreeProblem {
  // Index in `units` and the field at fault.
  readonly index: number;
  readonly field: 'parent';
  readonly message: string;
}

// Each cycle once, located at the unit of the cycle that comes first in the document and named
// in full (A → B → C → A); then every parent ranked below its child. Unknown parents and a unit
// naming itself are the plan check's own errors and are left to it.
export function unitTreeProblems(units: readonly TreeUnit[]): UnitTreeProblem[] {
  const index = new Map<string, number>();
  units.forEach((u, i) => {
    if (!index.has(u.code)) index.set(u.code, i);
  });
  const parentOf = (code: string): string | undefined => {
    const u = units[index.get(code) ?? -1];
    return u?.parent !== undefined && u.parent !== u.code && index.has(u.parent) ? u.parent : undefined;
  };
  const out: UnitTreeProblem[] = [];
  const inCycle = new Set<string>();
  const cleared = new Set<string>();
  units.forEach((u, i) => {
    if (index.get(u.code) !== i || inCycle.has(u.code) || cleared.has(u.code)) return;
    const path: string[] = [];
    let at: string | undefined = u.code;
    while (at !== undefined && !cleared.has(at) && !inCycle.has(at) && !path.includes(at)) {
      path.push(at);
      at = parentOf(at);
    }
    if (at !== undefined && path.includes(at)) {
      const cycle = path.slice(path.indexOf(at));
      cycle.forEach((c) => inCycle.add(c));
      const first = Math.min(...cycle.map((c) => index.get(c) ?? 0));
      const start = units[first].code;
      const rotated = [...cycle.slice(cycle.indexOf(start)), ...cycle.slice(0, cycle.indexOf(start)), start];
      out.push({
        index: first,
        field: 'parent',
        message: `the unit tree has a cycle: ${rotated.join(' → ')}; a unit cannot be above itself`,
      });
    }
    path.filter((c) => !inCycle.has(c)).forEach((c) => cleared.add(c));
  });
  units.forEach((u, i) => {
    const parent = u.parent === undefined ? undefined : units[index.get(u.parent) ?? -1];
    if (!parent || parent.code === u.code) return;
    const own = rank(u.level);
    const above = rank(parent.level);
    if (own !== null && above !== null && above > own)
      out.push({
        index: i,
        field: 'parent',
        message: `${parent.code} (${parent.level}) stands below ${u.code} (${u.level}): a parent unit cannot be at a lower level than its child`,
      });
  });
  return out;
}

function rank(level: string): number | null {
  const r = (RANKED_UNIT_LEVELS as readonly string[]).indexOf(level);
  return r < 0 ? null : r;
}
