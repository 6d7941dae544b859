// The domain's words on screen, once for every screen: statuses, tracks, ladder steps and levels
// (the Chinese terms are those of libs/domain's comments).
import { ESCALATION_LEVEL, ESCALATION_STEP_KINDS } from '../../../../libs/domain/src/escalation-ladder';
import type { EscalationStepKind } from '../../../../libs/domain/src/escalation-ladder';
import type { InstructionState, InstructionTargetKind } from '../../../../libs/domain/src/leader-instruction';
import type {
  AcknowledgementStatus,
  AcknowledgementStepKind,
} from '../../../../libs/domain/src/acknowledgement-policy';
import type { MeasureLight } from '../../../../libs/domain/src/measure-light';
import type { MeasureStatus } from '../../../../libs/domain/src/measure-status';
import type { DraftConfidence } from '../../../../libs/domain/src/plan-draft-sources';
import type { Track } from '../../../../libs/domain/src/track';
import type { AssessmentComponent } from '../../../../libs/domain/src/unit-assessment';
import type { Tone } from './state-tag';

type Tr = (zh: string, en: string) => string;

export const STATUS_TEXT: Record<MeasureStatus, readonly [string, string]> = {
  assigned: ['已交办', 'Assigned'],
  in_progress: ['整改中', 'In progress'],
  completion_claimed: ['申请销号', 'Completion claimed'],
  verified: ['已销号', 'Signed off'],
  closed: ['已关闭', 'Closed'],
  withdrawn: ['已调出', 'Withdrawn'],
};

export const TRACK_TEXT: Record<Track, readonly [string, string]> = {
  immediate: ['立行立改', 'Immediate'],
  mechanism: ['长效机制', 'Lasting mechanism'],
  long_term: ['攻坚清零', 'Long-term'],
  referral: ['线索移交', 'Referral'],
};

export const STEP_TEXT: Record<EscalationStepKind, readonly [string, string]> = {
  reminder: ['提醒', 'Reminder'],
  overdue_notice: ['催办', 'Overdue notice'],
  supervision_notice: ['督办', 'Supervision notice'],
  formal_talk: ['约谈', 'Formal talk'],
  accountability_referral: ['问责移送', 'Accountability referral'],
};

// The components of the unit assessment (考评), as docs/assessment.md names them.
export const ASSESSMENT_COMPONENT_TEXT: Record<AssessmentComponent, readonly [string, string]> = {
  onTime: ['按期完成', 'On time'],
  acknowledgementsOnTime: ['按时签收', 'Acknowledged on time'],
  reportsOnTime: ['按时报送', 'Reports on time'],
  overdue: ['逾期', 'Overdue'],
  escalations: ['督办升级', 'Escalations'],
  rejections: ['验收退回', 'Rejected claims'],
  lookBacksFailed: ['回头看未通过', 'Look-backs failed'],
};

// 批示 in a measure's timeline (GET /measures/:id merges them in with these kinds).
export const INSTRUCTION_EVENT_TEXT: Record<string, readonly [string, string]> = {
  instruction_issued: ['领导批示', 'Leader’s instruction'],
  instruction_answered: ['批示落实情况', 'Instruction answered'],
  instruction_answer_reminder: ['批示落实提醒', 'Instruction answer reminder'],
  instruction_answer_overdue: ['批示逾期未落实', 'Instruction answer overdue'],
};

export const INSTRUCTION_STATE_TEXT: Record<InstructionState, readonly [string, string]> = {
  awaiting_answer: ['待落实', 'Awaiting answer'],
  answered: ['已落实', 'Answered'],
  answer_overdue: ['逾期未落实', 'Answer overdue'],
};

export const INSTRUCTION_TARGET_TEXT: Record<InstructionTargetKind, readonly [string, string]> = {
  plan: ['整改方案', 'Plan'],
  problem: ['问题', 'Problem'],
  measure: ['整改措施', 'Measure'],
};

// 签收: where a measure's latest delivery stands.
export const ACKNOWLEDGEMENT_TEXT: Record<AcknowledgementStatus, readonly [string, string]> = {
  pending: ['待签收', 'Awaiting acknowledgement'],
  acknowledged: ['已签收', 'Acknowledged'],
  returned: ['已退回', 'Returned'],
};

// The events of 签收 and its short ladder, as the measure timeline names them.
export const ACKNOWLEDGEMENT_EVENT_TEXT: Record<
  | AcknowledgementStepKind
  | 'assignment_delivered'
  | 'assignment_acknowledged'
  | 'assignment_returned'
  | 'assignment_confirmed',
  readonly [string, string]
> = {
  assignment_delivered: ['交办送达（待签收）', 'Assignment delivered'],
  assignment_acknowledged: ['签收', 'Assignment acknowledged'],
  assignment_returned: ['退回', 'Assignment returned'],
  assignment_confirmed: ['退回未采纳，维持交办', 'Assignment confirmed'],
  acknowledgement_reminder: ['催签', 'Acknowledgement reminder'],
  acknowledgement_overdue: ['逾期未签收', 'Acknowledgement overdue'],
};

export function acknowledgementLabel(tr: Tr, s: AcknowledgementStatus): string {
  return ACKNOWLEDGEMENT_TEXT[s] ? tr(...ACKNOWLEDGEMENT_TEXT[s]) : s;
}

// 亮灯 (docs/lights.md), with the colour each is shown in.
export const LIGHT_TEXT: Record<MeasureLight, readonly [string, string]> = {
  green: ['绿灯', 'Green'],
  blue: ['蓝灯', 'Blue'],
  yellow: ['黄灯', 'Yellow'],
  red: ['红灯', 'Red'],
};

// Levels above 0, each named by the ladder step that reaches it.
export const LEVELS = [
  0,
  ...new Set(ESCALATION_STEP_KINDS.map((k) => ESCALATION_LEVEL[k]).filter((l) => l > 0)),
];

export function statusLabel(tr: Tr, s: MeasureStatus): string {
  return STATUS_TEXT[s] ? tr(...STATUS_TEXT[s]) : s;
}

export function lightLabel(tr: Tr, l: MeasureLight): string {
  return LIGHT_TEXT[l] ? tr(...LIGHT_TEXT[l]) : l;
}

export function trackLabel(tr: Tr, t: Track): string {
  return TRACK_TEXT[t] ? tr(...TRACK_TEXT[t]) : t;
}

export function stepLabel(tr: Tr, k: EscalationStepKind): string {
  return STEP_TEXT[k] ? tr(...STEP_TEXT[k]) : k;
}

export function levelLabel(tr: Tr, level: number): string {
  if (level === 0) return tr('未升级', 'None');
  const kind = ESCALATION_STEP_KINDS.find((k) => k !== 'reminder' && ESCALATION_LEVEL[k] === level);
  return kind ? stepLabel(tr, kind) : String(level);
}

// How sure a drafted field's reading is (docs/plan-drafts.md), with the tag colour that says it.
export const CONFIDENCE_TEXT: Record<DraftConfidence, readonly [string, string]> = {
  high: ['可信', 'High'],
  medium: ['较可信', 'Medium'],
  low: ['存疑', 'Low'],
  missing: ['待补充', 'Missing'],
};

export const CONFIDENCE_TONE: Record<DraftConfidence, Tone> = {
  high: 'green',
  medium: 'blue',
  low: 'orange',
  missing: 'red',
};

export function confidenceLabel(tr: Tr, c: DraftConfidence): string {
  return tr(...CONFIDENCE_TEXT[c]);
}
