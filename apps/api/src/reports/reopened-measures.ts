// A look-back plan's measures that reopen an earlier plan's signed-off measure have no row of
// their own: their figures are the earlier measure's, under the code the look-back plan gives it,
// so the problem is counted once, by the measure that is followed.
import type { PlanDefinition } from '../../../../libs/domain/src/plan-definition';
import type { CarryOverRepository } from '../../../../libs/persistence/src/repositories/carry-over.repository';
import type { MeasureEventFacts, MeasureFacts } from '../../../../libs/reporting/src/plan-report';

export async function reopenedMeasureFacts(
  earlier: CarryOverRepository,
  definition: PlanDefinition,
): Promise<{ measures: MeasureFacts[]; events: MeasureEventFacts[] }> {
  const measures: MeasureFacts[] = [];
  const events: MeasureEventFacts[] = [];
  const reopening = definition.categories.flatMap((c) =>
    c.aspects.flatMap((a) => a.problems.flatMap((p) => p.measures.filter((m) => m.reopens))),
  );
  for (const m of reopening) {
    const plan = m.reopens ? await earlier.plan(m.reopens.plan) : null;
    const row = plan && m.reopens ? await earlier.measure(plan.id, m.reopens.measure) : null;
    if (!row) continue;
    measures.push({ ...row, code: m.code });
    for (const e of await earlier.events([row.id]))
      events.push({ measureCode: m.code, kind: e.kind, level: e.level, occurredAt: e.occurredAt });
  }
  return { measures, events };
}
