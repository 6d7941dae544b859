// GET /plans/:id's view of where problems come from and of the tree's shape: the plan's sources
// (declared, or its inspection), its level labels, and categories whose problems it holds directly.
import { planSources } from '../../../../libs/domain/src/plan-sources';
import { DEFAULT_LEVEL_LABELS } from '../../../../libs/domain/src/plan-tree-shape';
import type { PlanEntity } from '../../../../libs/persistence/src/entities/plan.entity';
import type { InspectionEntity } from '../../../../libs/persistence/src/entities/inspection.entity';
import type { ProblemEntity } from '../../../../libs/persistence/src/entities/problem.entity';

export function planSourceView(
  plan: Pick<PlanEntity, 'sources' | 'levelLabels'>,
  inspection: InspectionEntity,
) {
  return {
    sources: planSources({ inspection, sources: plan.sources ?? undefined }),
    levelLabels: { ...DEFAULT_LEVEL_LABELS, ...plan.levelLabels },
  };
}

export function problemSourceView(p: ProblemEntity, sourceCodes: readonly string[]) {
  return {
    sources: p.sourceCodes ?? (sourceCodes.length === 1 ? [...sourceCodes] : []),
    carriesOver: p.carriesOver,
    // This plan's measure codes that reopen an earlier plan's signed-off measure (followed there).
    reopens: p.reopens ?? [],
  };
}

// A category in the office's shape: its own problems when its one aspect is implicit.
export function categoryShape<A extends { implicit: boolean; problems: unknown[] }>(
  leadUnit: string | null,
  aspects: A[],
) {
  const direct = aspects.length === 1 && aspects[0].implicit;
  return {
    leadUnit,
    aspects: direct ? [] : aspects.map(({ implicit: _, ...a }) => a),
    ...(direct ? { problems: aspects[0].problems } : {}),
  };
}
