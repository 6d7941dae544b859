// A measure of a problem that carries over one of an earlier plan (承接) shows that problem's
// measures with their history, so the office sees what was done before without leaving the page.
import type { MeasureEntity } from '../../../../libs/persistence/src/entities/measure.entity';
import type { CarryOverRepository } from '../../../../libs/persistence/src/repositories/carry-over.repository';

export interface CarriedOverView {
  readonly plan: string;
  readonly problem: string;
  readonly problemTitle: string | null;
  readonly measures: readonly {
    readonly id: string;
    readonly code: string;
    readonly title: string;
    readonly status: string;
    readonly dueAt: string;
    readonly signedOffAt: string | null;
    readonly link: string;
    readonly timeline: readonly { kind: string; occurredAt: string; actor: string }[];
  }[];
}

export async function carriedOverView(
  earlier: CarryOverRepository,
  m: MeasureEntity,
): Promise<CarriedOverView | null> {
  const problem = await earlier.problemById(m.problemId);
  const link = problem?.carriesOver;
  if (!link) return null;
  const plan = await earlier.plan(link.plan);
  const before = plan ? await earlier.problem(plan.id, link.problem) : null;
  const measures = before ? await earlier.measuresOfProblem(before.id) : [];
  const events = await earlier.events(measures.map((x) => x.id));
  return {
    plan: link.plan,
    problem: link.problem,
    problemTitle: before?.title ?? null,
    measures: measures.map((x) => ({
      id: x.id,
      code: x.code,
      title: x.title,
      status: x.status,
      dueAt: x.dueAt.toISOString(),
      signedOffAt: x.signedOffAt ? x.signedOffAt.toISOString() : null,
      link: `/measures/${x.id}`,
      timeline: events
        .filter((e) => e.measureId === x.id)
        .map((e) => ({ kind: e.kind, occurredAt: e.occurredAt.toISOString(), actor: e.actor })),
    })),
  };
}
