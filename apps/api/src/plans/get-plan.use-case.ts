import { Inject, Injectable } from '@nestjs/common';
import {
  measureScope,
  Principal,
  visibleMeasures,
  visibleProblemTree,
} from '../../../../libs/domain/src/authorization';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import {
  PlanRepository,
  type PlanTreeView,
} from '../../../../libs/persistence/src/repositories/plan.repository';
import { SharedRenderings } from '../../../../libs/reporting/src/shared-renderings';
import { nextSlice, sliceIsUp } from '../../../../libs/runtime/src/event-loop-slices';
import { problemProgressView } from './problem-progress-view';
import { categoryShape, planSourceView, problemSourceView } from './plan-tree-sources';

// A plan with its inspection and the category → aspect → problem → measure tree, in document order.
@Injectable()
export class GetPlanUseCase {
  // Requests for the same plan arriving together share the read of its whole tree, before each
  // is cut to what its requester may see (libs/reporting/src/shared-renderings.ts). No gathering
  // window: the tree is the plan's everyday page, and a request alone should not wait for others.
  private readonly reads = new SharedRenderings<PlanTreeView | null>(0);

  constructor(@Inject(PlanRepository) private readonly plans: PlanRepository) {}

  // The tree shows only the measures the principal may read (its summary counts them alone) and,
  // but for the office and admins, only the problems holding them with their aspects and
  // categories. A plan with none of its measures is, to that principal, no plan at all.
  async execute(idOrCode: string, principal: Principal) {
    const whole = await this.reads.render(idOrCode, () => this.plans.treeView(idOrCode));
    // Every request the read answered resumes at once: each cuts and answers its own (about 0.1 s of
    // the thread at 50,000 measures, with its JSON) in a slice of its own, other requests between.
    if (sliceIsUp()) await nextSlice();
    if (!whole) throw new DomainError('NOT_FOUND', `no plan ${idOrCode}`);
    const plan = whole.plan;
    const unitTree = whole.units.map((u) => ({ code: u.code, parent: u.parentCode }));
    const measures = visibleMeasures(principal, whole.measures, unitTree);
    if (measureScope(principal).kind !== 'all' && measures.length === 0)
      throw new DomainError('NOT_FOUND', `no plan ${idOrCode}`);
    const t = { ...whole, ...visibleProblemTree(principal, whole, measures), measures };
    const measuresByProblem = groupBy(t.measures, (m) => m.problemId);
    const problemsByAspect = groupBy(t.problems, (p) => p.aspectId);
    const aspectsByCategory = groupBy(
      t.groups.filter((g) => g.kind === 'aspect'),
      (g) => g.parentId ?? '',
    );
    const statusCounts: Record<string, number> = {};
    const trackCounts: Record<string, number> = {};
    // 分解落实: a measure's sub-measures are listed with it but not counted as measures.
    const own = t.measures.filter((m) => m.parentMeasureId === null);
    for (const m of own) statusCounts[m.status] = (statusCounts[m.status] ?? 0) + 1;
    for (const p of t.problems) trackCounts[p.track] = (trackCounts[p.track] ?? 0) + 1;
    // 问题整改进度: of the whole problem, whichever of its measures the principal may read.
    const progress = problemProgressView(whole, plan.definitionPlan);
    const sourced = planSourceView(plan, t.inspection);
    const sourceCodes = sourced.sources.map((s) => s.code);
    return {
      id: plan.id,
      code: plan.code,
      title: plan.title,
      timeZone: plan.timeZone,
      escalationPolicy: plan.escalationPolicy,
      importedAt: plan.importedAt.toISOString(),
      closedAt: plan.closedAt ? plan.closedAt.toISOString() : null,
      inspection: {
        code: t.inspection.code,
        name: t.inspection.name,
        inspectingBody: t.inspection.inspectingBody,
        inspectedOrganisation: t.inspection.inspectedOrganisation,
        onSiteFrom: t.inspection.onSiteFrom,
        onSiteTo: t.inspection.onSiteTo,
        feedbackDate: t.inspection.feedbackDate,
      },
      ...sourced,
      summary: {
        problems: t.problems.length,
        measures: own.length,
        subMeasures: t.measures.length - own.length,
        problemsByTrack: trackCounts,
        measuresByStatus: statusCounts,
        problemsByProgress: progress.counts(t.problems.map((p) => p.id)),
      },
      // Official totals the plan declares beside what it itemises (null: none declared).
      declared: progress.declared,
      problemProgressRule: progress.rule,
      units: t.units.map((u) => ({ code: u.code, name: u.name, level: u.level, parent: u.parentCode })),
      categories: t.groups
        .filter((g) => g.kind === 'category')
        .map((c) => ({
          code: c.code,
          title: c.title,
          ...categoryShape(
            c.leadUnitCode,
            (aspectsByCategory.get(c.id) ?? []).map((a) => ({
              code: a.code,
              title: a.title,
              leadUnit: a.leadUnitCode,
              implicit: a.implicit,
              problems: (problemsByAspect.get(a.id) ?? []).map((p) => ({
                code: p.code,
                title: p.title,
                track: p.track,
                rootCause: p.rootCause,
                ...problemSourceView(p, sourceCodes),
                progress: progress.progress.get(p.id),
                measures: (measuresByProblem.get(p.id) ?? []).map((m) => ({
                  id: m.id,
                  code: m.code,
                  title: m.title,
                  leadUnit: m.leadUnitCode,
                  leadLeader: m.leadLeader,
                  dueAt: m.dueAt.toISOString(),
                  status: m.status,
                  overdueLevel: m.overdueLevel,
                  parentMeasureId: m.parentMeasureId,
                })),
              })),
            })),
          ),
        })),
    };
  }
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}
