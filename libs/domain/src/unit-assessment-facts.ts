// How the facts of a unit assessment (考评) are read from what the read model recorded: per lead
// unit and period, judged as of the period's end or `now`, whichever is earlier. Pure; the API's
// use case loads the rows. docs/assessment.md says the same in words.
import { ESCALATION_LEVEL, ESCALATION_STEP_KINDS } from './escalation-ladder';
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

// One unit's line of a reporting period's roll-up (period_closed): owed a report, and reported.
export interface ReportOwed {
  readonly code: string;
  readonly owed: boolean;
  readonly reported: boolean;
}

// The kinds of measure events the facts count. A reminder (催办, before the deadline) is no
// escalation and raises no level: it counts for nothing, and is not read (the most numerous of a
// plan's ladder steps).
const LADDER: readonly string[] = ESCALATION_STEP_KINDS.filter((k) => ESCALATION_LEVEL[k] > 0);
const DONE: readonly string[] = ['completion_claimed', 'verified'];
export const ASSESSED_EVENT_KINDS: readonly string[] = [
  ...LADDER,
  ...DONE,
  'rejected',
  'look_back_failed',
  'assignment_delivered',
  'assignment_acknowledged',
];
// The kinds whose detail the facts read (a delivery's limit, an acknowledgement's lateness): the
// others' is not read, nor need it be given.
export const ASSESSED_DETAIL_KINDS: readonly string[] = ['assignment_delivered', 'assignment_acknowledged'];
const DAY_MS = 86_400_000;

// Every lead unit of `measures` (withdrawn ones left out by the caller), sorted by code. `closes`
// are the roll-ups of the reporting periods that closed in the period.
export function unitPeriodFacts(
  p: FactsPeriod,
  now: number,
  measures: readonly AssessedMeasure[],
  events: readonly AssessedEvent[],
  closes: readonly (readonly ReportOwed[])[],
): UnitPeriodFacts[] {
  const judgedAt = Math.min(p.endMs, now);
  const at = (e: AssessedEvent) => e.occurredAt.getTime();
  const byMeasure = new Map<string, AssessedEvent[]>();
  for (const e of [...events].sort((a, b) => at(a) - at(b))) {
    if (at(e) >= judgedAt) continue;
    const mine = byMeasure.get(e.measureId);
    if (mine) mine.push(e);
    else byMeasure.set(e.measureId, [e]);
  }
  const reports = new Map<string, { due: number; onTime: number }>();
  for (const u of closes.flat()) {
    if (!u.owed) continue;
    const r = reports.get(u.code) ?? { due: 0, onTime: 0 };
    reports.set(u.code, { due: r.due + 1, onTime: r.onTime + (u.reported ? 1 : 0) });
  }
  const units = [...new Set(measures.map((m) => m.leadUnitCode))].sort();
  return units.map((unit) => {
    // Followed in the period: not signed off before it began.
    const own = measures.filter(
      (m) => m.leadUnitCode === unit && !(m.signedOffAt && m.signedOffAt.getTime() < p.startMs),
    );
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
      const due = m.dueAt.getTime();
      const first = mine.find((e) => DONE.includes(e.kind));
      const done = first ? at(first) : undefined;
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
          level: Math.max(0, ...mine.filter((e) => LADDER.includes(e.kind)).map((e) => e.level)),
        });
      for (const e of mine.filter((e) => at(e) >= p.startMs)) {
        if (LADDER.includes(e.kind) && e.level >= ESCALATION_LEVEL.supervision_notice) f.escalations++;
        if (e.kind === 'rejected') f.rejections++;
        if (e.kind === 'look_back_failed') f.lookBacksFailed++;
        if (e.kind === 'assignment_acknowledged') {
          f.acknowledgementsDue++;
          if (e.detail.late === false) f.acknowledgedOnTime++;
        }
      }
      // A delivery whose limit passed in the period without an acknowledgement is due and missed.
      for (const d of mine.filter((e) => e.kind === 'assignment_delivered')) {
        const by = Date.parse(String(d.detail.acknowledgeBy));
        const answered = mine.some((e) => e.kind === 'assignment_acknowledged' && at(e) >= at(d));
        if (!answered && by >= p.startMs && by < judgedAt) f.acknowledgementsDue++;
      }
    }
    const r = reports.get(unit) ?? { due: 0, onTime: 0 };
    return { unit, ...f, reportsDue: r.due, reportsOnTime: r.onTime, measures: own.length, overdue };
  });
}
