// Every value an indicator was given (指标值历史): the value, the moment it applies to, who gave it
// and when it was recorded. Kept in the measure's event stream (progress reports and completion
// claims carry indicator values); these pure rules read it back, for the measure's page and for
// reports as of an earlier date.

export const INDICATOR_VALUE_SOURCES = ['progress_reported', 'completion_claimed'] as const;
export type IndicatorValueSource = (typeof INDICATOR_VALUE_SOURCES)[number];

export interface IndicatorValueEntry {
  readonly code: string;
  readonly value: number;
  // When the value applies (the event's occurredAt: for a 补录 entry, the date written on paper).
  readonly appliesAt: string;
  readonly actor: string;
  readonly recordedAt: string;
  readonly enteredLater: boolean;
  readonly source: IndicatorValueSource;
}

export interface IndicatorEventFacts {
  readonly kind: string;
  readonly occurredAt: Date;
  readonly recordedAt: Date;
  readonly actor: string;
  readonly detail: Readonly<Record<string, unknown>>;
}

// A progress report's values are all kept (each was reported); a claim carries the whole set, so
// only the values it changed count as given by it.
export function indicatorHistory(events: readonly IndicatorEventFacts[]): IndicatorValueEntry[] {
  const sorted = [...events]
    .filter((e) => (INDICATOR_VALUE_SOURCES as readonly string[]).includes(e.kind))
    .sort(
      (x, y) =>
        x.occurredAt.getTime() - y.occurredAt.getTime() || x.recordedAt.getTime() - y.recordedAt.getTime(),
    );
  const last = new Map<string, number>();
  const out: IndicatorValueEntry[] = [];
  for (const e of sorted) {
    for (const v of valuesOf(e.detail)) {
      if (e.kind === 'completion_claimed' && last.get(v.code) === v.value) continue;
      last.set(v.code, v.value);
      out.push({
        code: v.code,
        value: v.value,
        appliesAt: e.occurredAt.toISOString(),
        actor: e.actor,
        recordedAt: e.recordedAt.toISOString(),
        enteredLater: e.detail.enteredLater === true,
        source: e.kind as IndicatorValueSource,
      });
    }
  }
  return out;
}

// The value that applied at `at` (ms): the latest given before it; undefined when none was.
export function indicatorValueAt(
  history: readonly IndicatorValueEntry[],
  code: string,
  at: number,
): number | undefined {
  let value: number | undefined;
  for (const h of history) if (h.code === code && Date.parse(h.appliesAt) < at) value = h.value;
  return value;
}

function valuesOf(detail: Readonly<Record<string, unknown>>): { code: string; value: number }[] {
  const list = Array.isArray(detail.indicators) ? (detail.indicators as unknown[]) : [];
  return list.flatMap((i) => {
    const v = i as { code?: unknown; current?: unknown };
    return typeof v?.code === 'string' && typeof v.current === 'number' && Number.isFinite(v.current)
      ? [{ code: v.code, value: v.current }]
      : [];
  });
}
