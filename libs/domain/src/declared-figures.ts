// Declared figures (方案公布数): the official totals a plan states ("制定148项整改措施") though it
// itemises fewer of them. Reports show the declared figure beside the modelled count and the
// difference, never the modelled count as if it were the official one.
import { z } from 'zod';

export const DECLARED_FIGURES = ['categories', 'aspects', 'problems', 'measures'] as const;
export type DeclaredFigure = (typeof DECLARED_FIGURES)[number];

const total = z.number().int('must be a whole number').positive('must be a positive whole number');
export const declaredFiguresSchema = z.strictObject({
  categories: total.optional(),
  aspects: total.optional(),
  problems: total.optional(),
  measures: total.optional(),
});
export type DeclaredFigures = z.output<typeof declaredFiguresSchema>;

// A total the plan modelled more of than it declares cannot be the official one.
export function checkDeclaredFigures(
  declared: DeclaredFigures,
  modelled: Readonly<Record<DeclaredFigure, number>>,
): { field: DeclaredFigure; message: string }[] {
  return DECLARED_FIGURES.flatMap((field) => {
    const d = declared[field];
    return d !== undefined && d < modelled[field]
      ? [{ field, message: `declares ${d} but the plan itemises ${modelled[field]}` }]
      : [];
  });
}

export interface FigureBeside {
  readonly declared: number | null;
  readonly modelled: number;
  // declared − modelled; null when nothing is declared.
  readonly difference: number | null;
}

export function figuresBeside(
  declared: DeclaredFigures | undefined,
  modelled: Readonly<Record<DeclaredFigure, number>>,
): Record<DeclaredFigure, FigureBeside> {
  return Object.fromEntries(
    DECLARED_FIGURES.map((f) => {
      const d = declared?.[f] ?? null;
      return [f, { declared: d, modelled: modelled[f], difference: d === null ? null : d - modelled[f] }];
    }),
  ) as Record<DeclaredFigure, FigureBeside>;
}
