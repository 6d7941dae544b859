// The six figures of the seed's sentence (查处…N件M人，其中党纪政务处分X人，组织处理Y人，问责Z人，
// 移送司法机关W人): what a body enters as an aggregate when its cases are handled outside Rectify,
// and what the bulletins and the figures report add up. Pure, so the API and the bulletin agree.
import type { DisciplineFigures } from './accountability';

export const SEED_FIGURE_KEYS = [
  'cases',
  'persons',
  'partyOrGovernmentSanctions',
  'organisationalHandling',
  'heldAccountable',
  'judicialReferrals',
] as const;
export type SeedFigureKey = (typeof SEED_FIGURE_KEYS)[number];
export type SeedFigures = Readonly<Record<SeedFigureKey, number>>;

export const SEED_FIGURE_LABELS: Record<SeedFigureKey, string> = {
  cases: '件',
  persons: '人',
  partyOrGovernmentSanctions: '党纪政务处分',
  organisationalHandling: '组织处理',
  heldAccountable: '问责',
  judicialReferrals: '移送司法机关',
};

// Counted among the persons (其中): none can exceed them.
const AMONG_PERSONS: readonly SeedFigureKey[] = [
  'partyOrGovernmentSanctions',
  'organisationalHandling',
  'heldAccountable',
  'judicialReferrals',
];

export const NO_FIGURES: SeedFigures = Object.fromEntries(SEED_FIGURE_KEYS.map((k) => [k, 0])) as SeedFigures;

export function seedFiguresOf(f: DisciplineFigures): SeedFigures {
  return Object.fromEntries(SEED_FIGURE_KEYS.map((k) => [k, f[k]])) as SeedFigures;
}

export function addSeedFigures(...all: readonly SeedFigures[]): SeedFigures {
  return Object.fromEntries(
    SEED_FIGURE_KEYS.map((k) => [k, all.reduce((sum, f) => sum + f[k], 0)]),
  ) as SeedFigures;
}

// Every reason entered figures cannot stand, each naming its field: a figure that is not a
// whole number of zero or more, one of the 其中 figures above the persons, persons without a case.
export function seedFiguresProblems(
  f: Readonly<Record<string, unknown>>,
): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  for (const k of SEED_FIGURE_KEYS) {
    const v = f[k];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
      problems.push({ path: k, message: `must be a whole number of zero or more, got ${JSON.stringify(v)}` });
  }
  if (problems.length) return problems;
  const n = f as SeedFigures;
  for (const k of AMONG_PERSONS)
    if (n[k] > n.persons)
      problems.push({
        path: k,
        message: `${SEED_FIGURE_LABELS[k]} ${n[k]}人 is counted among the persons (其中) and cannot exceed persons ${n.persons}`,
      });
  if (n.persons > 0 && n.cases === 0)
    problems.push({ path: 'cases', message: `${n.persons} persons need at least one case` });
  return problems;
}
