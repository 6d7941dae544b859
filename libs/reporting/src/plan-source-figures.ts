// Where a plan's problems come from, as of a date: problems and measures by source (a problem
// naming two sources counts under each), the level labels of the plan's sentence, and what it
// carries over from earlier plans.
import type { PlanDefinition } from '../../domain/src/plan-definition';
import { planSources, problemSourceCodes, type PlanSource } from '../../domain/src/plan-sources';
import { levelLabelsOf, type LevelLabels } from '../../domain/src/plan-tree-shape';

export interface SourceFigures {
  readonly sources: readonly (PlanSource & {
    readonly problems: number;
    readonly measures: number;
    readonly done: number;
  })[];
  readonly labels: LevelLabels;
  // Problems carrying over one of an earlier plan (承接), and measures reopening an earlier plan's.
  readonly carriedOver: number;
  readonly reopened: number;
}

export function sourceFigures(
  def: PlanDefinition,
  rows: readonly { readonly code: string; readonly status: string }[],
): SourceFigures {
  const sources = planSources(def);
  const status = new Map(rows.map((r) => [r.code, r.status]));
  const problems = def.categories.flatMap((c) => c.aspects.flatMap((a) => a.problems));
  return {
    sources: sources.map((s) => {
      const own = problems.filter((p) => problemSourceCodes(sources, p).includes(s.code));
      const measures = own.flatMap((p) => p.measures);
      return {
        ...s,
        problems: own.length,
        measures: measures.length,
        done: measures.filter((m) => ['verified', 'closed'].includes(status.get(m.code) ?? '')).length,
      };
    }),
    labels: levelLabelsOf(def),
    carriedOver: problems.filter((p) => p.carriesOver).length,
    reopened: problems.flatMap((p) => p.measures.filter((m) => m.reopens)).length,
  };
}
