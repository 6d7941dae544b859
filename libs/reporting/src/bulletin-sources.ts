// The bulletin's opening in the words of each source's kind (a 巡察 is 开展巡察, a 督查 开展专项督查),
// the plan's own level labels (梳理为4类10项30个问题), and the counts by source.
import { planSources, SOURCE_KIND_WORDING, type PlanSource } from '../../domain/src/plan-sources';
import { DEFAULT_LEVEL_LABELS } from '../../domain/src/plan-tree-shape';
import type { PlanReport } from './plan-report';
import { zhDate } from './report-document';

function sourcesOf(r: PlanReport): readonly PlanSource[] {
  return r.sources?.sources ?? planSources({ inspection: r.inspection });
}

// "2018年10月17日至2018年11月30日，中央第一巡视组对中共甘肃省委开展巡视，2019年1月18日反馈了巡视意见。"
export function sourceOpening(r: PlanReport): string {
  const clauses = sourcesOf(r).map((s) => {
    const w = SOURCE_KIND_WORDING[s.kind];
    const period =
      s.from && s.to ? `${zhDate(s.from)}至${zhDate(s.to)}，` : s.from ? `${zhDate(s.from)}起，` : '';
    const feedback = s.feedbackDate ? `，${zhDate(s.feedbackDate)}反馈了${w.findings}` : '';
    return `${period}${s.body}对${s.inspectedOrganisation}${w.action}${feedback}`;
  });
  return `${clauses.join('；')}。`;
}

// "将巡视反馈问题梳理为4大类10个方面30个问题": one source's kind names the problems; several are 上述.
// `count` says one level's figure with its label (a declared total beside the ledger's, say).
export function problemTreePhrase(
  r: PlanReport,
  count: (level: TreeLevel, label: string) => string = (level, label) => `${r.totals[level]}${label}`,
): string {
  const sources = sourcesOf(r);
  const l = r.sources?.labels ?? DEFAULT_LEVEL_LABELS;
  const which =
    sources.length === 1 ? `${SOURCE_KIND_WORDING[sources[0].kind].short}反馈问题` : '上述反馈问题';
  const aspects = r.totals.aspects ? count('aspects', l.aspect) : '';
  return `将${which}梳理为${count('categories', l.category)}${aspects}${count('problems', l.problem)}`;
}

export type TreeLevel = 'categories' | 'aspects' | 'problems';

// Counts by source when there are several, and what is carried over from earlier plans.
export function sourceBreakdown(r: PlanReport): string | null {
  const f = r.sources;
  if (!f) return null;
  const parts: string[] = [];
  if (f.sources.length > 1)
    parts.push(
      `按问题来源，${f.sources
        .map((s) => `${problemsOf(s)}${s.problems}个（整改措施${s.measures}项，已完成${s.done}项）`)
        .join('；')}（同一问题涉及多个来源的，分别计入）`,
    );
  if (f.carriedOver || f.reopened)
    parts.push(
      `承接此前整改方案问题${f.carriedOver}个${f.reopened ? `，重新整改此前已销号措施${f.reopened}项（不重复计入新措施）` : ''}`,
    );
  return parts.length ? `${parts.join('。')}。` : null;
}

// 省委第三巡察组巡察反馈问题, or a named source's own name: 2018年度成效考核反馈问题.
function problemsOf(s: PlanSource): string {
  return s.name ? `${s.name}反馈问题` : `${s.body}${SOURCE_KIND_WORDING[s.kind].short}反馈问题`;
}
