// Not every plan has 大类 → 方面 → 问题: some categories hold their problems directly, and a plan
// may name its own levels (类/项, 方面/类别). Right after parsing, a category that holds problems
// gets one aspect flagged `implicit`, so every walk over categories → aspects → problems works
// unchanged; what the office reads (bulletin, ledger, plan tree, paths in errors) leaves it out.
import { z } from 'zod';
import { text } from './plan-primitives';

// The words a bulletin writes after each count: "梳理为4大类10个方面30个问题" by default.
export const levelLabelsSchema = z.strictObject({
  category: text(8).optional(),
  aspect: text(8).optional(),
  problem: text(8).optional(),
});
export type LevelLabels = Required<z.output<typeof levelLabelsSchema>>;
export const DEFAULT_LEVEL_LABELS: LevelLabels = { category: '大类', aspect: '个方面', problem: '个问题' };

export function levelLabelsOf(plan: {
  readonly plan: { readonly levelLabels?: Partial<LevelLabels> };
}): LevelLabels {
  return { ...DEFAULT_LEVEL_LABELS, ...plan.plan.levelLabels };
}

interface Aspect<P> {
  readonly code: string;
  readonly title: string;
  readonly leadUnit?: string;
  readonly problems: P[];
}
export type ShapedAspect<P> = Aspect<P> & { readonly implicit?: true };

// A category with either `aspects` or `problems` (not both), as the internal shape: always aspects.
export function categorySchema<A extends z.ZodType<Aspect<unknown>>, P extends z.ZodType>(
  code: z.ZodType<string>,
  aspect: A,
  problem: P,
) {
  return z
    .strictObject({
      code,
      title: text(500),
      leadUnit: code.optional(),
      aspects: z.array(aspect).min(1).optional(),
      problems: z.array(problem).min(1).optional(),
    })
    .superRefine((c, ctx) => {
      if (c.aspects && c.problems)
        ctx.addIssue({
          code: 'custom',
          path: ['problems'],
          message: 'a category holds either aspects or problems directly, not both',
        });
      if (!c.aspects && !c.problems)
        ctx.addIssue({ code: 'custom', path: ['aspects'], message: 'a category needs aspects or problems' });
    })
    .transform(({ aspects, problems, ...c }) => ({
      ...c,
      aspects: (aspects ?? [
        { code: c.code, title: c.title, problems: problems ?? [], implicit: true as const },
      ]) as (z.output<A> & {
        implicit?: true;
      })[],
    }));
}

interface ShapedCategory<P> {
  readonly code: string;
  readonly title: string;
  readonly leadUnit?: string;
  readonly aspects: readonly ShapedAspect<P>[];
}

// The problems a category holds directly (its implicit aspect's), or null when it has aspects.
export function directProblems<P>(c: ShapedCategory<P>): readonly P[] | null {
  return c.aspects.length === 1 && c.aspects[0].implicit ? c.aspects[0].problems : null;
}

// Aspects as the office counts them: implicit ones are not aspects.
export function countedAspects(categories: readonly ShapedCategory<unknown>[]): number {
  return categories.reduce((n, c) => n + c.aspects.filter((a) => !a.implicit).length, 0);
}

// The categories in the office's shape: direct problems back under their category.
export function officeCategories<P, C extends ShapedCategory<P>>(
  categories: readonly C[],
): (Omit<C, 'aspects'> & { aspects?: ShapedAspect<P>[]; problems?: P[] })[] {
  return categories.map(({ aspects, ...c }) => {
    const direct = directProblems({ ...c, aspects });
    return direct ? { ...c, problems: [...direct] } : { ...c, aspects: [...aspects] };
  });
}

// A path of the internal shape as the office wrote it: `categories[0].aspects[0].problems[1]` of
// an implicit aspect is `categories[0].problems[1]`.
export function officePath(categories: readonly ShapedCategory<unknown>[], path: string): string {
  const m = /^categories\[(\d+)\]\.aspects\[0\]((?:[.[].*)?)$/.exec(path);
  if (!m || !directProblems(categories[Number(m[1])] ?? ({ aspects: [] } as never))) return path;
  const rest = m[2];
  if (rest.startsWith('.problems')) return `categories[${m[1]}]${rest}`;
  return `categories[${m[1]}]${rest.startsWith('.code') || rest.startsWith('.title') ? rest : ''}`;
}

type Add = (path: PropertyKey[], message: string) => void;

// A level's lead unit (牵头单位) must be one of the plan's units.
export function checkLevelLeadUnits(
  categories: readonly ShapedCategory<unknown>[],
  units: ReadonlySet<string>,
  add: Add,
): void {
  categories.forEach((c, ci) => {
    if (c.leadUnit !== undefined && !units.has(c.leadUnit))
      add(['categories', ci, 'leadUnit'], `unknown unit ${c.leadUnit}: declare it under units`);
    c.aspects.forEach((a, ai) => {
      if (a.leadUnit !== undefined && !units.has(a.leadUnit))
        add(
          ['categories', ci, 'aspects', ai, 'leadUnit'],
          `unknown unit ${a.leadUnit}: declare it under units`,
        );
    });
  });
}
