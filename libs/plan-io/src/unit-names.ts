// Units named only by their names (a workbook without a 责任单位 sheet): the code is the name
// itself where it can be (codes may be Chinese), so it stays the same on every re-import.
import type { UNIT_LEVELS } from '../../domain/src/plan-definition';

export function deriveUnitCode(name: string): string {
  return (
    name
      .trim()
      .replace(/[^A-Za-z0-9\u4e00-\u9fff._-]+/g, '-')
      .replace(/^[-._]+|[-._]+$/g, '')
      .slice(0, 64) || 'UNIT'
  );
}

// The administrative level a name suggests: 省住建厅 → province, 临夏州 → city, 东乡县 → county.
export function guessUnitLevel(name: string): (typeof UNIT_LEVELS)[number] {
  const n = name.trim();
  if (/^(中央|国家|国务院)/.test(n)) return 'central';
  if (/^省/.test(n) || /省(委|政府|人民政府)?$/.test(n)) return 'province';
  if (/(村|社区)(委员会)?$/.test(n)) return 'village';
  if (/(乡|镇|街道)(政府|党委)?$/.test(n)) return 'township';
  if (/(县|区|旗)(委|政府|人民政府)?$/.test(n)) return 'county';
  if (/(市|州|盟)(委|政府|人民政府)?$/.test(n)) return 'city';
  return 'other';
}
