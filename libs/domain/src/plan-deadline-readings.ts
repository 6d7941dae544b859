// What each office-written deadline of a valid plan was read as, for the dry run to show, and the
// same plan with every deadline written as a date, for code that reads only dates.
import { readPlanDeadline } from './plan-deadline';
import { formatPath, mapMeasures, planBaseYear, type PlanDefinition } from './plan-definition';
import { officePath } from './plan-tree-shape';

export interface DeadlineReadingEntry {
  // Where in the document, e.g. `categories[0].aspects[0].problems[0].measures[1].due`.
  readonly path: string;
  readonly measureCode: string;
  readonly milestoneCode?: string;
  readonly written: string;
  readonly date: string;
  readonly explanation: string;
}

export function chineseDeadlineReadings(plan: PlanDefinition): DeadlineReadingEntry[] {
  const out: DeadlineReadingEntry[] = [];
  visitDeadlines(plan, (d) => {
    if (d.date && d.explanation)
      out.push({
        path: officePath(plan.categories, d.path),
        measureCode: d.measureCode,
        ...(d.milestoneCode ? { milestoneCode: d.milestoneCode } : {}),
        written: d.written,
        date: d.date,
        explanation: d.explanation,
      });
  });
  return out;
}

// Every Chinese deadline replaced by the date it reads as (ISO dates and instants stay).
export function withDatedDeadlines(plan: PlanDefinition): PlanDefinition {
  const dated = new Map<string, string>();
  visitDeadlines(plan, (d) => {
    if (d.date) dated.set(d.path, d.date);
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

interface VisitedDeadline {
  path: string;
  measureCode: string;
  milestoneCode?: string;
  written: string;
  date?: string;
  explanation?: string;
}

function visitDeadlines(plan: PlanDefinition, visit: (d: VisitedDeadline) => void): void {
  const baseYear = planBaseYear(plan);
  const zone = plan.plan.timeZone;
  plan.categories.forEach((c, ci) =>
    c.aspects.forEach((a, ai) =>
      a.problems.forEach((p, pi) =>
        p.measures.forEach((m, mi) => {
          const mPath = ['categories', ci, 'aspects', ai, 'problems', pi, 'measures', mi];
          const due = readPlanDeadline(m.due, zone, { baseYear, track: p.track });
          visit({
            path: formatPath([...mPath, 'due']),
            measureCode: m.code,
            written: m.due,
            ...(due.ok ? { date: due.date, explanation: due.explanation } : {}),
          });
          m.milestones.forEach((ms, msi) => {
            const r = readPlanDeadline(ms.due, zone, { baseYear });
            visit({
              path: formatPath([...mPath, 'milestones', msi, 'due']),
              measureCode: m.code,
              milestoneCode: ms.code,
              written: ms.due,
              ...(r.ok ? { date: r.date, explanation: r.explanation } : {}),
            });
          });
        }),
      ),
    ),
  );
}
