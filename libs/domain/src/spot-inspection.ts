// 暗访督查: spot-inspection rounds, their findings, the notices a finding issues, the sampling rule
// that plans a round, and the draw that picks its places. Pure rules: the API records what they
// compute. The draw's randomness comes from SHA-256 of the recorded seed, so anyone holding the
// recorded input can re-run it (here or with any SHA-256 tool) and get the same places.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { isOpen, type MeasureStatus } from './measure-status';

// What a finding can issue; each becomes a measure of the round's own plan.
export const NOTICE_KINDS = [
  'task_notice', // 整改任务通知书: a rectification task with its deadline
  'supervision_letter', // 督办函: supervision of a matter already known, addressed higher up
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export const NOTICE_KIND_NAMES: Record<NoticeKind, string> = {
  task_notice: '整改任务通知书',
  supervision_letter: '督办函',
};

// Measure codes in the round's plan say which kind of notice started them.
const NOTICE_CODE_SUFFIX: Record<NoticeKind, string> = { task_notice: 'TN', supervision_letter: 'SL' };

// The span one round covers under a sampling rule: a round lies within one period.
export const SAMPLING_PERIODS = ['month', 'quarter', 'year'] as const;
export type SamplingPeriod = (typeof SAMPLING_PERIODS)[number];

// A sampling rule is data the office keeps with the round: how many places each group visits in
// the period, how many households of each kind it sees at each place, and whether places visited
// by earlier rounds are left out.
export const samplingRuleSchema = z.strictObject({
  placesPerGroup: z.number().int().min(1).max(100),
  // e.g. { "建档立卡户": 3, "边缘户": 2 }: counts to visit; the households are chosen on site.
  householdsPerPlace: z
    .record(
      z.string().trim().min(1, 'a household kind must not be empty').max(32),
      z.number().int().min(0).max(1000),
    )
    .default({}),
  period: z.enum(SAMPLING_PERIODS),
  noRepeatAcrossRounds: z.boolean().default(true),
});
export type SamplingRule = z.output<typeof samplingRuleSchema>;

// The period a day falls in, as a key: 2019-05, 2019-Q2, 2019.
export function periodKey(day: string, period: SamplingPeriod): string {
  const year = day.slice(0, 4);
  const month = Number(day.slice(5, 7));
  switch (period) {
    case 'month':
      return day.slice(0, 7);
    case 'quarter':
      return `${year}-Q${Math.ceil(month / 3)}`;
    case 'year':
      return year;
  }
}

// Everything the draw depends on, recorded with the round so the draw can be re-run.
export interface DrawInput {
  readonly rule: SamplingRule;
  readonly seed: string;
  // The round's groups (督查组), in the round's order.
  readonly groups: readonly string[];
  // Unit codes that may be visited.
  readonly candidates: readonly string[];
  // Unit codes earlier rounds visited (left out when the rule forbids repeats).
  readonly visitedBefore: readonly string[];
}

export interface DrawnPlace {
  readonly unit: string;
  readonly households: Readonly<Record<string, number>>;
}

export interface Draw {
  // Names the procedure below; a different procedure would get another name.
  readonly algorithm: typeof DRAW_ALGORITHM;
  readonly groups: readonly { readonly group: string; readonly places: readonly DrawnPlace[] }[];
  // Candidates left out because an earlier round visited them.
  readonly excluded: readonly string[];
}

export const DRAW_ALGORITHM = 'sha256-fisher-yates-v1';

// The rule asks for more places than the candidates left can give; the message says how many.
export class TooFewCandidatesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TooFewCandidatesError';
  }
}

// Candidates in code order (so their submitted order does not matter), repeats left out when the
// rule says so, shuffled by Fisher–Yates on the seed's stream, then dealt out in blocks of
// placesPerGroup to the groups in order.
export function drawPlaces(input: DrawInput): Draw {
  const visited = new Set(input.visitedBefore);
  const all = [...new Set(input.candidates)].sort(byCode);
  const excluded = input.rule.noRepeatAcrossRounds ? all.filter((u) => visited.has(u)) : [];
  const pool = all.filter((u) => !excluded.includes(u));
  const need = input.groups.length * input.rule.placesPerGroup;
  if (pool.length < need) {
    const left = excluded.length ? ` (${excluded.length} more were visited by earlier rounds)` : '';
    const message =
      `${input.groups.length} group(s) × ${input.rule.placesPerGroup} place(s) need ${need} places; ` +
      `only ${pool.length} candidate(s) remain${left}`;
    throw new TooFewCandidatesError(message);
  }
  const next = seededInts(input.seed);
  for (let i = pool.length - 1; i > 0; i--) {
    const j = next(i + 1);
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  const k = input.rule.placesPerGroup;
  return {
    algorithm: DRAW_ALGORITHM,
    groups: input.groups.map((group, g) => ({
      group,
      places: pool.slice(g * k, (g + 1) * k).map((unit) => ({
        unit,
        households: { ...input.rule.householdsPerPlace },
      })),
    })),
    excluded,
  };
}

// Plain code-point order, the same on every machine and locale.
function byCode(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// Uniform integers in [0, n) from SHA-256(seed ":" counter), 32 bits at a time, with rejection so
// no value is favoured.
export function seededInts(seed: string): (n: number) => number {
  let counter = 0;
  let words: number[] = [];
  const word = (): number => {
    if (!words.length) {
      const block = createHash('sha256').update(`${seed}:${counter++}`, 'utf8').digest();
      words = Array.from({ length: 8 }, (_, i) => block.readUInt32BE(i * 4));
    }
    return words.shift() as number;
  };
  return (n: number) => {
    if (!Number.isInteger(n) || n < 1 || n > 2 ** 32) throw new RangeError(`cannot draw from ${n} values`);
    const limit = Math.floor(2 ** 32 / n) * n;
    for (;;) {
      const w = word();
      if (w < limit) return w % n;
    }
  };
}

// Same input, same draw: what GET /spot-rounds/:code/draw shows.
export function drawMatches(input: DrawInput, recorded: Draw): boolean {
  return JSON.stringify(drawPlaces(input)) === JSON.stringify(recorded);
}

// Where a notice's measure stands, for the round's figures.
export const NOTICE_STATES = ['rectified', 'in_progress', 'overdue', 'withdrawn'] as const;
export type NoticeState = (typeof NOTICE_STATES)[number];

// Rectified: signed off (销号) or closed. Overdue: still open and past its deadline.
export function noticeState(status: MeasureStatus, dueAt: Date, now: Date): NoticeState {
  if (status === 'verified' || status === 'closed') return 'rectified';
  if (status === 'withdrawn') return 'withdrawn';
  if (isOpen(status) && dueAt.getTime() < now.getTime()) return 'overdue';
  return 'in_progress';
}

export interface RoundFigures {
  readonly findings: number;
  readonly noticesIssued: number;
  readonly byKind: Record<NoticeKind, number>;
  readonly rectified: number;
  readonly inProgress: number;
  readonly overdue: number;
  readonly withdrawn: number;
}

export interface FindingFacts {
  readonly noticeKind: NoticeKind | null;
  // The notice's measure as the read model has it; null until it is recorded there.
  readonly measure: { readonly status: MeasureStatus; readonly dueAt: Date } | null;
}

export function roundFigures(findings: readonly FindingFacts[], now: Date): RoundFigures {
  const byKind = Object.fromEntries(NOTICE_KINDS.map((k) => [k, 0])) as Record<NoticeKind, number>;
  const states = Object.fromEntries(NOTICE_STATES.map((s) => [s, 0])) as Record<NoticeState, number>;
  for (const f of findings) {
    if (!f.noticeKind) continue;
    byKind[f.noticeKind]++;
    if (f.measure) states[noticeState(f.measure.status, f.measure.dueAt, now)]++;
  }
  return {
    findings: findings.length,
    noticesIssued: NOTICE_KINDS.reduce((n, k) => n + byKind[k], 0),
    byKind,
    rectified: states.rectified,
    inProgress: states.in_progress,
    overdue: states.overdue,
    withdrawn: states.withdrawn,
  };
}

// The bulletin's sentence on spot inspections (the seed: "已集中组织开展了4轮次的暗访督查，梳理发现
// 具体问题107个，下发整改任务通知书30份"), as at the end of a day: rounds begun, findings made and
// notices issued by then, over every round of the installation.
export interface SpotBulletinFigures {
  readonly rounds: number;
  readonly findings: number;
  readonly notices: Record<NoticeKind, number>;
}

export function spotFiguresAsOf(
  rounds: readonly { readonly startsOn: string }[],
  findings: readonly {
    readonly foundOn: string;
    readonly noticeKind: NoticeKind | null;
    // The day the notice was issued, in the bulletin's time zone.
    readonly issuedOn: string | null;
  }[],
  asOf: string,
): SpotBulletinFigures {
  const notices = Object.fromEntries(NOTICE_KINDS.map((k) => [k, 0])) as Record<NoticeKind, number>;
  for (const f of findings)
    if (f.noticeKind && f.issuedOn !== null && f.issuedOn <= asOf) notices[f.noticeKind]++;
  return {
    rounds: rounds.filter((r) => r.startsOn <= asOf).length,
    findings: findings.filter((f) => f.foundOn <= asOf).length,
    notices,
  };
}

// ---- The round's own plan: one category, an aspect per group, a problem per finding that issued a
// notice, one measure per notice. Built as a plan document and imported like any other plan.

export interface RoundPlanFacts {
  readonly code: string;
  readonly title: string;
  readonly organiser: string;
  readonly inspectedOrganisation: string;
  readonly startsOn: string;
  readonly endsOn: string;
  readonly timeZone: string;
  readonly escalationPolicy: { readonly version: string; readonly steps: readonly object[] } | null;
  readonly units: readonly RoundUnit[];
  readonly groups: readonly { readonly code: string; readonly name: string }[];
}

export interface RoundUnit {
  readonly code: string;
  readonly name: string;
  readonly level: string;
  readonly parent?: string;
}

export interface NoticeMeasureFacts {
  readonly findingCode: string;
  readonly groupCode: string;
  readonly description: string;
  readonly kind: NoticeKind;
  readonly number: string | null;
  readonly title: string | null;
  readonly leadUnit: string;
  readonly leadLeader: string;
  readonly due: string;
  readonly escalationPolicy?: object;
}

export const SPOT_CATEGORY = { code: 'SPOT', title: '暗访督查发现问题' } as const;

export function noticeMeasureCode(findingCode: string, kind: NoticeKind): string {
  return `${findingCode}-${NOTICE_CODE_SUFFIX[kind]}`;
}

// The round's plan document with the notice's measure added, on top of the plan as last applied
// (null before the first notice). The result is a plan document to validate and import.
export function roundPlanWithNotice(
  round: RoundPlanFacts,
  current: RoundPlanDocument | null,
  notice: NoticeMeasureFacts,
): RoundPlanDocument {
  const base: RoundPlanDocument = current ?? {
    formatVersion: 1,
    inspection: {
      code: `${round.code}-INSPECTION`,
      name: round.title,
      inspectingBody: round.organiser,
      inspectedOrganisation: round.inspectedOrganisation,
      onSiteFrom: round.startsOn,
      onSiteTo: round.endsOn,
      feedbackDate: round.endsOn,
    },
    plan: {
      code: round.code,
      title: `${round.title}发现问题整改`,
      timeZone: round.timeZone,
      ...(round.escalationPolicy ? { escalationPolicy: round.escalationPolicy } : {}),
    },
    units: round.units.map((u) => ({ ...u })),
    categories: [],
  };
  const kindName = NOTICE_KIND_NAMES[notice.kind];
  const measure = {
    code: noticeMeasureCode(notice.findingCode, notice.kind),
    title: notice.title ?? `按${kindName}要求整改：${notice.description}`.slice(0, 2000),
    leadLeader: notice.leadLeader,
    leadUnit: notice.leadUnit,
    coUnits: [],
    due: notice.due,
    requirements: notice.number ? `${kindName} ${notice.number}` : kindName,
    ...(notice.escalationPolicy ? { escalationPolicy: notice.escalationPolicy } : {}),
  };
  const problem = {
    code: notice.findingCode,
    title: notice.description,
    track: 'immediate',
    measures: [measure],
  };
  const group = round.groups.find((g) => g.code === notice.groupCode);
  const categories = base.categories.length
    ? base.categories.map((c) => ({ ...c, aspects: [...c.aspects] }))
    : [{ ...SPOT_CATEGORY, aspects: [] as RoundPlanAspect[] }];
  const category = categories[0];
  const aspectIndex = category.aspects.findIndex((a) => a.code === notice.groupCode);
  const aspect: RoundPlanAspect =
    aspectIndex >= 0
      ? category.aspects[aspectIndex]
      : { code: notice.groupCode, title: group?.name ?? notice.groupCode, problems: [] };
  // A notice issued again for the same finding (a retry after a failure) replaces its measure.
  const problems = aspect.problems.filter((p) => p.code !== notice.findingCode);
  const updated = { ...aspect, problems: [...problems, problem] };
  if (aspectIndex >= 0) category.aspects[aspectIndex] = updated;
  else category.aspects.push(updated);
  return { ...base, categories };
}

// Loose shapes: the document is validated by the plan format (validatePlanDefinition) on import.
interface RoundPlanAspect {
  readonly code: string;
  readonly title: string;
  readonly problems: readonly { readonly code: string; readonly [field: string]: unknown }[];
}
export interface RoundPlanDocument {
  readonly formatVersion: 1;
  readonly inspection: Record<string, unknown>;
  readonly plan: Record<string, unknown>;
  readonly units: readonly object[];
  readonly categories: readonly {
    readonly code: string;
    readonly title: string;
    readonly aspects: RoundPlanAspect[];
  }[];
}
