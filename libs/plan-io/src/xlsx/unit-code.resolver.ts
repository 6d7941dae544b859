// Unit names typed in 任务清单 → unit codes, against 责任单位 when the workbook declares units.
import { SHEET } from '../ledger-layout';
import { LEVEL_GROUP_NAMES } from '../../../domain/src/unit-groups';
import { deriveUnitCode, guessUnitLevel } from '../unit-names';
import type { ReadingContext } from './reading-context';

// A unit's code or name, and the cell it was typed in.
export type UnitCodeOf = (name: string, address: string) => string;

export function unitCodeResolver(
  ctx: ReadingContext,
  units: Record<string, unknown>[],
  declared: boolean,
): UnitCodeOf {
  if (declared) {
    const byCode = new Map(units.map((u) => [String(u.code), String(u.code)]));
    const byName = new Map(units.map((u) => [String(u.name), String(u.code)]));
    // Unknown names stay as written; validation names them as unknown units.
    return (text: string) => byCode.get(text) ?? byName.get(text) ?? text;
  }
  // No 责任单位 sheet: every name becomes a unit, its code derived from the name.
  const byName = new Map<string, string>();
  const groupNames = new Set<string>(Object.values(LEVEL_GROUP_NAMES).flat());
  return (name: string, address: string) => {
    // 各市州 and the like name a level of the unit tree, not a unit: kept for validation to judge.
    if (groupNames.has(name)) return name;
    const known = byName.get(name);
    if (known) return known;
    const code = deriveUnitCode(name);
    const clash = units.find((u) => u.code === code);
    if (clash)
      ctx.problems.push({
        path: '(file)',
        location: address,
        message: `units "${String(clash.name)}" and "${name}" would both get the code ${code}: declare units in a ${SHEET.units} sheet`,
      });
    byName.set(name, code);
    ctx.locations.set(`units[${units.length}]`, address);
    units.push({ code, name, level: guessUnitLevel(name) });
    return code;
  };
}
