import { addIsoDuration } from './iso-duration';

// Accountability (问责) at the discipline bodies: who is competent for a case, which decisions
// exist, which need escalated review (提级审核), and the figures the bulletins give. Pure, so the
// API, the case workflow's inputs and the tests read one table. The seed's rules are 问事必问人、
// 问人必问责、问责必到底, and equally its corrections: 防止问责泛化, 提级审核, 容错纠错.

export const BODY_KINDS = [
  'discipline_commission', // 纪委监委: decides 党纪处分 / 政务处分, reviews, refers to judicial organs
  'organisation_department', // 组织部门: 组织处理
] as const;
export type BodyKind = (typeof BODY_KINDS)[number];

// Highest first: a body's level above is the next entry.
export const BODY_LEVELS = ['province', 'city', 'county', 'township'] as const;
export type BodyLevel = (typeof BODY_LEVELS)[number];

// The cadre level of a person concerned (省/市/县/乡/村干部).
export const CADRE_LEVELS = ['province', 'city', 'county', 'township', 'village', 'other'] as const;
export type CadreLevel = (typeof CADRE_LEVELS)[number];

// How a person relates to the measure: 问事必问人 asks who answered for it.
export const PERSON_RELATIONS = [
  'principal', // 主要负责人 of a unit concerned
  'leader_in_charge', // 分管领导
  'direct', // 直接责任人
  'other',
] as const;
export type PersonRelation = (typeof PERSON_RELATIONS)[number];

export const DECISION_FORMS = [
  'no_action', // 不予问责
  'tolerated_error', // 容错免责: needs a qualifying reason and a statement
  'criticism_education', // 批评教育
  'admonishment_talk', // 诫勉谈话
  'organisational_handling', // 组织处理 (with its form)
  'party_discipline', // 党纪处分 (with its form)
  'government_sanction', // 政务处分 (with its form)
  'judicial_referral', // 移送司法机关
] as const;
export type DecisionForm = (typeof DECISION_FORMS)[number];

// The forms a decision of each kind takes; an empty list takes none.
export const DECISION_SUB_FORMS: Record<DecisionForm, readonly string[]> = {
  no_action: [],
  tolerated_error: [],
  criticism_education: [],
  admonishment_talk: [],
  organisational_handling: ['停职检查', '调整职务', '责令辞职', '降职', '免职'],
  party_discipline: ['警告', '严重警告', '撤销党内职务', '留党察看', '开除党籍'],
  government_sanction: ['警告', '记过', '记大过', '降级', '撤职', '开除'],
  judicial_referral: [],
};

// A sanction is anything but 不予问责 and 容错免责: what "held accountable" counts.
export function isSanction(form: DecisionForm): boolean {
  return form !== 'no_action' && form !== 'tolerated_error';
}

// The qualifying reasons for 容错免责, as data: an installation may keep its own list.
export interface ToleratedErrorReason {
  readonly code: string;
  readonly label: string;
}

export const DEFAULT_TOLERATED_ERROR_REASONS: readonly ToleratedErrorReason[] = [
  { code: 'pioneering_reform', label: '在改革创新、先行先试中出现失误，未违反法律法规禁止性规定' },
  { code: 'collective_decision', label: '经集体决策、依规履行程序后出现失误' },
  { code: 'self_corrected', label: '主动发现、及时纠正，未造成严重后果' },
  { code: 'unforeseeable', label: '因不可预见因素出现失误，已尽到职责' },
];

// 提级审核: a decision of these forms on a cadre of this level is provisional until a body of the
// reviewer level confirms it. The seed: 村干部…给予党纪政务处理的，报县纪委审核把关，乡（镇）
// 干部报市州纪委审核把关.
export interface ReviewRule {
  readonly cadreLevel: CadreLevel;
  readonly forms: readonly DecisionForm[];
  readonly reviewerLevel: BodyLevel;
}

export const DEFAULT_REVIEW_RULES: readonly ReviewRule[] = [
  { cadreLevel: 'village', forms: ['party_discipline', 'government_sanction'], reviewerLevel: 'county' },
  { cadreLevel: 'township', forms: ['party_discipline', 'government_sanction'], reviewerLevel: 'city' },
];

export interface BodyFacts {
  readonly code: string;
  readonly kind: BodyKind;
  readonly level: BodyLevel;
  readonly parent: string | null;
  // Unit codes: the body is competent for these units and every unit below them.
  readonly jurisdiction: readonly string[];
}

// The body at `level` that oversees `bodyCode`: the body itself or the nearest ancestor at that
// level. Null when the chain has no body at that level.
export function bodyAtLevel(
  bodies: readonly BodyFacts[],
  bodyCode: string,
  level: BodyLevel,
): BodyFacts | null {
  const byCode = new Map(bodies.map((b) => [b.code, b]));
  const seen = new Set<string>();
  let current = byCode.get(bodyCode);
  while (current && !seen.has(current.code)) {
    if (current.level === level) return current;
    seen.add(current.code);
    current = current.parent ? byCode.get(current.parent) : undefined;
  }
  return null;
}

// Whether `ancestor` is `body` or one of the bodies above it.
export function oversees(bodies: readonly BodyFacts[], ancestor: string, body: string): boolean {
  const byCode = new Map(bodies.map((b) => [b.code, b]));
  const seen = new Set<string>();
  let current = byCode.get(body);
  while (current && !seen.has(current.code)) {
    if (current.code === ancestor) return true;
    seen.add(current.code);
    current = current.parent ? byCode.get(current.parent) : undefined;
  }
  return false;
}

// The discipline commission competent for a measure: the one whose jurisdiction holds the unit
// nearest the measure's lead unit. `lineage` is the lead unit first, then its ancestors.
export function competentBody(bodies: readonly BodyFacts[], lineage: readonly string[]): BodyFacts | null {
  const commissions = bodies.filter((b) => b.kind === 'discipline_commission');
  for (const unit of lineage) {
    const holding = commissions.filter((b) => b.jurisdiction.includes(unit));
    if (holding.length)
      // Two bodies naming the same unit: the lower level is nearer the case.
      return [...holding].sort((a, b) => BODY_LEVELS.indexOf(b.level) - BODY_LEVELS.indexOf(a.level))[0];
  }
  return null;
}

// Every reason a body tree cannot be kept: unknown parents, a parent not above its child, cycles.
export function bodyTreeProblems(bodies: readonly BodyFacts[]): { code: string; message: string }[] {
  const byCode = new Map(bodies.map((b) => [b.code, b]));
  const problems: { code: string; message: string }[] = [];
  for (const b of bodies) {
    if (!b.parent) continue;
    const parent = byCode.get(b.parent);
    if (!parent) {
      problems.push({ code: b.code, message: `parent body ${b.parent} does not exist` });
      continue;
    }
    if (BODY_LEVELS.indexOf(parent.level) >= BODY_LEVELS.indexOf(b.level))
      problems.push({
        code: b.code,
        message: `parent body ${parent.code} (${parent.level}) is not above ${b.code} (${b.level})`,
      });
  }
  return problems;
}

export interface DecisionDraft {
  readonly form: string;
  readonly subForm?: string | null;
  readonly reasonCode?: string | null;
  readonly statement?: string | null;
  readonly documentNumber?: string | null;
}

// Every reason a decision cannot be recorded, each naming its field.
export function decisionProblems(
  d: DecisionDraft,
  reasons: readonly ToleratedErrorReason[] = DEFAULT_TOLERATED_ERROR_REASONS,
): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  if (!(DECISION_FORMS as readonly string[]).includes(d.form)) {
    problems.push({
      path: 'form',
      message: `unknown decision form ${d.form}; one of ${DECISION_FORMS.join(', ')}`,
    });
    return problems;
  }
  const form = d.form as DecisionForm;
  const subForms = DECISION_SUB_FORMS[form];
  if (subForms.length && !d.subForm)
    problems.push({
      path: 'subForm',
      message: `a ${form} decision needs its form: one of ${subForms.join('、')}`,
    });
  else if (subForms.length && d.subForm && !subForms.includes(d.subForm))
    problems.push({
      path: 'subForm',
      message: `${d.subForm} is not a form of ${form}: one of ${subForms.join('、')}`,
    });
  else if (!subForms.length && d.subForm)
    problems.push({ path: 'subForm', message: `a ${form} decision takes no sub-form` });
  if (form === 'tolerated_error') {
    if (!d.reasonCode)
      problems.push({
        path: 'reasonCode',
        message: `容错免责 needs a qualifying reason: one of ${reasons.map((r) => r.code).join(', ')}`,
      });
    else if (!reasons.some((r) => r.code === d.reasonCode))
      problems.push({
        path: 'reasonCode',
        message: `${d.reasonCode} is not a qualifying reason: one of ${reasons.map((r) => r.code).join(', ')}`,
      });
    if (!d.statement?.trim())
      problems.push({ path: 'statement', message: '容错免责 needs a statement of the facts' });
  } else if (d.reasonCode) {
    problems.push({
      path: 'reasonCode',
      message: `only a tolerated_error decision names a qualifying reason`,
    });
  }
  if (isSanction(form) && !d.documentNumber?.trim())
    problems.push({ path: 'documentNumber', message: `a ${form} decision needs its document number (文号)` });
  return problems;
}

// Which level must review a decision, or null when it is final as made: no rule applies, or the
// deciding body already sits at or above the reviewer level.
export function reviewLevelFor(
  rules: readonly ReviewRule[],
  cadreLevel: CadreLevel,
  form: DecisionForm,
  decidingLevel: BodyLevel,
): BodyLevel | null {
  const rule = rules.find((r) => r.cadreLevel === cadreLevel && r.forms.includes(form));
  if (!rule) return null;
  return BODY_LEVELS.indexOf(decidingLevel) <= BODY_LEVELS.indexOf(rule.reviewerLevel)
    ? null
    : rule.reviewerLevel;
}

export const DECISION_STATES = [
  'provisional', // waiting for 提级审核
  'final', // in force
  'overturned', // the review overturned it; the case went back to the deciding body
  'corrected', // replaced by a later correction; both stay on record
] as const;
export type DecisionState = (typeof DECISION_STATES)[number];

// A decision as the figures read it.
export interface DecisionFacts {
  readonly caseId: string;
  readonly personId: string;
  readonly cadreLevel: CadreLevel;
  readonly relation: PersonRelation;
  readonly form: DecisionForm;
  readonly state: DecisionState;
}

// The seed's figures (查处…N件M人，其中党纪政务处分…人，组织处理…人，问责…人，移送司法机关…人):
// a person counts once per figure, however many decisions put them there.
export interface DisciplineFigures {
  readonly cases: number;
  readonly persons: number;
  readonly partyOrGovernmentSanctions: number; // 党纪政务处分
  readonly organisationalHandling: number; // 组织处理
  readonly heldAccountable: number; // 问责: any sanction
  readonly judicialReferrals: number; // 移送司法机关
  readonly toleratedErrors: number; // 容错免责
  readonly provisional: number; // decisions waiting for review, not counted above
}

export const FIGURE_FORMS: Record<
  'partyOrGovernmentSanctions' | 'organisationalHandling' | 'judicialReferrals' | 'toleratedErrors',
  readonly DecisionForm[]
> = {
  partyOrGovernmentSanctions: ['party_discipline', 'government_sanction'],
  organisationalHandling: ['organisational_handling'],
  judicialReferrals: ['judicial_referral'],
  toleratedErrors: ['tolerated_error'],
};

// Counts decisions in force (final); a provisional one is counted apart, an overturned or
// corrected one not at all.
export function disciplineFigures(
  cases: readonly string[],
  persons: readonly string[],
  decisions: readonly DecisionFacts[],
): DisciplineFigures {
  const inForce = decisions.filter((d) => d.state === 'final');
  const personsWith = (forms: readonly DecisionForm[] | ((f: DecisionForm) => boolean)) =>
    new Set(
      inForce
        .filter((d) => (typeof forms === 'function' ? forms(d.form) : forms.includes(d.form)))
        .map((d) => d.personId),
    ).size;
  return {
    cases: new Set(cases).size,
    persons: new Set(persons).size,
    partyOrGovernmentSanctions: personsWith(FIGURE_FORMS.partyOrGovernmentSanctions),
    organisationalHandling: personsWith(FIGURE_FORMS.organisationalHandling),
    heldAccountable: personsWith(isSanction),
    judicialReferrals: personsWith(FIGURE_FORMS.judicialReferrals),
    toleratedErrors: personsWith(FIGURE_FORMS.toleratedErrors),
    provisional: decisions.filter((d) => d.state === 'provisional').length,
  };
}

const FRONT_LINE: readonly CadreLevel[] = ['township', 'village'];
const LEADING_RELATIONS: readonly PersonRelation[] = ['principal', 'leader_in_charge'];

// 问责泛化: sanctions by the level of the persons concerned, flagged when front-line cadres carry
// most of them while no leader of a unit concerned (主要负责人, 分管领导) carries any.
export interface OverBroadReport {
  readonly byCadreLevel: Record<CadreLevel, number>;
  readonly frontLine: number;
  readonly leaders: number;
  readonly total: number;
  readonly flagged: boolean;
  readonly reason: string | null;
}

export function overBroadReport(decisions: readonly DecisionFacts[]): OverBroadReport {
  const sanctioned = decisions.filter((d) => d.state === 'final' && isSanction(d.form));
  const byPerson = new Map<string, DecisionFacts>();
  for (const d of sanctioned) byPerson.set(d.personId, d);
  const persons = [...byPerson.values()];
  const byCadreLevel = Object.fromEntries(CADRE_LEVELS.map((l) => [l, 0])) as Record<CadreLevel, number>;
  for (const p of persons) byCadreLevel[p.cadreLevel]++;
  const frontLine = persons.filter((p) => FRONT_LINE.includes(p.cadreLevel)).length;
  const leaders = persons.filter((p) => LEADING_RELATIONS.includes(p.relation)).length;
  const total = persons.length;
  const flagged = total > 0 && frontLine * 2 > total && leaders === 0;
  return {
    byCadreLevel,
    frontLine,
    leaders,
    total,
    flagged,
    reason: flagged
      ? `front-line cadres (township, village) carry ${frontLine} of ${total} sanctions while no leader of a unit concerned carries any (问责泛化)`
      : null,
  };
}

// 问题线索 verification (逐条核实).
export const LEAD_OUTCOMES = [
  'substantiated', // 属实: opens a case
  'partly_substantiated', // 部分属实: opens a case
  'unsubstantiated', // 不属实
  'closed', // 了结
] as const;
export type LeadOutcome = (typeof LEAD_OUTCOMES)[number];

export function leadOpensCase(outcome: LeadOutcome): boolean {
  return outcome === 'substantiated' || outcome === 'partly_substantiated';
}

// A case's own clock: how long the body has to conclude it, its reminders before that, and when
// the body of the level above is told it is late. Offsets are ISO-8601 durations.
export interface CaseClockPolicy {
  readonly deadline: string;
  readonly reminders: readonly string[];
  readonly escalateAfter: string;
}

export const DEFAULT_CASE_POLICY: CaseClockPolicy = {
  deadline: 'P3M',
  reminders: ['-P14D', '-P3D'],
  escalateAfter: 'P15D',
};

export const CASE_STEP_KINDS = [
  'case_reminder', // before the deadline, to the body
  'case_overdue', // at the deadline, to the body
  'case_escalated', // after `escalateAfter`, to the body of the level above (or the office)
] as const;
export type CaseStepKind = (typeof CASE_STEP_KINDS)[number];

export interface CaseStep {
  readonly key: string;
  readonly kind: CaseStepKind;
  readonly fireAtMs: number;
}

// The steps of a case due at `dueAtMs`, in firing order.
export function caseSteps(dueAtMs: number, policy: CaseClockPolicy): CaseStep[] {
  return [
    ...policy.reminders.map((offset) => ({
      key: `case_reminder@${offset}`,
      kind: 'case_reminder' as const,
      fireAtMs: addIsoDuration(dueAtMs, offset),
    })),
    { key: 'case_overdue@PT0S', kind: 'case_overdue' as const, fireAtMs: dueAtMs },
    {
      key: `case_escalated@${policy.escalateAfter}`,
      kind: 'case_escalated' as const,
      fireAtMs: addIsoDuration(dueAtMs, policy.escalateAfter),
    },
  ].sort((a, b) => a.fireAtMs - b.fireAtMs);
}

// Every reason a case policy cannot drive a clock, each naming its field.
export function casePolicyProblems(policy: CaseClockPolicy): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const check = (path: string, offset: string, ok: (ms: number) => boolean, expected: string) => {
    let ms: number;
    try {
      ms = addIsoDuration(0, offset);
    } catch (e) {
      problems.push({ path, message: (e as Error).message });
      return;
    }
    if (!ok(ms)) problems.push({ path, message: `${expected}, got ${offset}` });
  };
  check('deadline', policy.deadline, (ms) => ms > 0, 'a case needs time to conclude (e.g. P3M)');
  policy.reminders.forEach((r, i) =>
    check(`reminders.${i}`, r, (ms) => ms < 0, 'a reminder comes before the deadline (e.g. -P3D)'),
  );
  check(
    'escalateAfter',
    policy.escalateAfter,
    (ms) => ms >= 0,
    'escalation comes at or after the deadline (e.g. P15D)',
  );
  return problems;
}
