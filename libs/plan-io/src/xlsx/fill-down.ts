// Blank category, aspect or problem cells of 任务清单 take the values of the row above (merged or
// left blank under their first row, as ledgers are usually laid out).
import type { Row } from './cell-reading';

const GROUPS = [
  ['categoryCode', 'category'],
  ['aspectCode', 'aspect'],
  ['problemCode', 'problem', 'track', 'rootCause', 'problemSources'],
];

export function fillDown(row: Row, prev: Row): Row {
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
