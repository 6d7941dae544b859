// Totals a document states about itself: “梳理为4大类10个方面30个问题”, “制定148项整改措施”. They are
// kept as declared figures and compared with what was drafted.
import type { DocumentText } from './plan-draft';

export interface DeclaredCount {
  readonly count: number;
  readonly paragraph: number;
  readonly start: number;
  readonly end: number;
}
export interface DeclaredCounts {
  readonly categories?: DeclaredCount;
  readonly aspects?: DeclaredCount;
  readonly problems?: DeclaredCount;
  readonly measures?: DeclaredCount;
}

// The tree's totals are written together (4大类10个方面30个问题; 2大类3个方面5个问题); a lone
// “N个问题” elsewhere counts something else (梳理成29个具体问题, 等7个问题), so it is not read.
const TREE =
  /(?:(\d+)\s*(?:个)?大类\s*[、，,]?\s*)?(?:(\d+)\s*个(?:方面|领域)\s*[、，,]?\s*)?(\d+)\s*个(?:具体)?问题/g;
// 制定148项整改措施, 制定了148项有针对性、可操作的整改措施, 提出整改措施10条.
const MEASURES =
  /(?:制定|提出|明确)(?:了)?\s*(\d+)\s*(?:项|条)[^。；;]{0,20}?措施|整改措施\s*(\d+)\s*(?:项|条)/;

export function readDeclaredCounts(doc: DocumentText, read: (paragraph: number) => boolean): DeclaredCounts {
  let tree: Pick<DeclaredCounts, 'categories' | 'aspects' | 'problems'> | undefined;
  let measures: DeclaredCount | undefined;
  for (const p of doc.paragraphs) {
    if (!read(p.index)) continue;
    if (!tree)
      for (const m of p.text.matchAll(TREE)) {
        if (m[1] === undefined && m[2] === undefined) continue;
        const at = (n: string | undefined, from: number): DeclaredCount | undefined => {
          if (n === undefined) return undefined;
          const i = p.text.indexOf(n, from);
          return { count: Number(n), paragraph: p.index, start: p.start + i, end: p.start + i + n.length };
        };
        const categories = at(m[1], m.index);
        const aspects = at(m[2], categories ? categories.end - p.start : m.index);
        const problems = at(m[3], (aspects ?? categories)!.end - p.start);
        tree = { categories, aspects, problems };
        break;
      }
    if (!measures) {
      const m = MEASURES.exec(p.text);
      if (m) {
        const n = m[1] ?? m[2];
        const i = p.text.indexOf(n, m.index);
        measures = { count: Number(n), paragraph: p.index, start: p.start + i, end: p.start + i + n.length };
      }
    }
  }
  const out: { -readonly [K in keyof DeclaredCounts]: DeclaredCount } = {};
  if (tree?.categories) out.categories = tree.categories;
  if (tree?.aspects) out.aspects = tree.aspects;
  if (tree?.problems) out.problems = tree.problems;
  if (measures) out.measures = measures;
  return out;
}
