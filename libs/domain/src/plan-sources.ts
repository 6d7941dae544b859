// Where a plan's problems come from (问题来源): one plan may rectify the findings of several
// supervisions at once (一次整改、一体解决), and a problem may carry over one of an earlier plan.
// Without declared sources, the plan's inspection is its one source, so older plans read as before.
import { z } from 'zod';
import { calendarDate, code, text } from './plan-primitives';

// 巡视, 巡察, 专项督查, 成效考核, 审计, 暗访, other.
export const SOURCE_KINDS = [
  'inspection', // 巡视
  'patrol', // 巡察
  'special_supervision', // 专项督查
  'effectiveness_assessment', // 成效考核
  'audit', // 审计
  'spot_check', // 暗访
  'other', // 其他监督检查
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

// How a bulletin says what the source did and what it handed over: a 巡察 is "开展巡察", not "开展巡视".
// `short` names its problems: 巡视反馈问题, 考核反馈问题.
export const SOURCE_KIND_WORDING: Readonly<
  Record<
    SourceKind,
    { readonly name: string; readonly action: string; readonly findings: string; readonly short: string }
  >
> = {
  inspection: { name: '巡视', action: '开展巡视', findings: '巡视意见', short: '巡视' },
  patrol: { name: '巡察', action: '开展巡察', findings: '巡察意见', short: '巡察' },
  special_supervision: { name: '专项督查', action: '开展专项督查', findings: '督查意见', short: '督查' },
  effectiveness_assessment: {
    name: '成效考核',
    action: '开展成效考核',
    findings: '考核意见',
    short: '考核',
  },
  audit: { name: '审计', action: '开展审计', findings: '审计发现问题', short: '审计' },
  spot_check: { name: '暗访', action: '开展暗访', findings: '暗访发现问题', short: '暗访' },
  other: { name: '监督检查', action: '开展监督检查', findings: '监督检查意见', short: '监督检查' },
};

// How a ledger or bulletin names a source: its own name, or its body and kind.
export function sourceLabel(s: Pick<PlanSource, 'name' | 'body' | 'kind'>): string {
  return s.name ?? `${s.body}${SOURCE_KIND_WORDING[s.kind].name}`;
}

export const planSourceSchema = z.strictObject({
  code,
  kind: z.enum(SOURCE_KINDS),
  // What the office calls it, e.g. 2018年度省级党委和政府扶贫开发工作成效考核.
  name: text(500).optional(),
  // Who supervised (巡视组, 考核组, 审计署……).
  body: text(200),
  // Whom; default: the inspection's inspected organisation.
  inspectedOrganisation: text(200).optional(),
  from: calendarDate.optional(),
  to: calendarDate.optional(),
  feedbackDate: calendarDate.optional(),
});
export type PlanSourceDefinition = z.output<typeof planSourceSchema>;

export const planSourcesSchema = z
  .array(planSourceSchema)
  .min(1, 'declare at least one source, or leave sources out');

// A problem of an earlier plan of the same installation that this one carries over (承接).
export const carriesOverSchema = z.strictObject({ plan: code, problem: code });
export type CarriesOver = z.output<typeof carriesOverSchema>;

// A look-back plan (回头看) reopens a signed-off measure of an earlier plan with this measure's
// deadline instead of following a duplicate.
export const reopensSchema = z.strictObject({ plan: code, measure: code });
export type Reopens = z.output<typeof reopensSchema>;

export interface PlanSource {
  readonly code: string;
  readonly kind: SourceKind;
  readonly name: string | null;
  readonly body: string;
  readonly inspectedOrganisation: string;
  readonly from: string | null;
  readonly to: string | null;
  readonly feedbackDate: string | null;
  // Read from the inspection because the plan declares no sources.
  readonly implicit: boolean;
}

interface SourcedPlan {
  readonly inspection: {
    readonly code: string;
    readonly name: string;
    readonly inspectingBody: string;
    readonly inspectedOrganisation: string;
    readonly onSiteFrom: string;
    readonly onSiteTo: string;
    readonly feedbackDate: string;
  };
  readonly sources?: readonly PlanSourceDefinition[];
}

// The plan's sources: those it declares, or its inspection as the single implicit one.
export function planSources(plan: SourcedPlan): PlanSource[] {
  const ins = plan.inspection;
  if (!plan.sources?.length)
    return [
      {
        code: ins.code,
        kind: 'inspection',
        name: ins.name,
        body: ins.inspectingBody,
        inspectedOrganisation: ins.inspectedOrganisation,
        from: ins.onSiteFrom,
        to: ins.onSiteTo,
        feedbackDate: ins.feedbackDate,
        implicit: true,
      },
    ];
  return plan.sources.map((s) => ({
    code: s.code,
    kind: s.kind,
    name: s.name ?? null,
    body: s.body,
    inspectedOrganisation: s.inspectedOrganisation ?? ins.inspectedOrganisation,
    from: s.from ?? null,
    to: s.to ?? null,
    feedbackDate: s.feedbackDate ?? null,
    implicit: false,
  }));
}

// The sources a problem comes from: those it names, or the plan's only source.
export function problemSourceCodes(
  sources: readonly PlanSource[],
  problem: { readonly sources?: readonly string[] },
): string[] {
  if (problem.sources?.length) return [...problem.sources];
  return sources.length === 1 ? [sources[0].code] : [];
}

interface CheckedProblem {
  readonly code: string;
  readonly sources?: readonly string[];
  readonly carriesOver?: CarriesOver;
  readonly measures: readonly { readonly reopens?: Reopens }[];
}

type Add = (path: PropertyKey[], message: string) => void;

// Source codes unique, dates in order; every problem names known sources (one at least when the
// plan declares several); carry-overs and reopenings point at another plan. Whether that plan,
// problem or measure exists is the importer's question (it reads the installation's plans).
export function checkSources(
  plan: SourcedPlan & { readonly plan: { readonly code: string } },
  problems: readonly { readonly problem: CheckedProblem; readonly path: PropertyKey[] }[],
  add: Add,
): void {
  const sources = planSources(plan);
  const known = new Set<string>();
  (plan.sources ?? []).forEach((s, i) => {
    if (known.has(s.code)) add(['sources', i, 'code'], `duplicate source code ${s.code}`);
    known.add(s.code);
    if (s.from && s.to && s.from > s.to) add(['sources', i, 'to'], 'the source ends before it starts');
    if (s.from && s.feedbackDate && s.feedbackDate < s.from)
      add(['sources', i, 'feedbackDate'], 'feedback comes before the source started');
  });
  const codes = sources.map((s) => s.code);
  for (const { problem, path } of problems) {
    const named = problem.sources ?? [];
    const seen = new Set<string>();
    named.forEach((s, i) => {
      if (!codes.includes(s))
        add(
          [...path, 'sources', i],
          `unknown source ${s}: declare it under sources (known: ${codes.join(', ')})`,
        );
      else if (seen.has(s)) add([...path, 'sources', i], `source ${s} is named twice`);
      seen.add(s);
    });
    if (!named.length && sources.length > 1)
      add(
        [...path, 'sources'],
        `name the source(s) the problem comes from: one or more of ${codes.join(', ')}`,
      );
    if (problem.carriesOver?.plan === plan.plan.code)
      add([...path, 'carriesOver', 'plan'], 'a problem carries over one of an earlier plan, not of its own');
    problem.measures.forEach((m, mi) => {
      if (m.reopens?.plan === plan.plan.code)
        add(
          [...path, 'measures', mi, 'reopens', 'plan'],
          'a measure reopens one of an earlier plan, not of its own',
        );
    });
  }
}
