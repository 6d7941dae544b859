// An indicator's value as of a report's date (截至某日): today's is the measure's live value; an
// earlier date's is the last value given by then (补录 entries count at the date they apply to),
// or the value the plan was written with when none was given yet.
import { indicatorHistory, indicatorValueAt } from '../../domain/src/indicator-history';

export interface IndicatorValueEvent {
  readonly kind: string;
  readonly occurredAt: Date;
  readonly indicators?: readonly { readonly code: string; readonly current?: number }[];
}

export function indicatorAsOf(
  code: string,
  values: { readonly live?: number; readonly written?: number },
  events: readonly IndicatorValueEvent[],
  asOfEnd: number,
): number | null {
  const now = !events.some((e) => e.occurredAt.getTime() >= asOfEnd);
  if (now) return values.live ?? values.written ?? null;
  const history = indicatorHistory(
    events.map((e) => ({
      kind: e.kind,
      occurredAt: e.occurredAt,
      recordedAt: e.occurredAt,
      actor: '',
      detail: { indicators: e.indicators ?? [] },
    })),
  );
  return indicatorValueAt(history, code, asOfEnd) ?? values.written ?? null;
}
