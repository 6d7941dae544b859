// Who may do what (谁能做什么): the rules as data, pure so the API guard, the repositories' row
// filters and the tests read the same table. A role grants actions; a scope limits which measures
// the actions reach.
import type { MeasureCommand } from './measure-status';

export const ROLES = [
  'admin', // 系统管理员: runs the installation; every action, every measure
  'office', // 整改办: imports plans, manages every measure, verifies, triages feedback, reads the audit log
  'lead_leader', // 牵头领导: reads the measures where they are the lead leader
  'unit', // 责任单位: reports on measures of its units and their sub-units
  'verifier', // 验收: verifies measures of the units assigned to it
  'discipline', // 纪委监委: reads measures in its jurisdiction, records referral outcomes
  'public', // 群众: submits feedback and follows it by tracking code; no sign-in
] as const;
export type Role = (typeof ROLES)[number];

export const ACTIONS = [
  'plan:read',
  'plan:import',
  'plan:publish', // 公开: release a plan's public bulletin as of a date, or withdraw it
  'measure:read',
  'measure:report', // progress, completion claims, extension and withdrawal requests, decomposition
  'measure:verify', // accept or reject a claim, look-back
  'measure:manage', // decide requests, reassign, change deadlines, close, withdraw, apply policies
  'measure:record-referral', // 线索核实: the outcome of an item handed to the discipline body
  'measure:acknowledge', // 签收 or 退回 an assignment, as its lead unit itself (actsForLeadUnit)
  'measure:adjust-target', // 目标调整: change an indicator's target, with a reason and an approver
  'evidence:upload',
  'evidence:read',
  'feedback:submit',
  'feedback:track',
  'feedback:read',
  'feedback:triage',
  'audit:read',
  'audit:verify',
  'token:manage', // API tokens for integrations
  'user:manage',
  'account:self', // read one's own account, change one's own password
  'inbox:self', // one's own inbox and notification settings
  'people:manage', // persons, posts and their holders, channels: who is told what
  'delivery:read', // deliveries of every notice, and the gaps (posts nobody holds)
  'delivery:retry', // send a dead delivery again
  'calendar:manage', // working calendars (工作日历): holidays and 调休 days; re-arms the measures on them
  'spot:manage', // 暗访督查: rounds, their draw, findings, and the notices they issue
  'spot:read', // spot-inspection rounds with their findings and figures
  'discipline:manage', // discipline bodies, their jurisdiction and who acts for each
  'case:read', // accountability cases (问责案件): of every body, or a body's own jurisdiction
  'case:refer', // refer a measure to its discipline body by hand, with a reason
  'case:act', // as a body: persons concerned, decisions, reviews (提级审核), corrections, conclusion
  'lead:register', // 问题线索台账: register leads handed over by an inspection, and later additions
  'lead:verify', // 逐条核实: record a lead's outcome as the body it went to
  'figures:read', // discipline figures (查处…件…人) and the 问责泛化 report
  'figures:enter', // aggregate figures of bodies whose cases are handled outside Rectify
  'codec:use', // decrypt and encrypt Temporal payloads (the Web UI's codec endpoint)
  'instruction:issue', // 批示: record a leader's instruction on a plan, a problem or a measure
  'instruction:answer', // 落实情况: answer an instruction as a responsible unit (or the office)
  'instruction:read', // instructions and their answers
  'assessment:manage', // 考评: a plan's assessment rule (weights, caps) and publishing a period's ranking
] as const;
export type Action = (typeof ACTIONS)[number];

// What a signed-in user, an API token or an anonymous caller may do, and where.
export interface Principal {
  readonly kind: 'user' | 'api_token' | 'anonymous';
  readonly id: string;
  readonly role: Role;
  // unit, verifier: the units whose measures they work on; discipline: its jurisdiction.
  // Each unit's sub-units (the plan's unit tree) are included.
  readonly units: readonly string[];
  // lead_leader: the name measures carry in `leadLeader` (e.g. 分管副省长).
  readonly leaderName: string | null;
}

export const ANONYMOUS: Principal = {
  kind: 'anonymous',
  id: 'anonymous',
  role: 'public',
  units: [],
  leaderName: null,
};

const EVERYONE_SIGNED_IN: readonly Action[] = [
  'plan:read',
  'feedback:submit',
  'feedback:track',
  'account:self',
  'inbox:self',
];

const GRANTS: Record<Role, readonly Action[]> = {
  admin: ACTIONS,
  office: [
    ...EVERYONE_SIGNED_IN,
    'plan:import',
    'plan:publish',
    'measure:read',
    'measure:verify',
    'measure:manage',
    'measure:adjust-target',
    'evidence:upload',
    'evidence:read',
    'feedback:read',
    'feedback:triage',
    'audit:read',
    'audit:verify',
    'token:manage',
    'people:manage',
    'delivery:read',
    'delivery:retry',
    'calendar:manage',
    'spot:manage',
    'spot:read',
    'discipline:manage',
    'case:read',
    'case:refer',
    'lead:register',
    'figures:read',
    'figures:enter',
    'codec:use',
    'instruction:issue',
    'instruction:answer',
    'instruction:read',
    'assessment:manage',
  ],
  lead_leader: [
    ...EVERYONE_SIGNED_IN,
    'measure:read',
    'evidence:read',
    'instruction:issue',
    'instruction:read',
  ],
  unit: [
    ...EVERYONE_SIGNED_IN,
    'measure:read',
    'measure:report',
    'measure:acknowledge',
    'evidence:upload',
    'evidence:read',
    'instruction:answer',
    'instruction:read',
  ],
  verifier: [...EVERYONE_SIGNED_IN, 'measure:read', 'measure:verify', 'evidence:upload', 'evidence:read'],
  discipline: [
    ...EVERYONE_SIGNED_IN,
    'measure:read',
    'measure:record-referral',
    'evidence:upload',
    'evidence:read',
    'spot:read',
    'case:read',
    'case:act',
    'lead:verify',
    'figures:read',
    'figures:enter',
  ],
  public: ['feedback:submit', 'feedback:track'],
};

// Every measure command the workflow accepts needs one action; a new command without one does not
// compile, so nothing becomes callable by accident.
export const MEASURE_COMMAND_ACTION: Record<MeasureCommand, Action> = {
  reportProgress: 'measure:report',
  claimCompletion: 'measure:report',
  requestExtension: 'measure:report',
  requestWithdrawal: 'measure:report',
  reportMaterialChange: 'measure:report',
  recordReview: 'measure:report',
  decompose: 'measure:report',
  verify: 'measure:verify',
  recordLookBack: 'measure:verify',
  decideExtension: 'measure:manage',
  decideWithdrawal: 'measure:manage',
  reassign: 'measure:manage',
  close: 'measure:manage',
  changeDeadline: 'measure:manage',
  withdraw: 'measure:manage',
  scheduleLookBack: 'measure:manage',
  applyPolicy: 'measure:manage',
  applyCalendar: 'measure:manage',
  recordReferralOutcome: 'measure:record-referral',
  acknowledge: 'measure:acknowledge',
  returnAssignment: 'measure:acknowledge',
  confirmAssignment: 'measure:manage',
  adjustIndicatorTarget: 'measure:adjust-target',
};

// 签收 and 退回 are the responsible unit's own word: given only by a principal of the measure's
// lead unit itself, not by a co-unit, a unit above it, or anyone on its behalf (an admin holds
// the action but acts for no unit).
export function actsForLeadUnit(p: Principal, leadUnitCode: string): boolean {
  return p.units.includes(leadUnitCode);
}

// Which measures a principal reaches: a filter the repositories apply in SQL, and the same rule
// for single reads and commands (`measureInScope`).
export type MeasureScope =
  | { readonly kind: 'all' }
  | { readonly kind: 'none' }
  // Measures whose lead unit or a co-unit is one of these units or below one of them.
  | { readonly kind: 'units'; readonly unitCodes: readonly string[] }
  | { readonly kind: 'lead_leader'; readonly leaderName: string };

export function measureScope(p: Principal): MeasureScope {
  switch (p.role) {
    case 'admin':
    case 'office':
      return { kind: 'all' };
    case 'unit':
    case 'verifier':
    case 'discipline':
      return p.units.length ? { kind: 'units', unitCodes: [...p.units] } : { kind: 'none' };
    case 'lead_leader':
      return p.leaderName ? { kind: 'lead_leader', leaderName: p.leaderName } : { kind: 'none' };
    case 'public':
      return { kind: 'none' };
  }
}

// A measure as the rules see it. `unitLineage` holds its lead unit and co-units together with every
// ancestor of each in its plan's unit tree, so "a unit or one of its sub-units" is a set test.
export interface MeasureFacts {
  readonly leadLeader: string;
  readonly unitLineage: readonly string[];
}

export function measureInScope(scope: MeasureScope, m: MeasureFacts): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'none':
      return false;
    case 'units':
      return scope.unitCodes.some((u) => m.unitLineage.includes(u));
    case 'lead_leader':
      return m.leadLeader === scope.leaderName;
  }
}

// Role-level: may this principal perform the action on anything at all? (What the route guard asks.)
// With a measure: may it perform the action on this one?
export function can(p: Principal, action: Action, measure?: MeasureFacts): boolean {
  if (!GRANTS[p.role].includes(action)) return false;
  return measure === undefined || measureInScope(measureScope(p), measure);
}

// The codes and all their ancestors, following `parent` links in one plan's unit tree.
export function unitLineage(
  codes: readonly string[],
  tree: readonly { readonly code: string; readonly parent: string | null }[],
): string[] {
  const parentOf = new Map(tree.map((u) => [u.code, u.parent]));
  const seen = new Set<string>();
  for (const code of codes) {
    // Bounded by the tree size, so a cycle in bad data cannot loop forever.
    let current: string | null | undefined = code;
    while (current && !seen.has(current)) {
      seen.add(current);
      current = parentOf.get(current);
    }
  }
  return [...seen];
}

// Who may hand out which role in an API token or an account: an office cannot mint an admin.
export function canGrantRole(p: Principal, role: Role): boolean {
  if (role === 'public') return false;
  return p.role === 'admin' || (p.role === 'office' && role !== 'admin');
}

// A principal's scope as stored with a token or account must make sense for its role.
export function scopeProblem(role: Role, units: readonly string[], leaderName: string | null): string | null {
  const needsUnits = role === 'unit' || role === 'verifier' || role === 'discipline';
  if (needsUnits && units.length === 0) return `role ${role} needs at least one unit code`;
  if (!needsUnits && units.length > 0) return `role ${role} is not scoped to units`;
  if (role === 'lead_leader' && !leaderName)
    return 'role lead_leader needs the leader name its measures carry';
  if (role !== 'lead_leader' && leaderName) return `role ${role} has no leader name`;
  return null;
}

// The measures of one plan a principal may see, given the plan's unit tree: for views that load a
// whole plan at once rather than listing through the repository's filter.
export function visibleMeasures<
  M extends {
    readonly leadLeader: string;
    readonly leadUnitCode: string;
    readonly coUnitCodes: readonly string[];
  },
>(
  p: Principal,
  measures: readonly M[],
  tree: readonly { readonly code: string; readonly parent: string | null }[],
): M[] {
  const scope = measureScope(p);
  if (scope.kind === 'all') return [...measures];
  return measures.filter((m) =>
    measureInScope(scope, {
      leadLeader: m.leadLeader,
      unitLineage: unitLineage([m.leadUnitCode, ...m.coUnitCodes], tree),
    }),
  );
}

// The rows of a per-unit report of one plan (a reporting roll-up: 旬报 / 月通报) a principal may
// read, by the measure rule: the office and admins every row; units, verifiers and discipline
// bodies the rows of their units and the units below; a lead leader the rows of units whose
// measures they lead.
export function visibleUnitRows<R extends { readonly code: string; readonly leaders: readonly string[] }>(
  p: Principal,
  rows: readonly R[],
  tree: readonly { readonly code: string; readonly parent: string | null }[],
): R[] {
  const scope = measureScope(p);
  if (scope.kind === 'all') return [...rows];
  return rows.filter((r) => {
    const lineage = unitLineage([r.code], tree);
    const leaders = r.leaders.length ? r.leaders : [''];
    return leaders.some((leadLeader) => measureInScope(scope, { leadLeader, unitLineage: lineage }));
  });
}

// The problem tree of one plan a principal may see, given the measures it may see: the office and
// admins see every category, aspect and problem (empty ones too); everyone else only the problems
// that hold one of its measures, with their aspects and categories, so a unit learns nothing of
// the problems and root causes of other units.
export function visibleProblemTree<
  G extends { readonly id: string; readonly parentId: string | null },
  P extends { readonly id: string; readonly aspectId: string },
>(
  p: Principal,
  tree: { readonly groups: readonly G[]; readonly problems: readonly P[] },
  measures: readonly { readonly problemId: string }[],
): { groups: G[]; problems: P[] } {
  if (measureScope(p).kind === 'all') return { groups: [...tree.groups], problems: [...tree.problems] };
  const problemIds = new Set(measures.map((m) => m.problemId));
  const problems = tree.problems.filter((pr) => problemIds.has(pr.id));
  const groupById = new Map(tree.groups.map((g) => [g.id, g]));
  const keep = new Set<string>();
  for (const pr of problems) {
    // Bounded by the number of groups, so a cycle in bad data cannot loop forever.
    let current: string | null = pr.aspectId;
    while (current && !keep.has(current) && groupById.has(current)) {
      keep.add(current);
      current = groupById.get(current)!.parentId;
    }
  }
  return { groups: tree.groups.filter((g) => keep.has(g.id)), problems };
}
