// Moves a plan's whole timetable by whole days, keeping every interval. Used to replay an
// old plan (the 2019 demo) as if it were current; never applied to a real plan implicitly.
import { mapMeasures, PlanDefinition } from './plan-definition';
import { withDatedDeadlines } from './plan-deadline-readings';

const DAY_MS = 86_400_000;

function shiftDate(text: string, days: number): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    return new Date(Date.parse(`${text}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
  }
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new Error(`cannot shift "${text}": not a date`);
  return new Date(ms + days * DAY_MS).toISOString();
}

export function daysBetween(fromDate: string, toDate: string): number {
  return Math.round((Date.parse(`${toDate}T00:00:00Z`) - Date.parse(`${fromDate}T00:00:00Z`)) / DAY_MS);
}

export function shiftPlanDates<T extends PlanDefinition>(written: T, days: number): T {
  const d = (t: string) => shiftDate(t, days);
  // "9月底前" moves as the date it stands for; once moved it is written as a date.
  const plan = { ...written, ...withDatedDeadlines(written) };
  const moved = {
    ...plan,
    inspection: {
      ...plan.inspection,
      onSiteFrom: d(plan.inspection.onSiteFrom),
      onSiteTo: d(plan.inspection.onSiteTo),
      feedbackDate: d(plan.inspection.feedbackDate),
    },
  };
  return mapMeasures(moved, (m) => ({
    ...m,
    due: d(m.due),
    milestones: m.milestones.map((ms) => ({ ...ms, due: d(ms.due) })),
  }));
}
