// The fields of GET /measures/:id (apps/api/src/measures/get-measure.use-case.ts), of the live
// workflow state it carries (workflows/measure/measure.contract.ts, MeasureSnapshot), of
// POST /evidence and of GET /plans/:id that the measure detail screen reads.
import type { AcknowledgementStatus } from '../../../../../libs/domain/src/acknowledgement-policy';
import type { MeasureStatus } from '../../../../../libs/domain/src/measure-status';
import type { MeasureSummary } from '../../api/views';
import type { EvidenceKind } from '../../../../../libs/domain/src/evidence-kind';

export type { MeasureSummary };

export interface Indicator {
  readonly code: string;
  readonly name: string;
  readonly unit: string;
  readonly target: number;
  readonly baseline?: number;
  readonly current?: number;
}

export interface Milestone {
  readonly code: string;
  readonly title: string;
  readonly dueAt: string;
  readonly reachedAt?: string | null;
}

export interface Evidence {
  readonly kind: EvidenceKind;
  readonly description: string;
  readonly fileId?: string;
  readonly sha256?: string;
}

export interface MeasureEvent {
  readonly id: string;
  readonly kind: string;
  readonly level: number;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly actor: string;
  readonly detail: Record<string, unknown>;
}

export interface LadderStep {
  readonly kind: string;
  readonly level: number;
  readonly fireAt: string;
  readonly target: string;
  readonly deadline: string;
}

export interface WorkflowState {
  readonly status: MeasureStatus;
  readonly dueAt: string;
  readonly leadUnitCode: string;
  readonly leadLeader: string;
  readonly overdueLevel: number;
  readonly indicators: readonly Indicator[];
  readonly milestones: readonly Milestone[];
  readonly referralItems: readonly { code: string; summary: string; outcome: string | null }[];
  readonly nextStep: LadderStep | null;
  readonly claim: {
    readonly actor: string;
    readonly claimedAt: string;
    readonly evidence: readonly Evidence[];
    readonly explanation: string | null;
    readonly flags: readonly string[];
  } | null;
  readonly signOff: {
    readonly verifier: string;
    readonly approvedAt: string;
    readonly contentHash: string;
  } | null;
  readonly extensionRequest: { actor: string; requestedDueAt: string; reason: string } | null;
  readonly withdrawalRequest: { actor: string; justification: string } | null;
  readonly lookBackDueAt: string | null;
  readonly nextReviewAt: string | null;
  readonly eventSeq: number;
  // 签收: the latest delivery to the lead unit; null (absent on older runs) when none is required.
  readonly acknowledgement?: {
    readonly status: AcknowledgementStatus;
    readonly unitCode: string;
    readonly acknowledgeBy: string;
    readonly returned: { readonly actor: string; readonly reason: string; readonly at: string } | null;
  } | null;
}

export interface MeasureDetail extends MeasureSummary {
  readonly method: string | null;
  readonly requirements: string | null;
  readonly indicators: readonly Indicator[];
  readonly milestones: readonly Milestone[];
  readonly units: readonly { code: string; role: string }[];
  readonly children: readonly MeasureSummary[];
  readonly notifications: readonly {
    addresseeKind: string;
    addressee: string;
    subject: string;
    status: string;
    createdAt: string;
  }[];
  readonly events: readonly MeasureEvent[];
  readonly people: Readonly<Record<string, string>>;
  readonly workflow: WorkflowState | null;
  readonly workflowError: { code: string; message: string } | null;
}

// The answer to a measure command: the workflow's state after it.
export interface CommandAnswer {
  readonly id: string;
  readonly workflow: WorkflowState;
}

// POST /evidence's answer (apps/api/src/evidence/upload-evidence.use-case.ts, evidenceView).
export interface UploadedEvidence {
  readonly id: string;
  readonly name: string;
  readonly contentType: string;
  readonly size: number;
  readonly sha256: string;
}

// What the header reads of GET /plans/:id: the plan's name, zone, units and problem tree.
export interface PlanTree {
  readonly id: string;
  readonly code: string;
  readonly title: string;
  readonly timeZone: string;
  readonly units: readonly { code: string; name: string }[];
  readonly categories: readonly {
    readonly aspects: readonly {
      readonly problems: readonly {
        readonly code: string;
        readonly title: string;
        readonly measures: readonly { readonly id: string }[];
      }[];
    }[];
    // A category holding its problems directly (no aspects).
    readonly problems?: readonly {
      code: string;
      title: string;
      measures: readonly { readonly id: string }[];
    }[];
  }[];
}
