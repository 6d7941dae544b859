// Group names (各市州, 各县区, 各乡镇 …): a plan names a whole level of its unit tree at once, and a
// measure given to a group is handed down to each member unit as a sub-measure. A group is either
// declared by the plan (its members, or a level, optionally below one unit) or one of the usual
// names below, which stands for every unit of its level in the plan's unit tree.

// The names offices write for every unit of a level; `other` has none (declare such a group).
export const LEVEL_GROUP_NAMES = {
  central: ['中央各部门', '各部委'],
  province: ['各省区市', '各省'],
  city: ['各市州', '各市', '各地市'],
  county: ['各县市区', '各县区', '各县'],
  township: ['各乡镇', '各乡镇街道'],
  village: ['各村', '各行政村'],
  other: [],
} as const satisfies Record<string, readonly string[]>;

export interface GroupUnit {
  readonly code: string;
  readonly name: string;
  readonly level: string;
  readonly parent?: string;
}

export interface DeclaredGroup {
  readonly code: string;
  readonly name?: string;
  readonly members?: readonly string[];
  readonly level?: string;
  // With `level`: only units below this one (at any depth).
  readonly under?: string;
}

export interface UnitGroup {
  readonly code: string;
  readonly name: string;
  // Member unit codes, in the order the plan lists its units (declared members: as declared).
  readonly members: readonly string[];
  // Who leads a measure given to the group as a whole: the declared `under` unit, else the one
  // parent all members share; null when there is none (the measure must then name a lead unit).
  readonly lead: string | null;
}

export interface UnitGroups {
  // The group a code names, or null when it names none (a unit code, or unknown).
  group(code: string): UnitGroup | null;
}

// Resolves group codes against one plan's units; a unit code is never a group.
export function unitGroups(units: readonly GroupUnit[], declared: readonly DeclaredGroup[] = []): UnitGroups {
  const byCode = new Map(units.map((u) => [u.code, u]));
  // The first declaration of a code counts (a second is the plan check's error).
  const byDeclared = new Map([...declared].reverse().map((g) => [g.code, g]));
  const builtIn = new Map<string, string>();
  for (const [level, names] of Object.entries(LEVEL_GROUP_NAMES))
    for (const name of names) builtIn.set(name, level);
  const cache = new Map<string, UnitGroup | null>();

  const below = (unit: string, ancestor: string): boolean => {
    const seen = new Set<string>();
    for (let at = byCode.get(unit)?.parent; at !== undefined && !seen.has(at); at = byCode.get(at)?.parent) {
      if (at === ancestor) return true;
      seen.add(at);
    }
    return false;
  };
  const resolve = (code: string): UnitGroup | null => {
    if (byCode.has(code)) return null;
    const d = byDeclared.get(code);
    const level = d ? d.level : builtIn.get(code);
    if (!d && level === undefined) return null;
    const members = d?.members
      ? d.members.filter((m) => byCode.has(m))
      : units
          .filter((u) => u.level === level && (d?.under === undefined || below(u.code, d.under)))
          .map((u) => u.code);
    const parents = new Set(members.map((m) => byCode.get(m)?.parent));
    const shared = parents.size === 1 ? [...parents][0] : undefined;
    const lead = d?.under ?? (shared !== undefined && byCode.has(shared) ? shared : null);
    return { code, name: d?.name ?? code, members, lead };
  };
  return {
    group(code) {
      if (!cache.has(code)) cache.set(code, resolve(code));
      return cache.get(code) ?? null;
    },
  };
}
