// The answers the discipline desk reads (apps/api/src/discipline/*-view.ts).
import type {
  BodyKind,
  BodyLevel,
  CadreLevel,
  DecisionForm,
  DecisionState,
  LeadOutcome,
  PersonRelation,
} from '../../../../../libs/domain/src/accountability';

export interface CaseSummary {
  readonly id: string;
  readonly origin: 'ladder' | 'manual' | 'lead';
  readonly status: 'open' | 'concluded';
  readonly bodyCode: string | null;
  readonly planId: string | null;
  readonly measureId: string | null;
  readonly leadId: string | null;
  readonly reason: string | null;
  readonly openedBy: string;
  readonly openedAt: string;
  readonly dueAt: string;
  readonly concludedAt: string | null;
}

export interface BodyView {
  readonly code: string;
  readonly name: string;
  readonly kind: BodyKind;
  readonly level: BodyLevel;
  readonly parent: string | null;
  readonly jurisdiction: readonly string[];
}

export interface CasePerson {
  readonly id: string;
  readonly name: string;
  readonly post: string;
  readonly cadreLevel: CadreLevel;
  readonly partyMember: boolean;
  readonly relation: PersonRelation;
}

export interface CaseDecision {
  readonly id: string;
  readonly personId: string;
  readonly form: DecisionForm;
  readonly subForm: string | null;
  readonly reasonCode: string | null;
  readonly statement: string | null;
  readonly decidedOn: string;
  readonly bodyCode: string;
  readonly documentNumber: string | null;
  readonly state: DecisionState;
  readonly reviewBodyCode: string | null;
  readonly reviewedAt: string | null;
  readonly reviewReasons: string | null;
  readonly correctsId: string | null;
  readonly correctionReason: string | null;
  readonly recordedAt: string;
}

export interface CaseEvent {
  readonly kind: string;
  readonly actor: string;
  readonly detail: unknown;
  readonly occurredAt: string;
}

export interface CaseFile extends CaseSummary {
  readonly body: BodyView | null;
  readonly measure: {
    readonly id: string;
    readonly code: string;
    readonly title: string;
    readonly leadUnitCode: string;
    readonly leadLeader: string;
    readonly dueAt: string;
    readonly status: string;
  } | null;
  readonly persons: readonly CasePerson[];
  readonly decisions: readonly CaseDecision[];
  readonly events: readonly CaseEvent[];
  readonly timeline: readonly { kind: string; level: number; actor: string; occurredAt: string }[];
}

export interface ProblemLead {
  readonly id: string;
  readonly ref: string;
  readonly problemCode: string | null;
  readonly summary: string | null;
  readonly items: number;
  readonly receivedOn: string;
  readonly bodyCode: string;
  readonly dueAt: string;
  readonly overdue: boolean;
  readonly status: 'pending' | 'verified';
  readonly outcome: LeadOutcome | null;
  readonly outcomeNote: string | null;
  readonly caseId: string | null;
}

export interface SeedFigures {
  readonly cases: number;
  readonly persons: number;
  readonly partyOrGovernmentSanctions: number;
  readonly organisationalHandling: number;
  readonly heldAccountable: number;
  readonly judicialReferrals: number;
}

export interface FiguresAnswer {
  readonly body: { code: string; name: string };
  readonly from: string;
  readonly to: string;
  readonly computed: SeedFigures & { toleratedErrors: number; provisional: number };
  readonly entered: readonly {
    id: string;
    bodyCode: string;
    from: string;
    to: string;
    figures: SeedFigures;
  }[];
  readonly total: SeedFigures;
  readonly byBody: readonly {
    body: { code: string; name: string };
    computed: SeedFigures;
    entered: SeedFigures;
    total: SeedFigures;
  }[];
}
