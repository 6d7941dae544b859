// The measure lifecycle (整改措施的状态机): which command each status accepts. Pure, so the
// workflow's update validators and any API pre-check use the same table.
export const MEASURE_STATUSES = [
  'assigned', // 已交办: followed, nothing reported yet
  'in_progress', // 整改中: progress reported, or sent back by a rejection or a failed look-back
  'completion_claimed', // 申请销号: a completion claim is under verification; the ladder pauses
  'verified', // 已销号: signed off; may still be looked back at or reopened by a material change
  'closed', // 已关闭: look-back passed, or the plan closed it; reopens only on a material change
  'withdrawn', // 已调出/核销: removed from scope with approval; final
] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];

export const MEASURE_COMMANDS = [
  'reportProgress', // 进展报告
  'claimCompletion', // 申请销号
  'verify', // 验收: accept (销号) or reject
  'requestExtension', // 申请延期
  'decideExtension',
  'requestWithdrawal', // 申请调出/核销
  'decideWithdrawal',
  'reassign', // change lead unit or leader
  'recordLookBack', // 回头看
  'reportMaterialChange', // regression after sign-off: back to verification
  'close', // the office closes a signed-off measure
  'changeDeadline', // the office moves the deadline directly (e.g. a re-imported plan)
  'withdraw', // the office withdraws directly (e.g. a measure removed from a re-imported plan)
  'scheduleLookBack', // 抽查: a signed-off measure is chosen for a later look-back
  'recordReview', // 季分析: periodic review of a lasting mechanism
  'recordReferralOutcome', // 逐条核实: outcome of one item handed to the discipline body
  'decompose', // split into sub-measures for units below
  'applyPolicy', // apply a new escalation policy version, after a preview
  'applyCalendar', // the plan's working calendar changed: re-arm the ladder on it
  'acknowledge', // 签收: the lead unit acknowledges the assignment delivered to it
  'returnAssignment', // 退回: the lead unit returns the assignment, with a reason
  'confirmAssignment', // the office answers a return: the same unit keeps it and must sign for it
  'adjustIndicatorTarget', // 目标调整: an indicator's target changes, with a reason and an approver
] as const;
export type MeasureCommand = (typeof MEASURE_COMMANDS)[number];

const OPEN: readonly MeasureCommand[] = [
  'reportProgress',
  'claimCompletion',
  'requestExtension',
  'decideExtension',
  'requestWithdrawal',
  'decideWithdrawal',
  'reassign',
  'changeDeadline',
  'withdraw',
  'recordReferralOutcome',
  'decompose',
  'applyPolicy',
  'applyCalendar',
  'acknowledge',
  'returnAssignment',
  'confirmAssignment',
  'adjustIndicatorTarget',
];

const ALLOWED: Record<MeasureStatus, readonly MeasureCommand[]> = {
  assigned: OPEN,
  in_progress: OPEN,
  completion_claimed: [
    'verify',
    'decideExtension',
    'decideWithdrawal',
    'reassign',
    'changeDeadline',
    'withdraw',
    'applyPolicy',
    'applyCalendar',
  ],
  verified: ['recordLookBack', 'scheduleLookBack', 'reportMaterialChange', 'recordReview', 'close'],
  closed: ['reportMaterialChange'],
  withdrawn: [],
};

export function isCommandAllowed(status: MeasureStatus, command: MeasureCommand): boolean {
  return ALLOWED[status].includes(command);
}

export function refusalReason(status: MeasureStatus, command: MeasureCommand): string | null {
  return isCommandAllowed(status, command) ? null : `a measure in status ${status} cannot accept ${command}`;
}

// Statuses in which the deadline is running and the escalation ladder may fire.
export function ladderRuns(status: MeasureStatus): boolean {
  return status === 'assigned' || status === 'in_progress';
}

export function isOpen(status: MeasureStatus): boolean {
  return status === 'assigned' || status === 'in_progress' || status === 'completion_claimed';
}
