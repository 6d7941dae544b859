// The ledger's 问题清单 columns of where a problem comes from: its sources and the earlier
// plan's problem it carries over (承接), with the measures it reopens there.
import type { PlanDefinition } from '../../domain/src/plan-definition';
import { planSources, problemSourceCodes, sourceLabel } from '../../domain/src/plan-sources';

type Problem = PlanDefinition['categories'][number]['aspects'][number]['problems'][number];

export const PROBLEM_SOURCE_COLUMNS = [
  { header: '问题来源', width: 30 },
  { header: '承接问题', width: 20 },
] as const;

export function problemSourceCells(def: PlanDefinition): (p: Problem) => (string | undefined)[] {
  const sources = planSources(def);
  const label = new Map(sources.map((s) => [s.code, sourceLabel(s)]));
  return (p) => {
    const reopened = p.measures.flatMap((m) => (m.reopens ? [`${m.reopens.plan}/${m.reopens.measure}`] : []));
    const carried = p.carriesOver ? `${p.carriesOver.plan}/${p.carriesOver.problem}` : undefined;
    return [
      problemSourceCodes(sources, p)
        .map((c) => label.get(c) ?? c)
        .join('、'),
      [carried, reopened.length ? `重新整改${reopened.join('、')}` : undefined].filter(Boolean).join('；') ||
        undefined,
    ];
  };
}
