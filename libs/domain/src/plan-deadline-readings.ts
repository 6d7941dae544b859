// What each office-written deadline of a valid plan was read as, for the dry run to show, and the
// same plan with every deadline written as a date, for code that reads only dates.
import { officePath } from './plan-tree-shape';
import { followedByReviewsOnly } from './long-term-measures';
import { planDeadlineContext, readPlanDeadline, type PlanDeadlineReading } from './plan-deadline';
import { formatPath, mapMeasures, type PlanDefinition } from './plan-definition';
import type { Track } from './track';

export interface DeadlineReadingEntry {
  // Where in the document, e.g. `categories[0].aspects[0].problems[0].measures[1].due`.
  readonly path: string;
  readonly measureCode: string;
  readonly milestoneCode?: string;
  readonly written: string;
  // The calendar day (YYYY-MM-DD) in the plan's zone, and the time of day when one was written.
  readonly date: string;
  readonly time?: string;
  // The instant it is due at (ISO-8601, UTC): what the measure's workflow counts down to.
  readonly dueAt: string;
  readonly explanation: string;
  // Not written but assumed (a track default for "长期坚持", the default days of "立即").
  readonly assumed?: true;
}

export function chineseDeadlineReadings(plan: PlanDefinition): DeadlineReadingEntry[] {
  const out: DeadlineReadingEntry[] = [];
  visitPlanDeadlines(plan, (d) => {
    const r = d.reading;
    if (r.ok && r.date && r.explanation)
      out.push({
        path: officePath(plan.categories, d.path),
        measureCode: d.measureCode,
        ...(d.milestoneCode ? { milestoneCode: d.milestoneCode } : {}),
        written: d.written,
        date: r.date,
        ...(r.time ? { time: r.time } : {}),
        dueAt: r.dueAt.toISOString(),
        explanation: r.explanation,
        ...(r.assumed ? { assumed: r.assumed } : {}),
      });
  });
  return out;
}

// What the read model keeps of each measure's deadline beside its instant, by measure code.
export function measureDeadlineFlags(
  plan: PlanDefinition,
): Map<string, { readonly dueAssumed: boolean; readonly reviewsOnly: boolean }> {
  const out = new Map<string, { dueAssumed: boolean; reviewsOnly: boolean }>();
  visitPlanDeadlines(plan, (d) => {
    if (d.milestoneCode) return;
    out.set(d.measureCode, {
      dueAssumed: d.reading.ok && d.reading.assumed === true,
      reviewsOnly: followedByReviewsOnly(plan.plan, d.written),
    });
  });
  return out;
}

// Every Chinese deadline replaced by the date it reads as, or by its instant when it names a time
// of day (ISO dates and instants stay).
export function withDatedDeadlines(plan: PlanDefinition): PlanDefinition {
  const dated = new Map<string, string>();
  visitPlanDeadlines(plan, (d) => {
    const r = d.reading;
    if (r.ok && r.date) dated.set(d.path, r.time ? r.dueAt.toISOString() : r.date);
  });
  const at = (path: PropertyKey[], written: string) => dated.get(formatPath(path)) ?? written;
  return mapMeasures(plan, (m, mPath) => ({
    ...m,
    due: at([...mPath, 'due'], m.due),
    milestones: m.milestones.map((ms, msi) => ({
      ...ms,
      due: at([...mPath, 'milestones', msi, 'due'], ms.due),
    })),
  }));
}

export interface VisitedDeadline {
  readonly path: string;
  readonly measureCode: string;
  readonly milestoneCode?: string;
  readonly track: Track;
  readonly written: string;
  readonly reading: PlanDeadlineReading;
  // For a milestone: the reading of its measure's deadline.
  readonly measureDue?: PlanDeadlineReading;
}

// Each measure deadline, then its milestones', as read in the plan's zone.
export function visitPlanDeadlines(plan: PlanDefinition, visit: (d: VisitedDeadline) => void): void {
  const zone = plan.plan.timeZone;
  plan.categories.forEach((c, ci) =>
    c.aspects.forEach((a, ai) =>
      a.problems.forEach((p, pi) =>
        p.measures.forEach((m, mi) => {
          const mPath = ['categories', ci, 'aspects', ai, 'problems', pi, 'measures', mi];
          const due = readPlanDeadline(m.due, zone, planDeadlineContext(plan, p.track));
          const base = { measureCode: m.code, track: p.track };
          visit({ ...base, path: formatPath([...mPath, 'due']), written: m.due, reading: due });
          m.milestones.forEach((ms, msi) =>
            visit({
              ...base,
              path: formatPath([...mPath, 'milestones', msi, 'due']),
              milestoneCode: ms.code,
              written: ms.due,
              reading: readPlanDeadline(ms.due, zone, planDeadlineContext(plan)),
              measureDue: due,
            }),
          );
        }),
      ),
    ),
  );
}
