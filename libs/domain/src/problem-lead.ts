import {
  type CaseClockPolicy,
  LEAD_OUTCOMES,
  type LeadOutcome,
  casePolicyProblems,
  caseSteps,
} from './accountability';

// 问题线索台账: leads an inspection handed over, each followed at the body it went to until it is
// verified (逐条核实). Unverified leads escalate like measures: reminded before the verification
// deadline, overdue at it, the body of the level above told after `escalateAfter`.

export const LEAD_STATUSES = ['pending', 'verified'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

// A lead's verification clock has the shape of a case's clock; only the deadline differs.
export type LeadClockPolicy = CaseClockPolicy;

export const DEFAULT_LEAD_POLICY: LeadClockPolicy = {
  deadline: 'P2M',
  reminders: ['-P7D', '-P1D'],
  escalateAfter: 'P15D',
};

export const LEAD_STEP_KINDS = [
  'lead_reminder', // before the verification deadline, to the body
  'lead_overdue', // at the deadline, to the body
  'lead_escalated', // after `escalateAfter`, to the body of the level above (or the office)
] as const;
export type LeadStepKind = (typeof LEAD_STEP_KINDS)[number];

export interface LeadStep {
  readonly key: string;
  readonly kind: LeadStepKind;
  readonly fireAtMs: number;
}

const STEP_KIND = {
  case_reminder: 'lead_reminder',
  case_overdue: 'lead_overdue',
  case_escalated: 'lead_escalated',
} as const;

// The steps of a lead due at `dueAtMs`, in firing order.
export function leadSteps(dueAtMs: number, policy: LeadClockPolicy): LeadStep[] {
  return caseSteps(dueAtMs, policy).map((s) => ({
    key: s.key.replace(/^case_\w+@/, `${STEP_KIND[s.kind]}@`),
    kind: STEP_KIND[s.kind],
    fireAtMs: s.fireAtMs,
  }));
}

// Every reason a lead's policy cannot drive its clock, each naming its field as the API spells it.
export function leadPolicyProblems(policy: LeadClockPolicy): { path: string; message: string }[] {
  return casePolicyProblems(policy).map((p) => ({
    path: p.path === 'deadline' ? 'verifyWithin' : p.path,
    message:
      p.path === 'deadline'
        ? p.message.replace('a case needs time to conclude', 'verification takes time')
        : p.message,
  }));
}

// A lead as the ledger's figures read it.
export interface LeadFacts {
  readonly bodyCode: string;
  readonly items: number;
  readonly status: LeadStatus;
  readonly outcome: LeadOutcome | null;
  readonly dueAtMs: number;
}

export interface LeadFigures {
  readonly bodyCode: string;
  readonly leads: number; // rows: a batch counts once
  readonly items: number; // registered items: a batch counts its items
  readonly verified: Record<LeadOutcome, number>; // items, by outcome
  readonly pending: number; // items not verified yet
  readonly overdue: number; // pending items past their verification deadline
}

// Per body, in code order; counts are items, so a batch of 12 weighs 12.
export function leadFigures(leads: readonly LeadFacts[], nowMs: number): LeadFigures[] {
  const byBody = new Map<string, LeadFacts[]>();
  for (const l of leads) byBody.set(l.bodyCode, [...(byBody.get(l.bodyCode) ?? []), l]);
  return [...byBody.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([bodyCode, rows]) => {
      const sum = (pick: (l: LeadFacts) => boolean) => rows.filter(pick).reduce((n, l) => n + l.items, 0);
      const pending = (l: LeadFacts) => l.status === 'pending';
      return {
        bodyCode,
        leads: rows.length,
        items: sum(() => true),
        verified: Object.fromEntries(
          LEAD_OUTCOMES.map((o) => [o, sum((l) => l.status === 'verified' && l.outcome === o)]),
        ) as Record<LeadOutcome, number>,
        pending: sum(pending),
        overdue: sum((l) => pending(l) && l.dueAtMs <= nowMs),
      };
    });
}
