// 长期坚持: measures whose plan sets no date. An office chooses (plan.longTermMeasures) whether
// they get a hard deadline with the full escalation ladder (the track's default date, marked as
// assumed) or periodic reviews only, as a signed-off mechanism measure has (季度评估, every three
// months unless the measure says otherwise), with no ladder and never overdue.
import { z } from 'zod';
import { setsNoDate } from './chinese-deadline';

export const LONG_TERM_MEASURES = ['deadline', 'reviews'] as const;
export type LongTermMeasures = (typeof LONG_TERM_MEASURES)[number];
// Today's behaviour, so plans written before the choice existed import as they did.
export const DEFAULT_LONG_TERM_MEASURES: LongTermMeasures = 'deadline';

export const longTermMeasuresSchema = z.enum(LONG_TERM_MEASURES).optional();

// Whether a measure with this written deadline is followed by periodic reviews only.
export function followedByReviewsOnly(
  plan: { readonly longTermMeasures?: LongTermMeasures },
  due: string,
): boolean {
  return (plan.longTermMeasures ?? DEFAULT_LONG_TERM_MEASURES) === 'reviews' && setsNoDate(due);
}
