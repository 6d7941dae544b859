// The measure workflow's contract, shared by the worker and every caller (API, CLI, tests).
// The task queue is configuration (TEMPORAL_TASK_QUEUE, default `rectify`).
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import type {
  AcknowledgementPolicy,
  AcknowledgementStatus,
} from '../../libs/domain/src/acknowledgement-policy';
import type { EscalationPolicy, EscalationStepKind } from '../../libs/domain/src/escalation-ladder';
import type { TargetAdjustment } from '../../libs/domain/src/indicator-target-adjustment';
import type { MeasureLight } from '../../libs/domain/src/measure-light';
import type { MeasureStatus } from '../../libs/domain/src/measure-status';
import type { Track } from '../../libs/domain/src/track';
import type { WorkingCalendar } from '../../libs/domain/src/working-calendar';

export { measureWorkflowId } from '../../libs/domain/src/measure-identity';

export const MEASURE_WORKFLOW_TYPE = 'measureWorkflow';

// Typed search attributes, so `temporal workflow list --query` and the Web UI find measures.
export const SA_PLAN = defineSearchAttributeKey('RectifyPlan', SearchAttributeType.KEYWORD);
export const SA_UNIT = defineSearchAttributeKey('RectifyUnit', SearchAttributeType.KEYWORD);
export const SA_STATUS = defineSearchAttributeKey('RectifyStatus', SearchAttributeType.KEYWORD);
export const SA_TRACK = defineSearchAttributeKey('RectifyTrack', SearchAttributeType.KEYWORD);
export const SA_OVERDUE_LEVEL = defineSearchAttributeKey('RectifyOverdueLevel', SearchAttributeType.INT);
export const SA_DUE_AT = defineSearchAttributeKey('RectifyDueAt', SearchAttributeType.DATETIME);
// 亮灯 (green, blue, yellow, red); unset while the measure is not open. Runs under `measure-lights` only.
export const SA_LIGHT = defineSearchAttributeKey('RectifyLight', SearchAttributeType.KEYWORD);
export const MEASURE_SEARCH_ATTRIBUTES = [
  SA_PLAN,
  SA_UNIT,
  SA_STATUS,
  SA_TRACK,
  SA_OVERDUE_LEVEL,
  SA_DUE_AT,
  SA_LIGHT,
];

export interface IndicatorState {
  readonly code: string;
  readonly name: string;
  readonly unit: string;
  readonly target: number;
  readonly baseline?: number;
  readonly current?: number;
  // 目标调整: set once the target was adjusted; `target` is then the adjusted one.
  readonly adjustment?: TargetAdjustment;
}

export interface MilestoneState {
  readonly code: string;
  readonly title: string;
  readonly dueAt: string;
  readonly reachedAt: string | null;
}

export interface ReferralItemState {
  readonly code: string;
  readonly summary: string;
  readonly outcome: string | null;
}

import type { EvidenceKind } from '../../libs/domain/src/evidence-kind';
export { EVIDENCE_KINDS } from '../../libs/domain/src/evidence-kind';
export type { EvidenceKind };

export interface Evidence {
  readonly kind: EvidenceKind;
  readonly description: string;
  // An uploaded file (POST /evidence), when there is one, with its content hash.
  readonly fileId?: string;
  readonly sha256?: string;
}

export interface MeasureWorkflowInput {
  readonly planCode: string;
  readonly measureCode: string;
  readonly title: string;
  readonly track: Track;
  readonly leadUnitCode: string;
  readonly leadLeader: string;
  // ISO-8601 UTC instant; calendar deadlines were read in the plan's zone before starting.
  readonly dueAt: string;
  readonly policy: EscalationPolicy;
  // The plan's working calendar as it was when the measure started (the JSON, not a code the run
  // would have to look up): working-day offsets count on it and reminders avoid its days off.
  // Absent: no calendar, as for every run before calendars existed.
  readonly calendar?: WorkingCalendar;
  readonly indicators?: readonly IndicatorState[];
  readonly milestones?: readonly { code: string; title: string; dueAt: string }[];
  readonly referralItems?: readonly { code: string; summary: string }[];
  // The plan's evidence rules: a completion claim must show evidence of each kind named.
  readonly evidenceRules?: readonly { kind: EvidenceKind; description: string }[];
  // Mechanism track: how often the lasting mechanism is reviewed once signed off (季分析: P3M).
  readonly reviewEvery?: string;
  // 长期坚持 under plan.longTermMeasures: reviews: no ladder; reviews every `reviewEvery` while
  // open, as a signed-off mechanism measure has. Absent on every run from before the choice.
  readonly reviewsOnly?: boolean;
  // Set when this measure is a sub-measure: the parent is told of every status change.
  readonly parentWorkflowId?: string;
  // The sub-measures its plan writes down (各市州 …), started by the import beside it.
  readonly subMeasures?: readonly Omit<ChildState, 'status'>[];
  // Upsert the Rectify* search attributes; the namespace must have them registered
  // (`rectify register-search-attributes`; the dev server gets them at start).
  readonly searchAttributes?: boolean;
  // Continue-as-new once the history holds this many events (the server also suggests it).
  readonly historyLimit?: number;
  // State carried over by continue-as-new (runs before the engine-v2 patch carried a bare snapshot,
  // runs before calendars carried none).
  readonly carried?: Omit<MeasureSnapshot, 'nextStep' | 'calendar'> &
    Partial<Pick<MeasureSnapshot, 'calendar'>> &
    Partial<MeasureRunState>;
}

export interface LadderStepView {
  readonly key: string;
  readonly kind: EscalationStepKind;
  readonly level: number;
  readonly fireAt: string;
  // Which deadline the step belongs to: `final` or a milestone code, and that deadline's instant.
  readonly target: string;
  readonly deadline: string;
  // With the target, what names a step: the final deadline's version (see MeasureSnapshot), so a
  // deadline moved away and back again runs its ladder anew. Absent on steps of older runs.
  readonly deadlineVersion?: number;
}

export interface FiredStep extends LadderStepView {
  readonly firedAt: string;
  // Fired on catching up: the measure was followed (or resumed) after this step's time.
  readonly catchUp: boolean;
}

export interface ClaimState {
  readonly actor: string;
  readonly claimedAt: string;
  readonly evidence: readonly Evidence[];
  readonly indicators: readonly IndicatorState[];
  readonly explanation: string | null;
  // Warnings the verifier sees: `paper_only` (纸上整改: documents only), `below_target:<code>`.
  readonly flags: readonly string[];
}

export interface SignOffState {
  readonly verifier: string;
  readonly approvedAt: string;
  readonly evidence: readonly Evidence[];
  readonly indicators: readonly IndicatorState[];
  // sha-256 of exactly what was approved (canonical JSON), computed by the recording activity.
  readonly contentHash: string;
}

export interface ChildState {
  readonly measureCode: string;
  readonly workflowId: string;
  readonly leadUnitCode: string;
  readonly status: MeasureStatus;
}

export interface MeasureSnapshot {
  readonly status: MeasureStatus;
  readonly track: Track;
  readonly dueAt: string;
  // Increases with every deadline change (extension, re-import): part of every step's identity.
  readonly deadlineVersion: number;
  readonly policy: EscalationPolicy;
  // The working calendar the ladder runs on (null: none); replaced by applyCalendar.
  readonly calendar: WorkingCalendar | null;
  readonly leadUnitCode: string;
  readonly leadLeader: string;
  readonly overdueLevel: number;
  readonly indicators: readonly IndicatorState[];
  readonly milestones: readonly MilestoneState[];
  readonly referralItems: readonly ReferralItemState[];
  readonly firedSteps: readonly FiredStep[];
  readonly skippedSteps: readonly LadderStepView[];
  readonly nextStep: LadderStepView | null;
  readonly progressReports: number;
  readonly claim: ClaimState | null;
  readonly signOff: SignOffState | null;
  readonly extensionRequest: { actor: string; requestedDueAt: string; reason: string } | null;
  readonly withdrawalRequest: { actor: string; justification: string } | null;
  readonly lookBackDueAt: string | null;
  readonly nextReviewAt: string | null;
  readonly children: readonly ChildState[];
  readonly lookBackAnnounced: boolean;
  readonly closedAt: string | null;
  // Counts recorded commands: with the workflow id it names each one for idempotent recording.
  readonly eventSeq: number;
  // 亮灯 (workflows/measure/lights.ts): the light last recorded, null while not open; absent on runs
  // from before the `measure-lights` patch, which keep no light.
  readonly light?: MeasureLight | null;
  // Where the span of 序时进度 starts: the measure's assignment (its first run's start).
  readonly lightSpanFrom?: string;
  // 签收 (acknowledgement.ts): the latest delivery to the lead unit; null or absent: none required.
  readonly acknowledgement?: AcknowledgementState | null;
}

export interface AcknowledgementState {
  // 待签收, 已签收, 已退回 (the office answers a return by reassigning or confirming).
  readonly status: AcknowledgementStatus;
  readonly unitCode: string;
  // Counts the measure's deliveries: part of the key of every step of the short ladder.
  readonly delivery: number;
  readonly deliveredAt: string;
  readonly acknowledgeBy: string;
  // The acknowledgement policy the delivery runs under: a policy applied later governs later deliveries.
  readonly policy: AcknowledgementPolicy;
  // Whether its `assignment_delivered` event is recorded (the escalation loop records it).
  readonly announced: boolean;
  // Keys of this delivery's short-ladder steps already fired or skipped.
  readonly handledSteps: readonly string[];
  readonly acknowledgedAt: string | null;
  readonly returned: { readonly actor: string; readonly reason: string; readonly at: string } | null;
}

// What a run hands to the next one at continue-as-new, besides the snapshot.
export interface MeasureRunState {
  // Counts every recorded event (commands and ladder steps): the read model applies an event's
  // effect on the measure row only if its sequence is newer than the row's.
  readonly recordSeq: number;
  // A planClosed signal that arrived before the run could act on it.
  readonly planClosedBy: string | null;
  // Whether the next run starts by catching up (only the highest past step fires) or fires each due step.
  readonly catchingUp: boolean;
  // The last status the parent was told of (sub-measures only).
  readonly parentToldOf: MeasureStatus | null;
  // Ids of recent updates, so a client's retry after continue-as-new is not applied twice.
  readonly updateIds: readonly string[];
}

// Commands. Every one names its actor; the API fills it from the authenticated caller.
// 补录: a progress report, claim or verification may say when it happened (an instant with offset,
// not in the future by the workflow's clock); the record keeps both times and marks it entered later.
// Runs from before the `backdated-entries` patch refuse it.
export interface BackdatedEntry {
  readonly occurredAt?: string;
}
export interface ReportProgressInput extends BackdatedEntry {
  readonly actor: string;
  readonly note: string;
  readonly indicators?: readonly { code: string; current: number }[];
  readonly milestonesReached?: readonly string[];
}
export interface ClaimCompletionInput extends BackdatedEntry {
  readonly actor: string;
  readonly evidence: readonly Evidence[];
  readonly indicators?: readonly { code: string; current: number }[];
  // Required when an indicator is below its target.
  readonly explanation?: string;
}
export interface VerifyInput extends BackdatedEntry {
  readonly actor: string;
  readonly decision: 'accept' | 'reject';
  readonly reasons?: string;
}
export interface RequestExtensionInput {
  readonly actor: string;
  readonly requestedDueAt: string;
  readonly reason: string;
}
export interface DecisionInput {
  readonly actor: string;
  readonly approve: boolean;
  readonly reason?: string;
}
export interface RequestWithdrawalInput {
  readonly actor: string;
  readonly justification: string;
}
export interface ReassignInput {
  readonly actor: string;
  readonly leadUnitCode?: string;
  readonly leadLeader?: string;
  readonly reason: string;
}
export interface ChangeDeadlineInput {
  readonly actor: string;
  readonly dueAt: string;
  readonly reason: string;
}
export interface WithdrawInput {
  readonly actor: string;
  readonly reason: string;
}
export interface RecordLookBackInput {
  readonly actor: string;
  readonly outcome: 'passed' | 'failed';
  readonly findings: string;
  // A failed look-back reopens the measure with a new deadline for the renewed rectification.
  readonly dueAt?: string;
}
export interface ScheduleLookBackInput {
  readonly actor: string;
  // ISO-8601 duration after now, e.g. P90D.
  readonly after: string;
}
export interface MaterialChangeInput {
  readonly actor: string;
  readonly kind: 'indicator_regression' | 'regression_evidence' | 'feedback_upheld';
  readonly description: string;
}
export interface RecordReviewInput {
  readonly actor: string;
  readonly outcome: 'effective' | 'ineffective';
  readonly note: string;
  readonly dueAt?: string;
}
export interface RecordReferralOutcomeInput {
  readonly actor: string;
  readonly itemCode: string;
  readonly outcome: string;
}
export interface SubMeasureInput {
  readonly code: string;
  readonly title: string;
  readonly leadUnitCode: string;
  readonly leadLeader: string;
  readonly dueAt: string;
  // A sub-measure follows the parent's rules unless the decomposition names its own.
  readonly evidenceRules?: readonly { kind: EvidenceKind; description: string }[];
  readonly indicators?: readonly IndicatorState[];
  readonly reviewEvery?: string;
}
export interface DecomposeInput {
  readonly actor: string;
  readonly subMeasures: readonly SubMeasureInput[];
}
export interface ApplyPolicyInput {
  readonly actor: string;
  readonly policy: EscalationPolicy;
}
export interface ApplyCalendarInput {
  readonly actor: string;
  // The whole calendar (the office changed it, or the plan names another); null: none.
  readonly calendar: WorkingCalendar | null;
}
export interface AcknowledgeInput {
  readonly actor: string;
}
export interface ReturnAssignmentInput {
  readonly actor: string;
  // 退回理由: wrong unit, already covered by another measure…
  readonly reason: string;
}
export interface ConfirmAssignmentInput {
  readonly actor: string;
}
// 目标调整 of one indicator (patch `indicator-target-adjustment`).
export interface AdjustIndicatorTargetInput {
  readonly actor: string;
  readonly indicator: string;
  readonly target: number;
  readonly reason: string;
  readonly approvedBy: string;
}
export interface CloseInput {
  readonly actor: string;
  readonly reason: string;
}

export interface MeasureOutcome {
  readonly status: MeasureStatus;
  readonly closedAt: string;
}

// ApplicationFailure types of refusals from update validators; the gateway maps them to domain codes.
export const COMMAND_REFUSED = 'COMMAND_REFUSED';
export const COMMAND_INVALID = 'COMMAND_INVALID';
// The command was valid but its outcome could not be recorded (the database refused it or stayed
// away too long): the measure's state is unchanged and the command may be sent again.
export const RECORDING_FAILED = 'RECORDING_FAILED';
// Activity failure types: data the read model can never store; a sub-measure code the plan has.
export const DATA_REFUSED = 'DATA_REFUSED';
export const SUB_MEASURE_CODE_TAKEN = 'SUB_MEASURE_CODE_TAKEN';

export const measureStateQuery = defineQuery<MeasureSnapshot>('state');
export const reportProgressUpdate = defineUpdate<MeasureSnapshot, [ReportProgressInput]>('reportProgress');
export const claimCompletionUpdate = defineUpdate<MeasureSnapshot, [ClaimCompletionInput]>('claimCompletion');
export const verifyUpdate = defineUpdate<MeasureSnapshot, [VerifyInput]>('verify');
export const requestExtensionUpdate = defineUpdate<MeasureSnapshot, [RequestExtensionInput]>(
  'requestExtension',
);
export const decideExtensionUpdate = defineUpdate<MeasureSnapshot, [DecisionInput]>('decideExtension');
export const requestWithdrawalUpdate = defineUpdate<MeasureSnapshot, [RequestWithdrawalInput]>(
  'requestWithdrawal',
);
export const decideWithdrawalUpdate = defineUpdate<MeasureSnapshot, [DecisionInput]>('decideWithdrawal');
export const reassignUpdate = defineUpdate<MeasureSnapshot, [ReassignInput]>('reassign');
export const changeDeadlineUpdate = defineUpdate<MeasureSnapshot, [ChangeDeadlineInput]>('changeDeadline');
export const withdrawUpdate = defineUpdate<MeasureSnapshot, [WithdrawInput]>('withdraw');
export const scheduleLookBackUpdate = defineUpdate<MeasureSnapshot, [ScheduleLookBackInput]>(
  'scheduleLookBack',
);
export const recordLookBackUpdate = defineUpdate<MeasureSnapshot, [RecordLookBackInput]>('recordLookBack');
export const materialChangeUpdate = defineUpdate<MeasureSnapshot, [MaterialChangeInput]>(
  'reportMaterialChange',
);
export const recordReviewUpdate = defineUpdate<MeasureSnapshot, [RecordReviewInput]>('recordReview');
export const recordReferralOutcomeUpdate = defineUpdate<MeasureSnapshot, [RecordReferralOutcomeInput]>(
  'recordReferralOutcome',
);
export const decomposeUpdate = defineUpdate<MeasureSnapshot, [DecomposeInput]>('decompose');
export const applyPolicyUpdate = defineUpdate<MeasureSnapshot, [ApplyPolicyInput]>('applyPolicy');
export const applyCalendarUpdate = defineUpdate<MeasureSnapshot, [ApplyCalendarInput]>('applyCalendar');
export const closeUpdate = defineUpdate<MeasureSnapshot, [CloseInput]>('close');
export const acknowledgeUpdate = defineUpdate<MeasureSnapshot, [AcknowledgeInput]>('acknowledge');
export const returnAssignmentUpdate = defineUpdate<MeasureSnapshot, [ReturnAssignmentInput]>(
  'returnAssignment',
);
export const confirmAssignmentUpdate = defineUpdate<MeasureSnapshot, [ConfirmAssignmentInput]>(
  'confirmAssignment',
);
export const adjustIndicatorTargetUpdate = defineUpdate<MeasureSnapshot, [AdjustIndicatorTargetInput]>(
  'adjustIndicatorTarget',
);
// A sub-measure tells its parent where it stands.
export const childStatusSignal = defineSignal<[ChildState]>('childStatus');
// The plan is closed: the measure's workflow ends where it stands.
export const planClosedSignal = defineSignal<[{ actor: string }]>('planClosed');
