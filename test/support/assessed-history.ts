// What an AssessedHistory means, said from a plan's whole history of assessed events: the specs
// hold the facts of the two the same (libs/domain), and what UnitAssessmentRepository reads in SQL
// equal to this (test/persistence).
import {
  ACKNOWLEDGED,
  type AssessedEvent,
  type AssessedHistory,
  DELIVERED,
  DONE_KINDS,
  type EarlierAssessed,
  LADDER_KINDS,
} from '../../libs/domain/src/unit-assessment-facts';

// The first and last instants a Date holds: a history with nothing summarised, for any period.
const THE_BEGINNING = new Date(-8.64e15);
const THE_END = new Date(8.64e15);

export function wholeHistory(events: readonly AssessedEvent[]): AssessedHistory {
  return { since: THE_BEGINNING, dueBefore: THE_END, earlier: [], pendingDeliveries: [], events };
}

// Every event from `since` on, oldest first; of those before it, per measure due before `dueBefore`
// (`dueAt` says when each is) with a claim, verification or escalation among them, the first of the
// one and the highest level of the other; and the deliveries no acknowledgement at or after them
// answered before `since`. Earlier summaries in order of measure, pending deliveries oldest first.
export function compactHistory(
  events: readonly AssessedEvent[],
  since: Date,
  dueBefore: Date = THE_END,
  dueAt: (measureId: string) => Date = () => THE_BEGINNING,
): AssessedHistory {
  const at = (e: AssessedEvent) => e.occurredAt.getTime();
  const cut = since.getTime();
  const before = events.filter((e) => at(e) < cut);
  const earlier = new Map<string, { firstDoneAt: Date | null; ladderLevel: number }>();
  for (const e of before) {
    const done = DONE_KINDS.includes(e.kind);
    if (!done && !LADDER_KINDS.includes(e.kind)) continue;
    if (dueAt(e.measureId) >= dueBefore) continue;
    const s = earlier.get(e.measureId) ?? { firstDoneAt: null, ladderLevel: 0 };
    if (done && (s.firstDoneAt === null || at(e) < s.firstDoneAt.getTime())) s.firstDoneAt = e.occurredAt;
    if (!done) s.ladderLevel = Math.max(s.ladderLevel, e.level);
    earlier.set(e.measureId, s);
  }
  const pendingDeliveries = before.filter(
    (d) =>
      d.kind === DELIVERED &&
      !before.some((a) => a.measureId === d.measureId && a.kind === ACKNOWLEDGED && at(a) >= at(d)),
  );
  return {
    since,
    dueBefore,
    earlier: [...earlier.entries()]
      .map(([measureId, s]): EarlierAssessed => ({ measureId, ...s }))
      .sort((a, b) => a.measureId.localeCompare(b.measureId)),
    pendingDeliveries: [...pendingDeliveries].sort((a, b) => at(a) - at(b)),
    events: events.filter((e) => at(e) >= cut).sort((a, b) => at(a) - at(b)),
  };
}
