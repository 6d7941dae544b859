// The domain's words on screen, once for every screen: statuses, tracks, ladder steps and levels
// (the Chinese terms are those of libs/domain's comments).
import { ESCALATION_LEVEL, ESCALATION_STEP_KINDS } from '../../../../libs/domain/src/escalation-ladder';
import type { EscalationStepKind } from '../../../../libs/domain/src/escalation-ladder';
import type { MeasureLight } from '../../../../libs/domain/src/measure-light';
import type { MeasureStatus } from '../../../../libs/domain/src/measure-status';
import type { Track } from '../../../../libs/domain/src/track';

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
