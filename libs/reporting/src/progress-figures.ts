// Progress as offices report it: each problem's status rolled up from its measures as of the
// report's date (problem-progress.ts), and the plan's declared totals beside the modelled counts
// (declared-figures.ts). Part of the plan report, computed from its measure rows.
import { figuresBeside, type DeclaredFigure, type FigureBeside } from '../../domain/src/declared-figures';
import type { PlanDefinition } from '../../domain/src/plan-definition';
import { modelledFigures } from '../../domain/src/plan-progress-checks';
import {
  PROBLEM_PROGRESS_STATUSES,
  problemProgress,
  problemProgressRuleOf,
  type ProblemProgressRule,
  type ProblemProgressStatus,
} from '../../domain/src/problem-progress';
import { TRACKS, type Track } from '../../domain/src/track';
import type { MeasureStatus } from '../../domain/src/measure-status';

export interface ProblemProgressRow {
  readonly code: string;
  readonly title: string;
  readonly track: Track;
  readonly categoryCode: string;
  readonly status: ProblemProgressStatus;
  // Measures in scope (withdrawn ones left out) and how many are done under the rule.
  readonly measures: number;
  readonly done: number;
}

export interface ProblemProgressFigures {
  readonly rule: ProblemProgressRule;
  readonly problems: readonly ProblemProgressRow[];
  readonly byStatus: Readonly<Record<ProblemProgressStatus, number>>;
  // Tracks that have problems, in TRACKS order.
  readonly byTrack: readonly {
    readonly track: Track;
    readonly problems: number;
    readonly byStatus: Readonly<Record<ProblemProgressStatus, number>>;
  }[];
}

export function problemProgressFigures(
  def: PlanDefinition,
  // The measure rows as of the report's date (plan-report.ts imports this file, so not its types).
  rows: readonly { readonly code: string; readonly status: MeasureStatus }[],
): ProblemProgressFigures {
  const rule = problemProgressRuleOf(def.plan.problemProgressRule);
  const statusOf = new Map(rows.map((r) => [r.code, r.status]));
  const problems: ProblemProgressRow[] = def.categories.flatMap((c) =>
    c.aspects.flatMap((a) =>
      a.problems.map((p) => {
        const progress = problemProgress(
          p.measures.map((m) => statusOf.get(m.code) ?? 'assigned'),
          rule,
        );
        return { code: p.code, title: p.title, track: p.track, categoryCode: c.code, ...progress };
      }),
    ),
  );
  return {
    rule,
    problems,
    byStatus: tally(problems),
    byTrack: TRACKS.map((track) => {
      const own = problems.filter((p) => p.track === track);
      return { track, problems: own.length, byStatus: tally(own) };
    }).filter((t) => t.problems > 0),
  };
}

function tally(problems: readonly ProblemProgressRow[]): Record<ProblemProgressStatus, number> {
  return Object.fromEntries(
    PROBLEM_PROGRESS_STATUSES.map((s) => [s, problems.filter((p) => p.status === s).length]),
  ) as Record<ProblemProgressStatus, number>;
}

export type DeclaredBeside = Readonly<Record<DeclaredFigure, FigureBeside>>;

export function declaredBeside(def: PlanDefinition): DeclaredBeside {
  return figuresBeside(def.plan.declared, modelledFigures(def));
}
