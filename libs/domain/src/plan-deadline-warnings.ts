// Deadlines that read but look wrong: due before the inspection's feedback (a typo, or a date
// from another plan), a milestone after its measure's deadline, "立即" outside the immediate
// track. Warnings in `validate` and the dry run; errors when the office asks for --strict.
import { startOfDayInZone } from './deadline';
import { visitPlanDeadlines } from './plan-deadline-readings';
import type { PlanDefinition, ValidationProblem } from './plan-definition';

export function deadlineWarnings(plan: PlanDefinition): ValidationProblem[] {
  const out: ValidationProblem[] = [];
  const feedback = plan.inspection.feedbackDate;
  const [y, m, d] = feedback.split('-').map(Number);
  const feedbackStarts = startOfDayInZone(y, m, d, plan.plan.timeZone);
  visitPlanDeadlines(plan, (v) => {
    const r = v.reading;
    if (!r.ok) return;
    const what = v.milestoneCode ? `milestone ${v.milestoneCode}` : `measure ${v.measureCode}`;
    const instant = r.dueAt.toISOString();
    if (r.dueAt.getTime() <= feedbackStarts)
      out.push({
        path: v.path,
        message: `${what} is due "${v.written}" (${instant}), before the inspection's feedback date ${feedback}`,
      });
    if (v.measureDue?.ok && r.dueAt > v.measureDue.dueAt)
      out.push({
        path: v.path,
        message:
          `${what} is due after its measure's deadline: "${v.written}" (${instant}) is later than ` +
          v.measureDue.dueAt.toISOString(),
      });
    if (r.warning) out.push({ path: v.path, message: r.warning });
  });
  return out;
}
