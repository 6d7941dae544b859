// How the facts of a unit assessment (考评) are read from what the read model recorded: per lead
// unit and period, judged as of the period's end or `now`, whichever is earlier. Pure; the API's
// use case loads the rows. docs/assessment.md says the same in words.
import { ESCALATION_KINDS, ESCALATION_LEVEL } from './escalation-ladder';
import type { UnitPeriodFacts } from './unit-assessment';

export interface FactsPeriod {
  readonly startMs: number;
  readonly endMs: number; // not included
}

export interface AssessedMeasure {
  readonly id: string;
  readonly leadUnitCode: string;
  readonly dueAt: Date;
  readonly signedOffAt: Date | null;
}

export interface AssessedEvent {
  readonly measureId: string;
  readonly kind: string; // a measure event kind; 签收 kinds included once they are recorded
  readonly level: number;
  readonly occurredAt: Date;
  // Read for ASSESSED_DETAIL_KINDS only: the others may come with an empty one.
  readonly detail: Readonly<Record<string, unknown>>;
}

// What a measure's assessed events before a moment leave that the facts of a period beginning at or
// after it still read: whether and when it was first claimed or verified, and the highest level its
// escalations reached. Events before a period count in it for nothing else (its deliveries aside:
// AssessedHistory), and these two only when the measure is due before the period ends (judged, or
// overdue). A plan's year of history is mostly these rows; read so, it is one row a measure.
export interface EarlierAssessed {
  readonly measureId: string;
  readonly firstDoneAt: Date | null;
  readonly ladderLevel: number; // 0 when it was not escalated
}

// The assessed events of a plan as the facts of periods from `since` to `dueBefore` need them: every
// one from `since` on; of those before it a summary per measure due before `dueBefore` (none of a
// measure due later), and the deliveries that were not acknowledged before it (an acknowledgement at
// or after a delivery answers it; one still unanswered at `since` is due in the period its limit
// falls in). UnitAssessmentRepository reads it so; test/support/assessed-history.ts says the same
// from a whole history, and the specs hold the facts of both the same.
export interface AssessedHistory {
  readonly since: Date;
  readonly dueBefore: Date;
  readonly earlier: readonly EarlierAssessed[];
  readonly pendingDeliveries: readonly AssessedEvent[];
  readonly events: readonly AssessedEvent[];
}

// One unit's line of a reporting period's roll-up (period_closed): owed a report, and reported.
export interface ReportOwed {
  readonly code: string;
  readonly owed: boolean;
  readonly reported: boolean;
}

// The kinds of measure events the facts count. A reminder (提醒, before the deadline) is no
// escalation and raises no level: it counts for nothing, and is not read (the most numerous of a
// plan's ladder steps).
export const LADDER_KINDS: readonly string[] = ESCALATION_KINDS;
export const DONE_KINDS: readonly string[] = ['completion_claimed', 'verified'];
export const DELIVERED = 'assignment_delivered';
export const ACKNOWLEDGED = 'assignment_acknowledged';
export const ASSESSED_EVENT_KINDS: readonly string[] = [
  ...LADDER_KINDS,
  ...DONE_KINDS,
  'rejected',
  'look_back_failed',
  DELIVERED,
  ACKNOWLEDGED,
];
// The kinds whose detail the facts read (a delivery's limit, an acknowledgement's lateness): the
// others' is not read, nor need it be given.
export const ASSESSED_DETAIL_KINDS: readonly string[] = [DELIVERED, ACKNOWLEDGED];
const DAY_MS = 86_400_000;

// Every lead unit of `measures` (withdrawn ones left out by the caller), sorted by code. `closes`
// are the roll-ups of the reporting periods that closed in the period. The history must span the
// period: its summary of earlier events is all the period reads of them.
export function unitPeriodFacts(
  p: FactsPeriod,
  now: number,
  measures: readonly AssessedMeasure[],
  history: AssessedHistory,
  closes: readonly (readonly ReportOwed[])[],
): UnitPeriodFacts[] {
  if (p.startMs < history.since.getTime() || p.endMs > history.dueBefore.getTime())
    throw new RangeError(
      `a history summarised before ${history.since.toISOString()} for measures due before ` +
        `${history.dueBefore.toISOString()} cannot judge the period ` +
        `${new Date(p.startMs).toISOString()} – ${new Date(p.endMs).toISOString()}`,
    );
  const judgedAt = Math.min(p.endMs, now);
  const at = (e: AssessedEvent) => e.occurredAt.getTime();
  const byMeasure = new Map<string, AssessedEvent[]>();
  for (const e of [...history.pendingDeliveries, ...history.events].sort((a, b) => at(a) - at(b))) {
    if (at(e) >= judgedAt) continue;
    const mine = byMeasure.get(e.measureId);
    if (mine) mine.push(e);
    else byMeasure.set(e.measureId, [e]);
  }
  const earlier = new Map(history.earlier.map((e) => [e.measureId, e]));
  const reports = new Map<string, { due: number; onTime: number }>();
  for (const u of closes.flat()) {
    if (!u.owed) continue;
    const r = reports.get(u.code) ?? { due: 0, onTime: 0 };
    reports.set(u.code, { due: r.due + 1, onTime: r.onTime + (u.reported ? 1 : 0) });
  }
  // Followed in the period: not signed off before it began. Grouped in one pass (one per unit was
  // units × measures).
  const ownOf = new Map<string, AssessedMeasure[]>();
  for (const m of measures) {
    const own = ownOf.get(m.leadUnitCode) ?? [];
    ownOf.set(m.leadUnitCode, own);
    if (!(m.signedOffAt && m.signedOffAt.getTime() < p.startMs)) own.push(m);
  }
  return [...ownOf.keys()].sort().map((unit) => {
    const own = ownOf.get(unit)!;
    const f = {
      measuresDue: 0,
      completedOnTime: 0,
      acknowledgementsDue: 0,
      acknowledgedOnTime: 0,
      escalations: 0,
      rejections: 0,
      lookBacksFailed: 0,
    };
    const overdue: { days: number; level: number }[] = [];
    for (const m of own) {
      const mine = byMeasure.get(m.id) ?? [];
      const before = earlier.get(m.id);
      const due = m.dueAt.getTime();
      const first = mine.find((e) => DONE_KINDS.includes(e.kind));
      const done = before?.firstDoneAt?.getTime() ?? (first ? at(first) : undefined);
      // Judged once its deadline has passed or it was claimed: not marked down before it is due.
      if (due >= p.startMs && due < p.endMs && (due < judgedAt || done !== undefined)) {
        f.measuresDue++;
        if (done !== undefined && done <= due) f.completedOnTime++;
      }
      // Overdue in the period: past its deadline unclaimed at some moment of the period, for the
      // started days from the deadline to its claim or the judging time.
      const lateUntil = Math.min(done ?? judgedAt, judgedAt);
      if (due < judgedAt && (done === undefined || done > due) && lateUntil > p.startMs)
        overdue.push({
          days: Math.ceil((lateUntil - due) / DAY_MS),
          level: Math.max(
            before?.ladderLevel ?? 0,
            ...mine.filter((e) => LADDER_KINDS.includes(e.kind)).map((e) => e.level),
          ),
        });
      for (const e of mine.filter((e) => at(e) >= p.startMs)) {
        if (LADDER_KINDS.includes(e.kind) && e.level >= ESCALATION_LEVEL.supervision_notice) f.escalations++;
        if (e.kind === 'rejected') f.rejections++;
        if (e.kind === 'look_back_failed') f.lookBacksFailed++;
        if (e.kind === ACKNOWLEDGED) {
          f.acknowledgementsDue++;
          if (e.detail.late === false) f.acknowledgedOnTime++;
        }
      }
      // A delivery whose limit passed in the period without an acknowledgement is due and missed.
      for (const d of mine.filter((e) => e.kind === DELIVERED)) {
        const by = Date.parse(String(d.detail.acknowledgeBy));
        const answered = mine.some((e) => e.kind === ACKNOWLEDGED && at(e) >= at(d));
        if (!answered && by >= p.startMs && by < judgedAt) f.acknowledgementsDue++;
      }
    }
    const r = reports.get(unit) ?? { due: 0, onTime: 0 };
    return { unit, ...f, reportsDue: r.due, reportsOnTime: r.onTime, measures: own.length, overdue };
  });
}
